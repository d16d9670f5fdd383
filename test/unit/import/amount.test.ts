import { describe, expect, it } from 'vitest';
import {
  detectDecimalSeparator,
  readAmount,
  scanAmount,
  type AmountConvention,
} from '../../../shared/import/amount';
import type { ImportProblemCode } from '../../../shared/import';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

const detected = (separator: '.' | ',' | null): AmountConvention => ({
  source: 'detected',
  separator,
});
const chosen = (separator: '.' | ',', subject: 'file' | 'draft' = 'file'): AmountConvention => ({
  source: 'chosen',
  separator,
  subject,
  canonicalFirst: subject === 'draft',
});

function read(text: string, convention: AmountConvention = detected(null)) {
  const reading = readAmount(scanAmount(text), convention);
  return {
    amount: reading.amount,
    value: reading.value,
    codes: reading.problems.map((problem) => problem.code),
  };
}

describe('amounts that read without doubt', () => {
  it.each([
    ['1234.5', '1234.5'],
    ['  42 ', '42'],
    ['+7', '7'],
    ['.5', '0.5'],
    [',5', '0.5'],
    ['5.', '5'],
    ['007.50', '7.5'],
    ['1,234.56', '1234.56'],
    ['1.234,56', '1234.56'],
    ["1'234.56", '1234.56'],
    ['1\u2019234.56', '1234.56'],
    [`1${NBSP}234,56`, '1234.56'],
    [`1${NNBSP}234${NNBSP}567,5`, '1234567.5'],
    ['1 234', '1234'],
    ['1,234,567', '1234567'],
    ['1.234.567', '1234567'],
    ['0,500', '0.5'],
    ['1234,567', '1234.567'],
    ['1,5', '1.5'],
    ['0.000000000000000001', '0.000000000000000001'],
  ])('%j reads as %s', (text, value) => {
    expect(read(text)).toEqual({ amount: value, value, codes: [] });
  });
});

describe('ambiguous amounts', () => {
  it.each(['1,000', '12.345', '999,999', '1.000'])(
    '%j is an error when nothing decides',
    (text) => {
      expect(read(text)).toEqual({ amount: text, value: null, codes: ['AMOUNT_AMBIGUOUS'] });
    },
  );

  it('follows the convention the file shows', () => {
    expect(read('1,000', detected(',')).value).toBe('1');
    expect(read('1.000', detected(',')).value).toBe('1000');
    expect(read('1,000', detected('.')).value).toBe('1000');
    expect(read('1.000', detected('.')).value).toBe('1');
  });

  it('says both readings and how to fix it', () => {
    const reading = readAmount(scanAmount('1,000'), detected(null));
    expect(reading.problems[0]?.message).toBe(
      'Amount "1,000" is ambiguous: it could be 1000 or 1. Write 1000 or 1 without thousands separators, or choose the decimal separator for this file.',
    );
  });

  it('learns the convention from values that prove it, not from unreadable ones', () => {
    const scans = ['0,5', '1.234,56', '1,000', '100', '1.2.3', 'abc'].map(scanAmount);
    expect(detectDecimalSeparator(scans)).toEqual({ separator: ',', points: 0, commas: 2 });
    expect(detectDecimalSeparator(['1,000', '2'].map(scanAmount)).separator).toBeNull();
    expect(detectDecimalSeparator(['0,5', '0.5'].map(scanAmount)).separator).toBeNull();
  });
});

describe('a chosen decimal separator', () => {
  it('makes the other character a thousands separator', () => {
    expect(read('1.000', chosen(',')).value).toBe('1000');
    expect(read('1.234,5', chosen(',')).value).toBe('1234.5');
    expect(read('1,000', chosen('.')).value).toBe('1000');
  });

  it('refuses a value written with the other decimal separator, and says how to write it', () => {
    const reading = readAmount(scanAmount('0,5'), chosen('.'));
    expect(reading.problems.map((problem) => problem.code)).toEqual(['AMOUNT_SEPARATOR_MISMATCH']);
    expect(reading.problems[0]?.message).toBe(
      'Amount "0,5" has a comma as decimal separator, but this file is read with a point. Write 0.5, or choose a comma as the decimal separator.',
    );
  });

  it('in a draft keeps a canonical decimal exact whatever the separator', () => {
    expect(read('1.234', chosen(',', 'draft')).value).toBe('1.234');
    expect(read('1,5', chosen(',', 'draft')).value).toBe('1.5');
    expect(read('1.234,5', chosen(',', 'draft')).value).toBe('1234.5');
    expect(read('1.234.567', chosen(',', 'draft')).value).toBe('1234567');
    expect(read('0,5', chosen('.', 'draft')).codes).toEqual(['AMOUNT_SEPARATOR_MISMATCH']);
  });
});

describe('amounts that are refused', () => {
  it.each<[string, ImportProblemCode]>([
    ['', 'AMOUNT_MISSING'],
    ['   ', 'AMOUNT_MISSING'],
    ['abc', 'AMOUNT_NOT_A_NUMBER'],
    ['1..2', 'AMOUNT_NOT_A_NUMBER'],
    ['1,2,3.4.5', 'AMOUNT_NOT_A_NUMBER'],
    ['--5', 'AMOUNT_NOT_A_NUMBER'],
    ['#N/A', 'AMOUNT_NOT_A_NUMBER'],
    ['0x10', 'AMOUNT_NOT_A_NUMBER'],
    ['1/2', 'AMOUNT_NOT_A_NUMBER'],
    ['NaN', 'AMOUNT_NOT_A_NUMBER'],
    ['Infinity', 'AMOUNT_NOT_A_NUMBER'],
    ['12 34', 'AMOUNT_NOT_A_NUMBER'],
    ['1,23,456', 'AMOUNT_NOT_A_NUMBER'],
    ['1' + '0'.repeat(70), 'AMOUNT_NOT_A_NUMBER'],
    ['1.5E+3', 'AMOUNT_SCIENTIFIC'],
    ['1e-7', 'AMOUNT_SCIENTIFIC'],
    ['2,5e3', 'AMOUNT_SCIENTIFIC'],
    ['1E999999', 'AMOUNT_SCIENTIFIC'],
    ['$5', 'AMOUNT_HAS_CURRENCY'],
    ['5 €', 'AMOUNT_HAS_CURRENCY'],
    ['USD 5', 'AMOUNT_HAS_CURRENCY'],
    ['5 usdt_trx', 'AMOUNT_HAS_CURRENCY'],
    ['£1,000.50', 'AMOUNT_HAS_CURRENCY'],
    ['R$ 10', 'AMOUNT_HAS_CURRENCY'],
    ['₿0.1', 'AMOUNT_HAS_CURRENCY'],
    ['-5', 'AMOUNT_NOT_POSITIVE'],
    ['(5)', 'AMOUNT_NOT_POSITIVE'],
    ['5-', 'AMOUNT_NOT_POSITIVE'],
    ['\u22125', 'AMOUNT_NOT_POSITIVE'],
    ['- 5', 'AMOUNT_NOT_POSITIVE'],
    ['(1,234.50)', 'AMOUNT_NOT_POSITIVE'],
    ['0', 'AMOUNT_NOT_POSITIVE'],
    ['0,00', 'AMOUNT_NOT_POSITIVE'],
    ['-0', 'AMOUNT_NOT_POSITIVE'],
  ])('%j: %s', (text, code) => {
    const reading = read(text);
    expect(reading.codes).toEqual([code]);
    expect(reading.value).toBeNull();
  });

  it('never converts scientific notation, but says what it would be', () => {
    const reading = readAmount(scanAmount('1.5E+3'), detected(null));
    expect(reading.amount).toBe('1.5E+3');
    expect(reading.problems[0]?.message).toMatch(
      /^Amount "1.5E\+3" is in scientific notation \(1500\)/,
    );
    expect(readAmount(scanAmount('1E999999'), detected(null)).problems[0]?.message).not.toMatch(
      /\(/,
    );
  });

  // Backtracking over 200,000 characters would not end within the test timeout; how fast
  // a cell is read is bench work (bench/import-bench.ts), never a timed assertion here.
  it('refuses very long cells at once instead of backtracking over them', () => {
    expect(read(`${'1'.repeat(200_000)}x`).codes).toEqual(['AMOUNT_NOT_A_NUMBER']);
    expect(read('9'.repeat(200_000)).codes).toEqual(['AMOUNT_NOT_A_NUMBER']);
  });

  it('reads negatives for display, so the message and the grid show the value', () => {
    expect(read('(1,234.50)').amount).toBe('-1234.5');
    expect(read('-0').amount).toBe('0');
  });
});

describe('warnings that still read the amount', () => {
  it.each([
    ['1234567.89012345000', 15],
    ['12345678901234567000', 17],
    ['1234567890123450', 15],
    ['0.1234567890123400', 14],
  ])('%j looks rounded by a spreadsheet', (text, digits) => {
    const reading = readAmount(scanAmount(text), detected(null));
    expect(reading.problems.map((problem) => problem.code)).toEqual(['AMOUNT_PRECISION_LOST']);
    expect(reading.problems[0]?.message).toContain(`after its first ${digits} digits`);
    expect(reading.value).not.toBeNull();
  });

  it.each(['1.000000000000000000', '123456789012345', '0.123456789012345678', '1500.5'])(
    '%j is not flagged',
    (text) => {
      expect(read(text).codes).toEqual([]);
    },
  );

  it('removes invisible characters with a warning', () => {
    expect(read('1\u200b5')).toEqual({
      amount: '15',
      value: '15',
      codes: ['AMOUNT_INVISIBLE_CHARACTERS'],
    });
  });

  it('flags a value written against the file convention', () => {
    expect(read('2.75', detected(',')).codes).toEqual(['AMOUNT_SEPARATOR_UNUSUAL']);
    expect(read('2.75', detected(',')).value).toBe('2.75');
  });
});
