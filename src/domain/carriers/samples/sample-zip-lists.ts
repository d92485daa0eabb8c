/**
 * Destination ZIP lists for the sample cards' delivery-area surcharges. SAMPLE DATA: a handful
 * of rural ZIPs chosen for tests and benchmarks, not any carrier's published list (UPS and FedEx
 * publish thousands of ZIPs, updated yearly); load the real lists through the import.
 */

/** Sample "delivery area" ZIP5s. */
export const SAMPLE_DELIVERY_AREA_ZIPS: readonly string[] = Object.freeze([
  '04622',
  '04631',
  '05032',
  '05058',
  '12720',
  '13313',
  '16311',
  '24602',
  '25621',
  '26615',
  '28712',
  '31554',
  '35440',
  '38673',
  '42602',
  '47567',
  '49908',
  '54566',
  '56626',
  '57311',
  '58214',
  '59001',
  '59410',
  '62534',
  '65788',
  '67336',
  '68731',
  '71758',
  '73842',
  '75926',
  '79847',
  '80426',
  '82190',
  '83226',
  '84710',
  '85533',
  '87013',
  '88347',
  '89040',
  '97038',
  '98589',
  '99116',
]);

/** Sample "extended delivery area" ZIP5s and one whole ZIP3 (693, western Nebraska). */
export const SAMPLE_EXTENDED_AREA_ZIPS: readonly string[] = Object.freeze([
  '04660',
  '12812',
  '24620',
  '26209',
  '30571',
  '36912',
  '41725',
  '49959',
  '57625',
  '59062',
  '81137',
  '83278',
  '86044',
  '87420',
  '89316',
  '97906',
  '99128',
  '693',
]);

/** Sample "remote area": Hawaii and Alaska by ZIP3 prefix. */
export const SAMPLE_REMOTE_AREA_ZIPS: readonly string[] = Object.freeze(['967', '968', '995', '996', '997', '998', '999']);
