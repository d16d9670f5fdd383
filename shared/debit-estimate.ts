/**
 * What leaves the account for an amount in one currency: the amount, Calypso's fee as
 * estimated from the percentage it charged this account lately, the total debit, the
 * balance before and after, and for a token the chain's native coin (which pays the network
 * fee). Exact decimals throughout. The review of a draft and the single-payout confirmation
 * both show this (docs/intents.md, "What leaves the account").
 */
import type { Balance } from './calypso/types';
import {
  addDecimals,
  compareDecimals,
  percentageOfRoundedUp,
  subtractDecimals,
  type DecimalString,
} from './money';
import { findCurrency } from './networks';

export type DebitEstimate = {
  currency: string;
  amount: DecimalString;
  /** The fee percentage Calypso reported on recent payouts; null when none is cached. */
  feePercentage: DecimalString | null;
  /** An estimate, rounded up to the currency's decimals; null when unknown. */
  estimatedFee: DecimalString | null;
  /** Amount plus the estimated fee (just the amount when the fee is unknown). */
  totalDebit: DecimalString;
  /** Null when the balance could not be asked. */
  balance: DecimalString | null;
  balanceAfter: DecimalString | null;
  /** True when the total debit exceeds the balance. */
  short: boolean;
  /** For a token: the chain's native coin and its balance (null when not asked). */
  nativeCoin: { currency: string; balance: DecimalString | null; empty: boolean } | null;
};

function balanceOf(balances: readonly Balance[], currency: string): DecimalString {
  return balances.find((entry) => entry.currency === currency)?.amount ?? '0';
}

export function estimateDebit(input: {
  currency: string;
  amount: DecimalString;
  feePercentage: DecimalString | null;
  /** null when the account endpoint could not be asked. */
  balances: readonly Balance[] | null;
}): DebitEstimate {
  const currency = findCurrency(input.currency);
  const decimals = currency?.decimals ?? 18;
  const estimatedFee =
    input.feePercentage === null
      ? null
      : percentageOfRoundedUp(input.amount, input.feePercentage, decimals);
  const totalDebit = addDecimals(input.amount, estimatedFee ?? '0');
  const balance = input.balances === null ? null : balanceOf(input.balances, input.currency);
  const native =
    currency !== undefined && currency.nativeCoin !== currency.code ? currency.nativeCoin : null;
  const nativeBalance =
    native === null || input.balances === null ? null : balanceOf(input.balances, native);
  return {
    currency: input.currency,
    amount: input.amount,
    feePercentage: input.feePercentage,
    estimatedFee,
    totalDebit,
    balance,
    balanceAfter: balance === null ? null : subtractDecimals(balance, totalDebit),
    short: balance !== null && compareDecimals(totalDebit, balance) > 0,
    nativeCoin:
      native === null
        ? null
        : {
            currency: native,
            balance: nativeBalance,
            empty: nativeBalance !== null && compareDecimals(nativeBalance, '0') <= 0,
          },
  };
}
