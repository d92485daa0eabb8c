export { type Carton, cartonCm, cartonCount } from './carton.js';
export { type CartonChargeable, type ChargeableShipment, type ChargeableUnit, chargeableShipment } from './chargeable-shipment.js';
export {
  type ChargeableBasis,
  customsModeOf,
  FREIGHT_MODES,
  type FreightMode,
  type GoodsPolicy,
  type Lane,
  type LanePricing,
  type PerCbmPricing,
  type PerContainerPricing,
  type PerKgPricing,
  SENSITIVE_GOODS,
  type SensitiveGoods,
  validateLane,
  type WeightBracket,
} from './lane.js';
export { type FirstLegGoods, type FirstLegQuote, type FirstLegRefusal, priceFirstLeg } from './price-first-leg.js';
export {
  SAMPLE_AIR_LANE,
  SAMPLE_EXPRESS_LANE,
  SAMPLE_LANES,
  SAMPLE_SEA_DDP_LANE,
  SAMPLE_SEA_FCL_LANE,
  SAMPLE_SEA_LCL_LANE,
} from './sample-lanes.js';
