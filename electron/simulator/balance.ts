/**
 * Balances move with payouts made through the API. calypso-api.md 6.3: "Calypso confirms
 * that funds suffice before sending", and the desk reads the balance before it confirms, so
 * the simulator takes each withdrawal's amount plus its Calypso fee when it ACCEPTS the
 * payout (a reservation: a scheduled payout cannot be covered twice) and refuses a payout the
 * balance cannot cover. The money comes back when a withdrawal ends without being sent:
 * cancelled with its parent, or FAILED when executed. Exact decimals only (big.js).
 *
 * The documented error lists (calypso-api.md section 7) have no code for insufficient funds;
 * the refusal is 001 ("invalid input", the code section 7 gives every other check of a create
 * request) with a sentence that names the balance and the need. Not 016: on a create the
 * client reads 016 as "this idempotency key is taken" and looks the payout up.
 */
import {
  addDecimals,
  compareDecimals,
  decimalPlaces,
  normalizeDecimal,
  subtractDecimals,
  sumDecimals,
} from '../../shared/money';
import { findCurrency } from '../../shared/networks';
import { ApiError } from './api-error';
import type { Bundle, WithdrawalRecord } from './records';
import type { SimStore } from './store';

function debitOf(withdrawal: WithdrawalRecord): string {
  return addDecimals(withdrawal.view.amount, withdrawal.view.calypsoFee ?? '0');
}

/** Takes amount + fee of every withdrawal of a new payout, or refuses it with 001. */
export function debitNewPayout(store: SimStore, bundle: Bundle): void {
  const { payout, withdrawals } = bundle;
  const currency = payout.view.currency;
  const balance = store.balanceOf(payout.account, currency);
  const need = sumDecimals(withdrawals.map(debitOf));
  if (compareDecimals(need, balance) > 0) {
    const amount = sumDecimals(withdrawals.map((entry) => entry.view.amount));
    const fee = sumDecimals(withdrawals.map((entry) => entry.view.calypsoFee ?? '0'));
    const what = payout.kind === 'mass' ? 'this mass payout' : 'this payout';
    throw new ApiError(
      '001',
      `Insufficient funds: the ${currency} balance is ${balance}, and ${what} needs ${need} (${amount} plus the Calypso fee ${fee}).`,
    );
  }
  store.setBalance(payout.account, currency, subtractDecimals(balance, need));
  for (const withdrawal of withdrawals) withdrawal.debited = true;
}

/**
 * Gives back what CANCELED or FAILED withdrawals had taken, once each (the flag is cleared
 * in the record; the caller stores the withdrawals in the same transaction).
 */
export function refundUnsent(store: SimStore, withdrawals: readonly WithdrawalRecord[]): void {
  const back = withdrawals.filter(
    (entry) => entry.debited && (entry.view.state === 'CANCELED' || entry.view.state === 'FAILED'),
  );
  if (back.length === 0) return;
  for (const withdrawal of back) {
    const current = store.balanceOf(withdrawal.account, withdrawal.view.currency);
    store.setBalance(
      withdrawal.account,
      withdrawal.view.currency,
      addDecimals(current, debitOf(withdrawal)),
    );
    withdrawal.debited = false;
  }
}

export type BalanceSetting = { account: string; currency: string; amount: string };

/**
 * Sets one balance (control API and tests). Refuses, with a RangeError naming the field, an
 * unknown account or currency and an amount that is not a plain non-negative decimal within
 * the currency's decimals: a balance no real account could hold.
 */
export function setBalance(store: SimStore, setting: BalanceSetting): void {
  const { account, currency, amount } = setting;
  if (!store.merchantByAccount(account)) {
    throw new RangeError(`account: no merchant with account ${account}`);
  }
  const known = findCurrency(currency);
  if (!known) throw new RangeError(`currency: ${currency} is not a currency Calypso pays out`);
  if (!/^\d+(\.\d+)?$/.test(amount)) {
    throw new RangeError(
      `amount: expected a non-negative decimal string such as "12.5", got "${amount}"`,
    );
  }
  if (decimalPlaces(amount) > known.decimals) {
    throw new RangeError(
      `amount: ${currency} has at most ${known.decimals} decimals, got "${amount}"`,
    );
  }
  store.setBalance(account, known.code, normalizeDecimal(amount));
}
