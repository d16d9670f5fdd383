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

/**
 * Non-negative plain decimals ("12", "007.10", nearly every amount a file or a draft holds)
 * are compared and normalised by their digits, exactly and without building a big.js number:
 * an import checks every row's amount against its cap (docs/import.md, "What is left").
 * Anything else (a sign, an exponent) goes through big.js. A unit test holds the two together.
 */
function isNonNegativePlain(text: DecimalString): boolean {
  return typeof text === 'string' && isDigitsWithFraction(text, 0);
}

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/**
 * `\d+(\.\d+)?` from `from` to the end of `text`, by character codes: `^\d+(\.\d+)?$`
 * and PLAIN_DECIMAL without a RegExp call, since an import tests every row's amount with
 * them several times over (checkAmount, its cap, the batch).
 * test/unit/shared/money-plain.test.ts holds isPlainDecimal to the pattern.
 */
function isDigitsWithFraction(text: string, from: number): boolean {
  const length = text.length;
  let index = from;
  while (index < length && isDigit(text.charCodeAt(index))) index += 1;
  if (index === from) return false;
  if (index === length) return true;
  if (text.charCodeAt(index) !== 0x2e || index === length - 1) return false;
  for (index += 1; index < length; index += 1) {
    if (!isDigit(text.charCodeAt(index))) return false;
  }
  return true;
}

/** Where the integer digits start once leading zeros are dropped (one zero is kept). */
function integerStart(text: string, end: number): number {
  let start = 0;
  while (start < end - 1 && text.charCodeAt(start) === 0x30) start += 1;
  return start;
}

function comparePlain(a: string, b: string): -1 | 0 | 1 {
  const aDot = a.indexOf('.');
  const bDot = b.indexOf('.');
  const aEnd = aDot < 0 ? a.length : aDot;
  const bEnd = bDot < 0 ? b.length : bDot;
  const aStart = integerStart(a, aEnd);
  const bStart = integerStart(b, bEnd);
  // "0" is the only integer part left with a leading zero, and it is the shortest.
  if (aEnd - aStart !== bEnd - bStart) return aEnd - aStart > bEnd - bStart ? 1 : -1;
  for (let offset = 0; offset < aEnd - aStart; offset += 1) {
    const diff = a.charCodeAt(aStart + offset) - b.charCodeAt(bStart + offset);
    if (diff !== 0) return diff > 0 ? 1 : -1;
  }
  // Fractions digit by digit; a missing digit is a zero.
  const aFraction = aDot < 0 ? 0 : a.length - aDot - 1;
  const bFraction = bDot < 0 ? 0 : b.length - bDot - 1;
  for (let place = 0; place < Math.max(aFraction, bFraction); place += 1) {
    const aDigit = place < aFraction ? a.charCodeAt(aDot + 1 + place) : 0x30;
    const bDigit = place < bFraction ? b.charCodeAt(bDot + 1 + place) : 0x30;
    if (aDigit !== bDigit) return aDigit > bDigit ? 1 : -1;
  }
  return 0;
}

function normalizePlain(text: string): DecimalString {
  const dot = text.indexOf('.');
  const end = dot < 0 ? text.length : dot;
  const start = integerStart(text, end);
  let last = text.length;
  while (dot >= 0 && last > dot + 1 && text.charCodeAt(last - 1) === 0x30) last -= 1;
  // Already canonical (every amount an import has read): the same string, not a copy.
  if (start === 0 && last === text.length && last !== dot + 1) return text;
  const whole = text.slice(start, end);
  if (dot < 0) return whole;
  return last === dot + 1 ? whole : `${whole}.${text.slice(dot + 1, last)}`;
}

/** True for a plain decimal literal ("12", "-0.5", "007.10"); exponents and spaces are refused. */
export function isPlainDecimal(text: string): boolean {
  // A caller outside TypeScript's reach may pass another type: the RegExp's answer for it.
  if (typeof text !== 'string') return PLAIN_DECIMAL.test(text);
  return isDigitsWithFraction(text, text.charCodeAt(0) === 0x2d ? 1 : 0);
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
  if (isNonNegativePlain(a) && isNonNegativePlain(b)) return comparePlain(a, b);
  return new Dec(a).cmp(b);
}

const NON_ZERO_DIGIT = /[1-9]/;

export function isPositiveDecimal(a: DecimalString): boolean {
  if (isNonNegativePlain(a)) return NON_ZERO_DIGIT.test(a);
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
  // Index arithmetic rather than split and three regular expressions: one call per row.
  const dot = text.indexOf('.');
  const integerEnd = dot < 0 ? text.length : dot;
  const second = dot < 0 ? -1 : text.indexOf('.', dot + 1);
  const fractionEnd = dot < 0 ? dot : second < 0 ? text.length : second;
  let start = 0;
  while (start < integerEnd && text.charCodeAt(start) === 0x30) start += 1;
  let end = fractionEnd;
  while (end > dot + 1 && text.charCodeAt(end - 1) === 0x30) end -= 1;
  const tail = dot < 0 ? 0 : end - dot - 1;
  if (start < integerEnd) return integerEnd - start + tail;
  let first = dot + 1;
  while (first < end && text.charCodeAt(first) === 0x30) first += 1;
  return dot < 0 ? 0 : end - first;
}

/** Canonical form without trailing zeros ("1.500" -> "1.5", "-0" -> "0"). */
export function normalizeDecimal(a: DecimalString): DecimalString {
  if (isNonNegativePlain(a)) return normalizePlain(a);
  return new Dec(a).toFixed();
}
