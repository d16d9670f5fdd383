/**
 * Order-preserving text keys for exact decimal amounts, so `ORDER BY amount_sort` (plain
 * byte comparison) is numeric order without ever converting to a float.
 *
 * Non-negative: "p", the integer part's digit count as two digits, the integer digits, the
 * fraction digits without trailing zeros ("9.5" -> "p0195", "10" -> "p0210"). A longer
 * integer part is a larger number; within the same length, digits compare left to right, and
 * a fraction that is a prefix of another is the smaller one. Negative amounts ("n" < "p")
 * use the nines' complement of the same fields and end with "~" (above every digit), which
 * reverses that order. Variable length on purpose: a fixed-width key would be ~70 bytes per
 * row in the index for the widest 18-decimal amounts; this one is as long as the number.
 */
import type { DecimalString } from '../../../shared/money';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
const MAX_INTEGER_DIGITS = 99;

function complement(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i += 1) out += String(9 - (digits.charCodeAt(i) - 48));
  return out;
}

export function amountSortKey(amount: DecimalString): string {
  const match = DECIMAL.exec(amount);
  if (match === null) throw new RangeError(`not a plain decimal amount: "${amount}"`);
  const integer = (match[2] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (integer.length > MAX_INTEGER_DIGITS) {
    throw new RangeError(`amount has more than ${MAX_INTEGER_DIGITS} integer digits`);
  }
  const negative = match[1] === '-' && (integer !== '0' || fraction !== '');
  const length = String(integer.length).padStart(2, '0');
  if (!negative) return `p${length}${integer}${fraction}`;
  return `n${complement(length)}${complement(integer)}${complement(fraction)}~`;
}
