/**
 * Shares travel as fractions ("0.05") but people type percentages (5). The conversion moves
 * the decimal point in the text, so no float ever rounds a share.
 */

function shift(text: string, places: number): string {
  const value = text.trim();
  if (!/^\d+(\.\d+)?$/.test(value)) return value;
  const [whole = '0', fraction = ''] = value.split('.');
  let digits = whole + fraction;
  let point = whole.length + places;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) digits = digits.padEnd(point, '0');
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fracPart = digits.slice(point).replace(/0+$/, '');
  return fracPart ? `${intPart}.${fracPart}` : intPart;
}

/** @example percentToFraction('5') // '0.05'; percentToFraction('12.5') // '0.125' */
export function percentToFraction(percent: string): string {
  return shift(percent, -2);
}

/** @example fractionToPercent('0.05') // '5' */
export function fractionToPercent(fraction: string): string {
  return shift(fraction, 2);
}
