/** A workbook's number cell as an amount: its exact shortest decimal, and when to warn. */
import { describe, expect, it } from 'vitest';
import { decimalOfStoredNumber, storedNumberProblem } from '../../../shared/import/stored-number';

describe('the decimal of a stored number', () => {
  it.each([
    [1e-7, '0.0000001'],
    [1.5e-10, '0.00000000015'],
    [1e21, '1000000000000000000000'],
    [1.2345e25, '12345000000000000000000000'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1234567.8900000001, '1234567.8900000001'],
    [1234.5, '1234.5'],
    [-42, '-42'],
    [0, '0'],
  ])('writes %s as %s, never with an exponent', (value, decimal) => {
    expect(decimalOfStoredNumber(value)).toBe(decimal);
    // The shortest form reads back as the very same float.
    expect(Number(decimal)).toBe(value);
  });
});

describe('the warning for a float that may not be what was typed', () => {
  it('warns from 15 significant digits, naming the value and what the sheet shows', () => {
    expect(storedNumberProblem(12345678901234, '12345678901234')).toBeNull();
    expect(storedNumberProblem(1e21, '1E+21')).toBeNull();
    expect(storedNumberProblem(0.25, '25%')).toBeNull();
    const fifteen = storedNumberProblem(123456.789012345, '123456.789012345');
    expect(fifteen?.code).toBe('AMOUNT_STORED_AS_FLOAT');
    expect(fifteen?.message).toMatch(
      /^Amount "123456\.789012345" is stored .* 15 significant digits, which/,
    );
    const leftover = storedNumberProblem(0.1 + 0.2, '0.30');
    expect(leftover?.severity).toBe('warning');
    expect(leftover?.message).toMatch(
      /^Amount "0\.30000000000000004" is stored in the spreadsheet as a number with 17 significant digits \(the sheet shows "0\.30"\)/,
    );
  });
});
