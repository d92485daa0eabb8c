/**
 * SAMPLE first-leg lanes. The rates are illustrative (the right order of magnitude for
 * 2025 China → US special lines, in CNY) so the demo and tests have realistic numbers; they
 * are NOT any provider's prices. Every lane here has `sample: true`, and quotes made from
 * them carry a warning saying so. Operators load their own cards.
 */
import type { Lane } from './lane.js';

const AIR_GOODS: Lane['goods'] = {
  // IATA DGR: lithium batteries fly only packed with or in equipment, with an MSDS and the
  // UN38.3 test summary; loose liquids and powders are refused by most air special lines.
  battery: { kind: 'with_documents', documents: ['MSDS', 'UN38.3 test summary'], surchargePerUnit: '3' },
  liquid: { kind: 'refused' },
  powder: { kind: 'refused' },
  magnetic: { kind: 'with_documents', documents: ['magnetic inspection report (磁检报告)'] },
};

/** Air special line Shenzhen → Los Angeles: ÷6,000, 0.5 kg step, weight breaks 21/45/100/300 kg. */
export const SAMPLE_AIR_LANE: Lane = {
  code: 'SAMPLE/CN-SZX>US-LAX/AIR',
  version: 1,
  effectiveFrom: '2025-10-01',
  name: { en: 'Air special line Shenzhen → Los Angeles', zh: '深圳—洛杉矶 空运专线' },
  mode: 'air',
  origin: 'CN-SZX',
  destination: 'US-LAX',
  currency: 'CNY',
  rounding: 'half_up',
  pricing: {
    kind: 'per_kg',
    divisor: 6000,
    weightStepKg: '0.5',
    basis: 'shipment_total',
    brackets: [
      { fromKg: '0', ratePerKg: '38.00' },
      { fromKg: '21', ratePerKg: '34.00' },
      { fromKg: '45', ratePerKg: '31.00' },
      { fromKg: '100', ratePerKg: '28.50' },
      { fromKg: '300', ratePerKg: '27.00' },
    ],
    chargeNextBreakIfCheaper: true,
    minimumCharge: '200.00',
  },
  transitDays: { min: 7, max: 12 },
  ddp: false,
  goods: AIR_GOODS,
  sample: true,
};

/** Express courier Shenzhen → New Jersey warehouse: ÷5,000, 1 kg step, each carton its own piece. */
export const SAMPLE_EXPRESS_LANE: Lane = {
  code: 'SAMPLE/CN-SZX>US-NJ1/EXPRESS',
  version: 1,
  effectiveFrom: '2025-10-01',
  name: { en: 'Express Shenzhen → New Jersey', zh: '深圳—新泽西 国际快递' },
  mode: 'express',
  origin: 'CN-SZX',
  destination: 'US-NJ1',
  currency: 'CNY',
  rounding: 'half_up',
  pricing: {
    kind: 'per_kg',
    divisor: 5000,
    weightStepKg: '1',
    basis: 'per_carton',
    brackets: [
      { fromKg: '0', ratePerKg: '52.00' },
      { fromKg: '21', ratePerKg: '46.00' },
    ],
    chargeNextBreakIfCheaper: false,
    minimumCharge: '0',
  },
  transitDays: { min: 4, max: 7 },
  ddp: false,
  goods: AIR_GOODS,
  sample: true,
};

/** Sea LCL Yantian → Los Angeles: W/M at 1,000 kg per CBM, minimum 1 unit, 0.01 step. */
export const SAMPLE_SEA_LCL_LANE: Lane = {
  code: 'SAMPLE/CN-YTN>US-LAX/LCL',
  version: 1,
  effectiveFrom: '2025-10-01',
  name: { en: 'Sea LCL Yantian → Los Angeles', zh: '盐田—洛杉矶 海运拼箱' },
  mode: 'sea_lcl',
  origin: 'CN-YTN',
  destination: 'US-LAX',
  currency: 'CNY',
  rounding: 'half_up',
  pricing: {
    kind: 'per_cbm',
    kgPerCbm: '1000',
    unitStep: '0.01',
    basis: 'shipment_total',
    ratePerUnit: '1200.00',
    minimumUnits: '1',
    minimumCharge: '0',
  },
  transitDays: { min: 25, max: 35 },
  ddp: false,
  goods: {
    battery: { kind: 'with_documents', documents: ['MSDS', 'UN38.3 test summary'] },
    liquid: { kind: 'with_documents', documents: ['MSDS'] },
    powder: { kind: 'with_documents', documents: ['MSDS'] },
    magnetic: { kind: 'accepted' },
  },
  sample: true,
};

/** Sea DDP "fast boat" Yantian → New Jersey, priced per kg (÷6,000, 1 kg step, 21 kg minimum). */
export const SAMPLE_SEA_DDP_LANE: Lane = {
  code: 'SAMPLE/CN-YTN>US-NJ1/SEA-DDP',
  version: 1,
  effectiveFrom: '2025-10-01',
  name: { en: 'Sea DDP Yantian → New Jersey (duties included)', zh: '盐田—新泽西 海运双清包税' },
  mode: 'sea_lcl',
  origin: 'CN-YTN',
  destination: 'US-NJ1',
  currency: 'CNY',
  rounding: 'half_up',
  pricing: {
    kind: 'per_kg',
    divisor: 6000,
    weightStepKg: '1',
    basis: 'shipment_total',
    brackets: [
      { fromKg: '0', ratePerKg: '14.00' },
      { fromKg: '100', ratePerKg: '12.50' },
    ],
    chargeNextBreakIfCheaper: true,
    minimumChargeableKg: '21',
    minimumCharge: '0',
  },
  transitDays: { min: 20, max: 30 },
  ddp: true,
  goods: {
    battery: { kind: 'with_documents', documents: ['MSDS', 'UN38.3 test summary'], surchargePerUnit: '2' },
    liquid: { kind: 'refused' },
    powder: { kind: 'refused' },
    magnetic: { kind: 'accepted' },
  },
  sample: true,
};

/** Sea FCL 40HQ Yantian → Los Angeles: 68 CBM usable, 26,500 kg payload. */
export const SAMPLE_SEA_FCL_LANE: Lane = {
  code: 'SAMPLE/CN-YTN>US-LAX/FCL-40HQ',
  version: 1,
  effectiveFrom: '2025-10-01',
  name: { en: 'Sea FCL 40HQ Yantian → Los Angeles', zh: '盐田—洛杉矶 海运整柜 40HQ' },
  mode: 'sea_fcl',
  origin: 'CN-YTN',
  destination: 'US-LAX',
  currency: 'CNY',
  rounding: 'half_up',
  pricing: { kind: 'per_container', containerType: '40HQ', usableCbm: '68', maxPayloadKg: '26500', ratePerContainer: '18000.00' },
  transitDays: { min: 18, max: 28 },
  ddp: false,
  goods: {
    battery: { kind: 'with_documents', documents: ['MSDS', 'UN38.3 test summary'] },
    liquid: { kind: 'with_documents', documents: ['MSDS'] },
    powder: { kind: 'with_documents', documents: ['MSDS'] },
    magnetic: { kind: 'accepted' },
  },
  sample: true,
};

export const SAMPLE_LANES: readonly Lane[] = [
  SAMPLE_AIR_LANE,
  SAMPLE_EXPRESS_LANE,
  SAMPLE_SEA_LCL_LANE,
  SAMPLE_SEA_DDP_LANE,
  SAMPLE_SEA_FCL_LANE,
];
