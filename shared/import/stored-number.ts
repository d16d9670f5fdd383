/**
 * A number cell of a workbook as an amount (docs/spreadsheets.md, "Cells"). A workbook stores
 * numbers as binary floats (IEEE 754 doubles), and shows them rounded by the cell's format:
 * "1,234.50" may hold 1234.5, "0.30" may hold 0.30000000000000004. The amount is the stored
 * number, never the text shown, written as the shortest decimal that reads back as exactly
 * that float (what JavaScript's own String(number) finds), without an exponent. That string
 * is the float's identity, not arithmetic on money: nothing is added or rounded here.
 *
 * A stored number with 15 to 17 significant digits is likely not what was typed (a formula's
 * leftover such as 0.1 + 0.2, or a value pasted from a program that kept its binary digits):
 * it is read as stored and the row gets a warning naming the value.
 */
import { toDecimalString } from '../money';
import { problem, quote } from './problems';
import type { ImportProblem } from './types';

/** The exact decimal of a finite float, shortest form, no exponent: 1e-7 -> "0.0000001". */
export function decimalOfStoredNumber(value: number): string {
  // String() of a double is its shortest round-trip form; big.js only moves the point.
  return toDecimalString(String(value));
}

/** Significant digits of a plain decimal string ("0.0012300" -> 3, "1200" -> 2). */
function significantDigits(decimal: string): number {
  const digits = decimal.replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length;
}

/**
 * The warning for an amount cell holding `value`, or null when its digits are ordinary.
 * `shown` is the cell's text as the sheet shows it, so a person recognises the cell.
 */
export function storedNumberProblem(value: number, shown: string): ImportProblem | null {
  const decimal = decimalOfStoredNumber(value);
  const digits = significantDigits(decimal);
  if (digits < 15) return null;
  const display =
    shown.trim() === '' || shown === decimal ? '' : ` (the sheet shows ${quote(shown)})`;
  return problem(
    'AMOUNT_STORED_AS_FLOAT',
    `Amount ${quote(decimal)} is stored in the spreadsheet as a number with ${digits} significant digits${display}, which may not be the amount that was typed: ` +
      'spreadsheets keep numbers as binary fractions, and a calculation or a paste can leave such digits behind. ' +
      'It was read as stored. Check the amount; to be sure, type it in a cell formatted as text.',
  );
}
