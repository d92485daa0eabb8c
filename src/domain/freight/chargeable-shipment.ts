/**
 * Chargeable quantity of a first-leg shipment: chargeable kg (greater of actual and
 * volumetric weight, rounded up to the lane's step), W/M units (sea LCL) or containers
 * (sea FCL). All arithmetic is exact; only display strings are shortened (see `display`).
 */
import { Decimal } from 'decimal.js';
import { assertNever } from '../shared/result.js';
import { boxVolume, roundUpTo, UnitDecimal, weightIn } from '../units/index.js';
import { type Carton, cartonCount } from './carton.js';
import type { ChargeableBasis, Lane, LanePricing } from './lane.js';

export type ChargeableUnit = 'kg' | 'w/m' | 'container';

export interface CartonChargeable {
  ref: string | null;
  count: number;
  /** One carton's gross weight in kg (exact). */
  actualKg: string;
  /**
   * One carton's volume expressed as weight: cm³ ÷ divisor on per-kg lanes (3 decimals,
   * display only), CBM × kg-per-CBM on W/M lanes, null on container lanes.
   */
  volumetricKg: string | null;
  /** One carton's volume in m³ (exact). */
  cbm: string;
  /**
   * One carton's greater-of figure (kg or W/M units; 3 decimals for display): rounded up to
   * the lane step when the lane's basis is `per_carton`, unrounded for `shipment_total`
   * (then only the shipment total is rounded). Null on container lanes.
   */
  chargeable: string | null;
}

export interface ChargeableShipment {
  laneCode: string;
  pricing: LanePricing['kind'];
  /** Container lanes always work on the shipment total. */
  basis: ChargeableBasis;
  unit: ChargeableUnit;
  cartons: CartonChargeable[];
  cartonCount: number;
  totalActualKg: string;
  /** Total volumetric kg (3 decimals, display only), null on container lanes. */
  totalVolumetricKg: string | null;
  totalCbm: string;
  /** The chargeable figure before any lane minimum: rounded to the step, exact. */
  measured: string;
  /** What is billed: `measured`, or the lane minimum when that is higher. */
  chargeable: string;
  minimumApplied: boolean;
  /** Which side decided: weight (actual kg, tonnes) or volume (volumetric kg, CBM). */
  governedBy: 'weight' | 'volume';
}

interface Measured {
  carton: Carton;
  count: number;
  kg: Decimal;
  cm3: Decimal;
}

const CM3_PER_M3 = new UnitDecimal(1_000_000);
// cm³ → m³ is a shift of the decimal point: a product, exact, where a 50-digit division is slow.
const M3_PER_CM3 = new UnitDecimal('0.000001');

/** Shorten a possibly non-terminating value for display; never fed back into arithmetic. */
function display(d: Decimal, places = 3): string {
  return d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed();
}

function measure(cartons: readonly Carton[]): Measured[] {
  return cartons.map((carton) => ({
    carton,
    count: cartonCount(carton),
    kg: new UnitDecimal(weightIn(carton.weight, 'kg')),
    cm3: new UnitDecimal(boxVolume(carton.length, carton.width, carton.height, 'cm3').value),
  }));
}

function total(items: Measured[], pick: (m: Measured) => Decimal): Decimal {
  return items.reduce((acc, m) => acc.plus(pick(m).times(m.count)), new UnitDecimal(0));
}

/**
 * Greater-of comparison by basis. `weightSide`/`volumeSide` turn one carton (or the totals)
 * into the lane's unit; `step` is the rounding step.
 */
function greaterOf(
  items: Measured[],
  totalKg: Decimal,
  totalCm3: Decimal,
  basis: ChargeableBasis,
  step: string,
  weightSide: (kg: Decimal) => Decimal,
  volumeSide: (cm3: Decimal) => Decimal,
): { perCarton: Decimal[]; measured: Decimal; governedBy: 'weight' | 'volume' } {
  const governedBy = volumeSide(totalCm3).gt(weightSide(totalKg)) ? 'volume' : 'weight';
  if (basis === 'per_carton') {
    // Each carton: max(actual, volumetric) rounded up to the step; then Σ × count.
    const perCarton = items.map((m) => roundUpTo(Decimal.max(weightSide(m.kg), volumeSide(m.cm3)), step));
    const measured = perCarton.reduce((acc, c, i) => acc.plus(c.times(items[i]?.count ?? 0)), new UnitDecimal(0));
    return { perCarton, measured, governedBy };
  }
  // Shipment total: max(Σ actual, Σ volumetric), rounded up once.
  const perCarton = items.map((m) => Decimal.max(weightSide(m.kg), volumeSide(m.cm3)));
  const measured = roundUpTo(Decimal.max(weightSide(totalKg), volumeSide(totalCm3)), step);
  return { perCarton, measured, governedBy };
}

/**
 * Per-carton and total actual kg, volumetric kg, CBM and the chargeable quantity on `lane`.
 *
 * - per kg: volumetric kg = L×W×H cm ÷ divisor; chargeable = greater of actual and
 *   volumetric, rounded up to the weight step (per carton or on the total, per the lane).
 * - per CBM (W/M): units = greater of CBM and kg ÷ kg-per-CBM, rounded up to the unit step,
 *   at least the minimum units.
 * - per container: containers = ⌈max(CBM ÷ usable CBM, kg ÷ payload)⌉, at least 1.
 *
 * @example
 * // 60×40×40 cm = 96,000 cm³ ÷ 6,000 = 16 kg > 12 kg actual → 16 kg chargeable
 * chargeableShipment([cartonCm(60, 40, 40, 12)], airLane).chargeable; // '16'
 * // 1.8 CBM and 900 kg → max(1.8, 0.9 t) = 1.8 W/M
 * chargeableShipment(tenCartonsOf0_18Cbm90Kg, lclLane).chargeable; // '1.8'
 */
/**
 * The shipment with its per-carton detail computed on first read: a quote prices thousands of
 * estimated cartons and reads only the totals, and the detail is five 50-digit operations a
 * carton. The property is enumerable, so JSON and equality see it as a plain array.
 */
function withCartons(shipment: Omit<ChargeableShipment, 'cartons'>, detail: () => CartonChargeable[]): ChargeableShipment {
  let cartons: CartonChargeable[] | undefined;
  return Object.defineProperty(shipment, 'cartons', {
    enumerable: true,
    get: () => (cartons ??= detail()),
  }) as ChargeableShipment;
}

export function chargeableShipment(cartons: readonly Carton[], lane: Lane): ChargeableShipment {
  const items = measure(cartons);
  const totalKg = total(items, (m) => m.kg);
  const totalCm3 = total(items, (m) => m.cm3);
  const base = {
    laneCode: lane.code,
    pricing: lane.pricing.kind,
    cartonCount: items.reduce((acc, m) => acc + m.count, 0),
    totalActualKg: totalKg.toFixed(),
    totalCbm: totalCm3.times(M3_PER_CM3).toFixed(),
  };
  const cartonBase = (m: Measured) => ({
    ref: m.carton.ref ?? null,
    count: m.count,
    actualKg: m.kg.toFixed(),
    cbm: m.cm3.times(M3_PER_CM3).toFixed(),
  });
  const p = lane.pricing;
  switch (p.kind) {
    case 'per_kg': {
      // Each carton's volumetric weight is used twice (greater-of, then display): divide once.
      const volumetricOf = new Map<Decimal, Decimal>();
      const volumetric = (cm3: Decimal) => {
        let kg = volumetricOf.get(cm3);
        if (!kg) {
          kg = cm3.div(p.divisor);
          volumetricOf.set(cm3, kg);
        }
        return kg;
      };
      const { perCarton, measured, governedBy } = greaterOf(items, totalKg, totalCm3, p.basis, p.weightStepKg, (kg) => kg, volumetric);
      const minimum = new UnitDecimal(p.minimumChargeableKg ?? 0);
      const minimumApplied = minimum.gt(measured);
      return withCartons(
        {
          ...base,
          basis: p.basis,
          unit: 'kg',
          totalVolumetricKg: display(volumetric(totalCm3)),
          measured: measured.toFixed(),
          chargeable: (minimumApplied ? minimum : measured).toFixed(),
          minimumApplied,
          governedBy,
        },
        () =>
          items.map((m, i) => ({
            ...cartonBase(m),
            volumetricKg: display(volumetric(m.cm3)),
            chargeable: display(perCarton[i] as Decimal),
          })),
      );
    }
    case 'per_cbm': {
      const tonnes = (kg: Decimal) => kg.div(p.kgPerCbm);
      const cbm = (cm3: Decimal) => cm3.times(M3_PER_CM3);
      const { perCarton, measured, governedBy } = greaterOf(items, totalKg, totalCm3, p.basis, p.unitStep, tonnes, cbm);
      const minimum = new UnitDecimal(p.minimumUnits);
      const minimumApplied = minimum.gt(measured);
      return withCartons(
        {
          ...base,
          basis: p.basis,
          unit: 'w/m',
          totalVolumetricKg: cbm(totalCm3).times(p.kgPerCbm).toFixed(),
          measured: measured.toFixed(),
          chargeable: (minimumApplied ? minimum : measured).toFixed(),
          minimumApplied,
          governedBy,
        },
        () =>
          items.map((m, i) => ({
            ...cartonBase(m),
            volumetricKg: cbm(m.cm3).times(p.kgPerCbm).toFixed(),
            chargeable: display(perCarton[i] as Decimal),
          })),
      );
    }
    case 'per_container': {
      const byVolume = totalCm3.div(CM3_PER_M3).div(p.usableCbm);
      const byWeight = totalKg.div(p.maxPayloadKg);
      const measured = roundUpTo(Decimal.max(byVolume, byWeight), '1');
      const minimumApplied = measured.lt(1);
      return withCartons(
        {
          ...base,
          basis: 'shipment_total',
          unit: 'container',
          totalVolumetricKg: null,
          measured: measured.toFixed(),
          chargeable: (minimumApplied ? new UnitDecimal(1) : measured).toFixed(),
          minimumApplied,
          governedBy: byVolume.gt(byWeight) ? 'volume' : 'weight',
        },
        () => items.map((m) => ({ ...cartonBase(m), volumetricKg: null, chargeable: null })),
      );
    }
    default:
      return assertNever(p);
  }
}
