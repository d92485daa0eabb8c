/**
 * Sizes and weights arrive as exact decimal strings ("30.000"); show them the way a seller
 * writes them ("30"), never through floating point.
 */

/** @example trimDecimal('30.000') // '30'; trimDecimal('2.500') // '2.5' */
export function trimDecimal(value: string): string {
  const text = value.trim();
  if (!/^-?\d+\.\d+$/.test(text)) return text;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

/** @example formatDimensions({ length: '30.000', width: '25', height: '3', dimension_unit: 'cm' }) // '30 × 25 × 3 cm' */
export function formatDimensions(sku: { length: string; width: string; height: string; dimension_unit: string }): string {
  return `${trimDecimal(sku.length)} × ${trimDecimal(sku.width)} × ${trimDecimal(sku.height)} ${sku.dimension_unit}`;
}

/** @example formatWeight({ weight: '220.000', weight_unit: 'g' }) // '220 g' */
export function formatWeight(sku: { weight: string; weight_unit: string }): string {
  return `${trimDecimal(sku.weight)} ${sku.weight_unit}`;
}
