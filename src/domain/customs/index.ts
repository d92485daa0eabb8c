export { type BrokerageSchedule, brokerageFor, htsLineCount, SAMPLE_BROKERAGE } from './brokerage.js';
export {
  type CustomsEntry,
  type CustomsError,
  type CustomsQuote,
  type CustomsTable,
  type DeliveryTerms,
  type DeMinimisStatus,
  dutiesFor,
  type EntryLine,
  type EntryMode,
  normaliseHsCode,
} from './duties.js';
export { fiscalYearOf, isIsoDate } from './iso-date.js';
export { inForce, type Lookup, selectRow } from './rate-lookup.js';
export {
  DE_MINIMIS_RULES,
  HMF_RATES,
  MPF_FISCAL_YEARS,
  SAMPLE_CUSTOMS_TABLES,
  SAMPLE_HTS_RATES,
  SAMPLE_SECTION_301,
  SAMPLE_TEMPORARY_SURCHARGES,
} from './sample-tables.js';
export {
  type CustomsTables,
  type DatedValidity,
  type DeMinimisRule,
  type DutyRate,
  type HmfRate,
  type HtsRate,
  type MpfFiscalYear,
  type Section301Rate,
  type TableSource,
  type TemporarySurcharge,
  validateCustomsTables,
} from './tables.js';
