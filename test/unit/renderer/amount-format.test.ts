import { describe, expect, it } from 'vitest';
import { formatAmount, formatOptionalAmount } from '../../../renderer/src/lib/amount-format';

describe('formatAmount', () => {
  it('groups the integer part in the locale and keeps every decimal digit', () => {
    expect(formatAmount('1234567.891', 'en-US')).toBe('1,234,567.891');
    expect(formatAmount('1234567.891', 'de-DE')).toBe('1.234.567,891');
    expect(formatAmount('1234567.891', 'en-IN')).toBe('12,34,567.891');
    expect(formatAmount('1234567.5', 'fr-FR')).toBe('1\u202f234\u202f567,5');
  });

  it('is exact where a float is not', () => {
    expect(formatAmount('123456789012345678901234567890.000000000000000001', 'en-US')).toBe(
      '123,456,789,012,345,678,901,234,567,890.000000000000000001',
    );
    expect(formatAmount('0.10', 'en-US')).toBe('0.10');
    expect(formatAmount('9007199254740993', 'en-US')).toBe('9,007,199,254,740,993');
  });

  it('keeps the sign of a difference and small amounts as they are', () => {
    expect(formatAmount('-3', 'en-US')).toBe('-3');
    expect(formatAmount('+4250.25', 'en-US')).toBe('+4,250.25');
    expect(formatAmount('999.999999', 'en-US')).toBe('999.999999');
  });

  it('shows anything that is not a plain decimal unchanged', () => {
    expect(formatAmount('unknown', 'en-US')).toBe('unknown');
    expect(formatAmount('1e21', 'en-US')).toBe('1e21');
    expect(formatAmount('', 'en-US')).toBe('');
    expect(formatOptionalAmount(null, 'en-US')).toBe('—');
  });

  it('uses Latin digits in every locale, so both parts read alike', () => {
    expect(formatAmount('1234.5', 'ar-EG')).toMatch(/^1.234.5$/u);
  });
});
