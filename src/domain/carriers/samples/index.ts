/**
 * Sample carrier cards (sample prices, not the carriers' published rates; load the real tables
 * through the import). Useful for demos, tests and benchmarks.
 */
import type { CarrierService } from '../service.js';
import { FEDEX_GROUND_SAMPLE, FEDEX_HOME_DELIVERY_SAMPLE } from './fedex-ground.js';
import { UPS_GROUND_SAMPLE } from './ups-ground.js';
import { USPS_GROUND_ADVANTAGE_SAMPLE } from './usps-ground-advantage.js';

export { FEDEX_GROUND_RATE_TABLE, FEDEX_GROUND_SAMPLE, FEDEX_HOME_DELIVERY_SAMPLE } from './fedex-ground.js';
export { SAMPLE_DELIVERY_AREA_ZIPS, SAMPLE_EXTENDED_AREA_ZIPS, SAMPLE_REMOTE_AREA_ZIPS } from './sample-zip-lists.js';
export { UPS_GROUND_SAMPLE } from './ups-ground.js';
export { USPS_GROUND_ADVANTAGE_SAMPLE } from './usps-ground-advantage.js';

/** Every sample service, USPS first. */
export const SAMPLE_SERVICES: readonly CarrierService[] = Object.freeze([
  USPS_GROUND_ADVANTAGE_SAMPLE,
  UPS_GROUND_SAMPLE,
  FEDEX_GROUND_SAMPLE,
  FEDEX_HOME_DELIVERY_SAMPLE,
]);
