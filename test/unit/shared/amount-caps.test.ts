import { describe, expect, it } from 'vitest';
import { DEFAULT_AMOUNT_CAPS } from '../../../shared/amount-caps';
import { significantDigits } from '../../../shared/money';
import { CURRENCIES, findCurrency } from '../../../shared/networks';
import { checkAmount, checkRecipient } from '../../../shared/payout-rules';

const trx = findCurrency('TRX');
if (!trx) throw new Error('TRX missing');

describe('amount ceilings (shared/amount-caps.ts)', () => {
  it('has a cap for every currency Calypso pays out', () => {
    expect(CURRENCIES.filter((entry) => !(entry.code in DEFAULT_AMOUNT_CAPS))).toEqual([]);
  });

  it('counts significant digits of a canonical decimal', () => {
    expect(significantDigits('1000')).toBe(4);
    expect(significantDigits('0.0012')).toBe(2);
    expect(significantDigits('12.3400')).toBe(4);
    expect(significantDigits('0.000000000000000001')).toBe(1);
  });

  it('refuses 10^79, more than 30 significant digits, and more than the cap', () => {
    const codes = (amount: string) => checkAmount(amount, trx).map((entry) => entry.code);
    expect(codes(`1${'0'.repeat(79)}`)).toEqual(['AMOUNT_TOO_LARGE']);
    expect(codes('1234567890123456789012345.123456')).toEqual(['AMOUNT_TOO_LARGE']);
    expect(codes('200000000000')).toEqual([]);
    expect(codes('200000000000.000001')).toEqual(['AMOUNT_TOO_LARGE']);
    expect(checkAmount('11', trx, 'amount', { TRX: '10' })[0]?.message).toBe(
      '11 TRX is more than the largest payout Payout Desk allows in TRX (10). Check the value.',
    );
  });

  it('applies to single payouts through checkRecipient', () => {
    expect(
      checkRecipient({
        depositAddress: 'TR1eViC7vr6F43UeZhAqgDURrow5iBJN36',
        amount: '21000001',
        currency: 'BTC',
      }).map((entry) => entry.code),
    ).toContain('AMOUNT_TOO_LARGE');
  });
});
