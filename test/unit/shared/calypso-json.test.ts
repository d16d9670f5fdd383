import { describe, expect, it } from 'vitest';
import { parseCalypsoJson, stringifyCalypsoJson } from '../../../shared/calypso/json';

describe('Calypso JSON', () => {
  it('reads an 18-decimal amount digit for digit', () => {
    const parsed = parseCalypsoJson('{"amount":1.123456789012345678,"currency":"ETH"}');
    expect(parsed).toEqual({ amount: '1.123456789012345678', currency: 'ETH' });
  });

  it('writes money strings as exact number literals', () => {
    const text = stringifyCalypsoJson({
      payload: { amount: '0.000000000000000001', comment: '7' },
    });
    expect(text).toBe('{"payload":{"amount":0.000000000000000001,"comment":"7"}}');
  });

  it('round-trips every money field of the models without rounding', () => {
    const body =
      '{"totalWithdrawalAmount":123456789.123456789012345678,"totalCalypsoFee":0.1,"calypsoFeePercentage":0.5}';
    expect(stringifyCalypsoJson(parseCalypsoJson(body))).toBe(body);
  });

  it('expands exponent notation in money fields to plain decimals', () => {
    expect(parseCalypsoJson('{"fee":1e-7,"amount":2.5E3}')).toEqual({
      fee: '0.0000001',
      amount: '2500',
    });
  });

  it('keeps integers as numbers and unsafe integers as exact strings', () => {
    expect(parseCalypsoJson('{"page":1,"totalElements":10000,"id":12345678901234567890}')).toEqual({
      page: 1,
      totalElements: 10000,
      id: '12345678901234567890',
    });
  });

  it('leaves a non-decimal string in a money field as a string', () => {
    expect(stringifyCalypsoJson({ amount: 'abc' })).toBe('{"amount":"abc"}');
  });
});
