/**
 * Customs tables shipped with the code.
 *
 * - MPF, HMF and de minimis rows are the published values (DOMAIN.md), `sample: false`;
 *   verify each fiscal year's MPF before 1 October and add the next year's row.
 * - HTS, Section 301 and temporary-surcharge rows are SAMPLES (`sample: true`): a handful of
 *   headings so demos and tests have realistic numbers. They are not a tariff schedule, and
 *   the 2025 surcharges changed repeatedly; the operator loads and maintains the real rows
 *   (HTSUS from USITC, Section 301 lists from USTR, surcharges from CBP CSMS messages).
 *   Quotes that touch a sample row carry a warning naming it.
 */
import type { CustomsTables, DeMinimisRule, HmfRate, HtsRate, MpfFiscalYear, Section301Rate, TemporarySurcharge } from './tables.js';

const HTSUS_2025 = 'HTSUS 2025 Basic Edition (USITC), general column 1 rate — SAMPLE, verify against the current revision';

export const SAMPLE_HTS_RATES: readonly HtsRate[] = [
  {
    id: 'hts-8518302000',
    htsPrefix: '8518302000',
    rate: { kind: 'ad_valorem', percent: '4.9' },
    description: 'Headphones and earphones',
    effectiveFrom: '2025-01-01',
    source: HTSUS_2025,
    sample: true,
  },
  {
    id: 'hts-61091000',
    htsPrefix: '61091000',
    rate: { kind: 'ad_valorem', percent: '16.5' },
    description: 'T-shirts, knitted, of cotton',
    effectiveFrom: '2025-01-01',
    source: HTSUS_2025,
    sample: true,
  },
  {
    id: 'hts-85076000',
    htsPrefix: '85076000',
    rate: { kind: 'ad_valorem', percent: '3.4' },
    description: 'Lithium-ion accumulators',
    effectiveFrom: '2025-01-01',
    source: HTSUS_2025,
    sample: true,
  },
  {
    id: 'hts-39269099',
    htsPrefix: '39269099',
    rate: { kind: 'ad_valorem', percent: '5.3' },
    description: 'Other articles of plastics',
    effectiveFrom: '2025-01-01',
    source: HTSUS_2025,
    sample: true,
  },
  {
    id: 'hts-94032000',
    htsPrefix: '94032000',
    rate: { kind: 'ad_valorem', percent: '0' },
    description: 'Other metal furniture (Free)',
    effectiveFrom: '2025-01-01',
    source: HTSUS_2025,
    sample: true,
  },
  {
    id: 'hts-95030000',
    htsPrefix: '95030000',
    rate: { kind: 'ad_valorem', percent: '0' },
    description: 'Toys (Free)',
    effectiveFrom: '2025-01-01',
    source: HTSUS_2025,
    sample: true,
  },
  {
    id: 'hts-84713001',
    htsPrefix: '84713001',
    rate: { kind: 'ad_valorem', percent: '0' },
    description: 'Portable computers (Free)',
    effectiveFrom: '2025-01-01',
    source: HTSUS_2025,
    sample: true,
  },
];

const USTR = (notice: string) => `USTR Section 301 (China), ${notice} — SAMPLE, verify the HTS line against the USTR lists and exclusions`;

export const SAMPLE_SECTION_301: readonly Section301Rate[] = [
  // List 4A took effect 2019-09-01 at 15% and was halved to 7.5% from 2020-02-14 (Phase One).
  {
    id: '301-4A-85183020-15',
    list: '4A',
    htsPrefix: '85183020',
    percent: '15',
    countries: ['CN'],
    effectiveFrom: '2019-09-01',
    effectiveUntil: '2020-02-13',
    source: USTR('List 4A'),
    sample: true,
  },
  {
    id: '301-4A-85183020',
    list: '4A',
    htsPrefix: '85183020',
    percent: '7.5',
    countries: ['CN'],
    effectiveFrom: '2020-02-14',
    source: USTR('List 4A, reduced to 7.5% from 2020-02-14'),
    sample: true,
  },
  {
    id: '301-4A-61091000',
    list: '4A',
    htsPrefix: '61091000',
    percent: '7.5',
    countries: ['CN'],
    effectiveFrom: '2020-02-14',
    source: USTR('List 4A'),
    sample: true,
  },
  // Four-year review: non-EV lithium-ion batteries 7.5% → 25% from 2026-01-01; EV batteries 25% from 2024-09-27.
  {
    id: '301-4A-8507600020',
    list: '4A',
    htsPrefix: '8507600020',
    percent: '7.5',
    countries: ['CN'],
    effectiveFrom: '2020-02-14',
    effectiveUntil: '2025-12-31',
    source: USTR('List 4A'),
    sample: true,
  },
  {
    id: '301-4YR-8507600020',
    list: '4-year review',
    htsPrefix: '8507600020',
    percent: '25',
    countries: ['CN'],
    effectiveFrom: '2026-01-01',
    source: USTR('four-year review modification'),
    sample: true,
  },
  {
    id: '301-4YR-8507600010',
    list: '4-year review',
    htsPrefix: '8507600010',
    percent: '25',
    countries: ['CN'],
    effectiveFrom: '2024-09-27',
    source: USTR('four-year review modification'),
    sample: true,
  },
  // List 3: 10% from 2018-09-24, 25% from 2019-05-10.
  {
    id: '301-3-94032000',
    list: '3',
    htsPrefix: '94032000',
    percent: '25',
    countries: ['CN'],
    effectiveFrom: '2019-05-10',
    source: USTR('List 3'),
    sample: true,
  },
];

const FENTANYL = { en: 'IEEPA surcharge (fentanyl, China/Hong Kong)', zh: 'IEEPA 附加关税（芬太尼，中国/香港）' };
const RECIPROCAL = { en: 'IEEPA reciprocal surcharge (China)', zh: 'IEEPA 对等附加关税（中国）' };
const CN_HK = ['CN', 'HK'] as const;
const CN_HK_MO = ['CN', 'HK', 'MO'] as const;

/**
 * SAMPLE 2025 surcharges, to show how dated rows replace one another. The dates follow the
 * executive orders as published (EO 14195, 14228 fentanyl; EO 14257, 14259, 14266 reciprocal
 * and the 2025-05-14 reduction); later changes (including court rulings) must be entered by
 * the operator — an open-ended row here is not a statement that the rate still applies.
 */
export const SAMPLE_TEMPORARY_SURCHARGES: readonly TemporarySurcharge[] = [
  {
    id: 'ieepa-fent-2025-02-04',
    measure: 'ieepa_fentanyl_cn',
    label: FENTANYL,
    countries: CN_HK,
    htsPrefix: '',
    percent: '10',
    effectiveFrom: '2025-02-04',
    effectiveUntil: '2025-03-03',
    source: 'EO 14195 — SAMPLE',
    sample: true,
  },
  {
    id: 'ieepa-fent-2025-03-04',
    measure: 'ieepa_fentanyl_cn',
    label: FENTANYL,
    countries: CN_HK,
    htsPrefix: '',
    percent: '20',
    effectiveFrom: '2025-03-04',
    effectiveUntil: '2025-11-09',
    source: 'EO 14228 — SAMPLE',
    sample: true,
  },
  {
    id: 'ieepa-fent-2025-11-10',
    measure: 'ieepa_fentanyl_cn',
    label: FENTANYL,
    countries: CN_HK,
    htsPrefix: '',
    percent: '10',
    effectiveFrom: '2025-11-10',
    source: 'November 2025 US–China arrangement — SAMPLE',
    sample: true,
  },
  {
    id: 'ieepa-recip-2025-04-05',
    measure: 'ieepa_reciprocal_cn',
    label: RECIPROCAL,
    countries: CN_HK_MO,
    htsPrefix: '',
    percent: '10',
    effectiveFrom: '2025-04-05',
    effectiveUntil: '2025-04-08',
    source: 'EO 14257 — SAMPLE',
    sample: true,
  },
  {
    id: 'ieepa-recip-2025-04-09',
    measure: 'ieepa_reciprocal_cn',
    label: RECIPROCAL,
    countries: CN_HK_MO,
    htsPrefix: '',
    percent: '84',
    effectiveFrom: '2025-04-09',
    effectiveUntil: '2025-04-09',
    source: 'EO 14259 — SAMPLE',
    sample: true,
  },
  {
    id: 'ieepa-recip-2025-04-10',
    measure: 'ieepa_reciprocal_cn',
    label: RECIPROCAL,
    countries: CN_HK_MO,
    htsPrefix: '',
    percent: '125',
    effectiveFrom: '2025-04-10',
    effectiveUntil: '2025-05-13',
    source: 'EO 14266 — SAMPLE',
    sample: true,
  },
  {
    id: 'ieepa-recip-2025-05-14',
    measure: 'ieepa_reciprocal_cn',
    label: RECIPROCAL,
    countries: CN_HK_MO,
    htsPrefix: '',
    percent: '10',
    effectiveFrom: '2025-05-14',
    source: 'May 2025 US–China joint statement — SAMPLE',
    sample: true,
  },
  // Computers and smartphones were exempted from the reciprocal surcharge (CBP guidance of 2025-04-11, back to 2025-04-05).
  {
    id: 'ieepa-recip-exempt-8471',
    measure: 'ieepa_reciprocal_cn',
    label: RECIPROCAL,
    countries: CN_HK_MO,
    htsPrefix: '8471',
    percent: '0',
    effectiveFrom: '2025-04-05',
    source: 'CBP CSMS, reciprocal exemptions — SAMPLE',
    sample: true,
  },
];

const MPF_SOURCE = (fy: number) =>
  `19 CFR 24.23(b)(1)(i)(A): 0.3464% ad valorem; FY${fy} minimum/maximum from CBP's annual inflation adjustment (Federal Register)`;

export const MPF_FISCAL_YEARS: readonly MpfFiscalYear[] = [
  {
    id: 'mpf-fy2025',
    fiscalYear: 2025,
    from: '2024-10-01',
    through: '2025-09-30',
    percent: '0.3464',
    minimum: '32.71',
    maximum: '634.62',
    source: MPF_SOURCE(2025),
    sample: false,
  },
  {
    id: 'mpf-fy2026',
    fiscalYear: 2026,
    from: '2025-10-01',
    through: '2026-09-30',
    percent: '0.3464',
    minimum: '33.58',
    maximum: '651.50',
    source: MPF_SOURCE(2026),
    sample: false,
  },
];

export const HMF_RATES: readonly HmfRate[] = [
  {
    id: 'hmf-1991',
    percent: '0.125',
    effectiveFrom: '1991-01-01',
    source: '19 CFR 24.24 (26 U.S.C. 4461): 0.125% of value, commercial cargo unloaded at US ports',
    sample: false,
  },
];

export const DE_MINIMIS_RULES: readonly DeMinimisRule[] = [
  {
    id: 'de-minimis-2016-03-10',
    countries: 'all',
    available: true,
    thresholdUsd: '800',
    effectiveFrom: '2016-03-10',
    source: '19 U.S.C. 1321 (Section 321) as amended by TFTEA: $800',
    sample: false,
  },
  {
    id: 'de-minimis-cn-hk-2025-05-02',
    countries: ['CN', 'HK'],
    available: false,
    thresholdUsd: '800',
    effectiveFrom: '2025-05-02',
    source: 'CBP: de minimis ended for China and Hong Kong origin (EO 14256)',
    sample: false,
  },
  {
    id: 'de-minimis-all-2025-08-29',
    countries: 'all',
    available: false,
    thresholdUsd: '800',
    effectiveFrom: '2025-08-29',
    source: 'CBP: de minimis suspended for all countries (EO 14324)',
    sample: false,
  },
];

/** The tables above, ready for `dutiesFor`. HTS/301/surcharge rows are samples: see the file header. */
export const SAMPLE_CUSTOMS_TABLES: CustomsTables = {
  code: 'US-CUSTOMS',
  version: 1,
  rounding: 'half_up',
  informalEntryLimitUsd: '2500',
  hts: SAMPLE_HTS_RATES,
  section301: SAMPLE_SECTION_301,
  temporarySurcharges: SAMPLE_TEMPORARY_SURCHARGES,
  mpf: MPF_FISCAL_YEARS,
  hmf: HMF_RATES,
  deMinimis: DE_MINIMIS_RULES,
};
