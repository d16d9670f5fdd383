/**
 * Exact decimal money. Amounts travel through the app as canonical decimal strings
 * ("1234.5", "0.000000000000000001"); arithmetic goes through big.js, never a JS float.
 */
import BigConstructor from 'big.js';

/** A canonical decimal string: optional minus, digits, optional fraction, no exponent. */
export type DecimalString = string;

// A private constructor so no other module's big.js settings can change our rounding.
const Dec = BigConstructor();
Dec.DP = 40;
Dec.RM = Dec.roundDown;
Dec.NE = -1_000_000;
Dec.PE = 1_000_000;

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** True for a plain decimal literal ("12", "-0.5", "007.10"); exponents and spaces are refused. */
export function isPlainDecimal(text: string): boolean {
  return PLAIN_DECIMAL.test(text);
}

/**
 * Canonical form of any decimal the JSON grammar allows, exponents included ("1e-7" ->
 * "0.0000001"). Throws a RangeError naming the value when it is not a number.
 */
export function toDecimalString(value: string | number | bigint): DecimalString {
  const text = typeof value === 'string' ? value.trim() : String(value);
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`refusing a float for money: ${text}`);
  }
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    throw new RangeError(`not a decimal number: "${text}"`);
  }
  return new Dec(text).toFixed();
}

/** Number of digits after the point of a plain decimal string ("1.50" -> 2). */
export function decimalPlaces(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

export function addDecimals(a: DecimalString, b: DecimalString): DecimalString {
  return new Dec(a).plus(b).toFixed();
}

export function subtractDecimals(a: DecimalString, b: DecimalString): DecimalString {
  return new Dec(a).minus(b).toFixed();
}

export function sumDecimals(values: Iterable<DecimalString>): DecimalString {
  let total = new Dec(0);
  for (const value of values) total = total.plus(value);
  return total.toFixed();
}

export function compareDecimals(a: DecimalString, b: DecimalString): -1 | 0 | 1 {
  return new Dec(a).cmp(b);
}

export function isPositiveDecimal(a: DecimalString): boolean {
  return new Dec(a).gt(0);
}

/** `amount * percentage / 100`, rounded down to `places` decimals (the payer never overpays). */
export function percentageOf(
  amount: DecimalString,
  percentage: DecimalString,
  places: number,
): DecimalString {
  return new Dec(amount).times(percentage).div(100).round(places, Dec.roundDown).toFixed();
}

/** `amount * percentage / 100`, rounded UP to `places` decimals: an estimate of a debit. */
export function percentageOfRoundedUp(
  amount: DecimalString,
  percentage: DecimalString,
  places: number,
): DecimalString {
  return new Dec(amount).times(percentage).div(100).round(places, Dec.roundUp).toFixed();
}

/**
 * Significant digits of a plain non-negative decimal: from the first non-zero digit to the
 * last non-zero one of the fraction, integer zeros counted ("1000" -> 4, "0.0012" -> 2).
 */
export function significantDigits(text: string): number {
  const [integer = '', fraction = ''] = text.split('.');
  const whole = integer.replace(/^0+/, '');
  const tail = fraction.replace(/0+$/, '');
  if (whole !== '') return whole.length + tail.length;
  return tail.replace(/^0+/, '').length;
}

/** Canonical form without trailing zeros ("1.500" -> "1.5", "-0" -> "0"). */
export function normalizeDecimal(a: DecimalString): DecimalString {
  return new Dec(a).toFixed();
}
