export { convertLength, isLengthUnit, LENGTH_UNITS, type Length, type LengthUnit, length, lengthIn } from './length.js';
export { roundToNearest, roundUpTo } from './step-rounding.js';
export { UnitDecimal } from './unit-decimal.js';
export {
  boxVolume,
  convertVolume,
  isVolumeUnit,
  type Volume,
  type VolumeUnit,
  VOLUME_UNITS,
  volume,
  volumeIn,
} from './volume.js';
export { convertWeight, isWeightUnit, type Weight, type WeightUnit, WEIGHT_UNITS, weight, weightIn } from './weight.js';
