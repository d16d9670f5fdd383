import { describe, expect, it } from 'vitest';
import { estimateDebit } from '../../../shared/debit-estimate';

describe('estimateDebit', () => {
  it('adds the estimated fee (rounded up) and compares the total debit with the balance', () => {
    expect(
      estimateDebit({
        currency: 'BTC',
        amount: '42.18',
        feePercentage: '0.5',
        balances: [{ currency: 'BTC', amount: '42.18734905' }],
      }),
    ).toEqual({
      currency: 'BTC',
      amount: '42.18',
      feePercentage: '0.5',
      estimatedFee: '0.2109',
      totalDebit: '42.3909',
      balance: '42.18734905',
      balanceAfter: '-0.20355095',
      short: true,
      nativeCoin: null,
    });
    // 0.000000015 BTC of fee rounds up to one satoshi: an estimate never undercounts.
    expect(
      estimateDebit({ currency: 'BTC', amount: '0.000003', feePercentage: '0.5', balances: [] })
        .estimatedFee,
    ).toBe('0.00000002');
  });

  it('says unknown without a fee, and "not checked" without balances', () => {
    const estimate = estimateDebit({
      currency: 'TRX',
      amount: '10',
      feePercentage: null,
      balances: null,
    });
    expect(estimate).toMatchObject({
      estimatedFee: null,
      totalDebit: '10',
      balance: null,
      balanceAfter: null,
      short: false,
    });
  });

  it('shows a token chain native coin, empty when zero or missing', () => {
    const zero = estimateDebit({
      currency: 'USDT',
      amount: '5',
      feePercentage: '1',
      balances: [
        { currency: 'USDT', amount: '100' },
        { currency: 'ETH', amount: '0' },
      ],
    });
    expect(zero.nativeCoin).toEqual({ currency: 'ETH', balance: '0', empty: true });
    expect(zero.short).toBe(false);
    const missing = estimateDebit({
      currency: 'USDT_TRX',
      amount: '5',
      feePercentage: null,
      balances: [{ currency: 'USDT_TRX', amount: '100' }],
    });
    expect(missing.nativeCoin).toEqual({ currency: 'TRX', balance: '0', empty: true });
    const funded = estimateDebit({
      currency: 'BUSD',
      amount: '5',
      feePercentage: null,
      balances: [{ currency: 'BNB', amount: '0.01' }],
    });
    expect(funded.nativeCoin).toEqual({ currency: 'BNB', balance: '0.01', empty: false });
    expect(funded.short).toBe(true);
  });
});
