import type { BilingualText } from '../types';

export interface PresetDestination {
  zip: string;
  share: string;
  city: BilingualText;
}

/**
 * Buyers spread roughly like the US population across big metros, coast to coast, so the
 * postage zones of a quote look like a national seller's. Shares add up to 1.
 */
export const US_POPULATION_MIX: readonly PresetDestination[] = [
  { zip: '10001', share: '0.20', city: { en: 'New York, NY', zh: '纽约' } },
  { zip: '90012', share: '0.14', city: { en: 'Los Angeles, CA', zh: '洛杉矶' } },
  { zip: '60601', share: '0.10', city: { en: 'Chicago, IL', zh: '芝加哥' } },
  { zip: '75201', share: '0.08', city: { en: 'Dallas, TX', zh: '达拉斯' } },
  { zip: '77002', share: '0.08', city: { en: 'Houston, TX', zh: '休斯敦' } },
  { zip: '20001', share: '0.07', city: { en: 'Washington, DC', zh: '华盛顿' } },
  { zip: '33131', share: '0.07', city: { en: 'Miami, FL', zh: '迈阿密' } },
  { zip: '19103', share: '0.07', city: { en: 'Philadelphia, PA', zh: '费城' } },
  { zip: '30303', share: '0.07', city: { en: 'Atlanta, GA', zh: '亚特兰大' } },
  { zip: '85004', share: '0.06', city: { en: 'Phoenix, AZ', zh: '凤凰城' } },
  { zip: '98101', share: '0.06', city: { en: 'Seattle, WA', zh: '西雅图' } },
];

const BY_ZIP = new Map(US_POPULATION_MIX.map((d) => [d.zip, d.city]));

/** The city of a preset ZIP, for a hint beside the ZIP. */
export function presetCity(zip: string): BilingualText | undefined {
  return BY_ZIP.get(zip.trim());
}
