/**
 * A withdrawal does not say which massAddresses entry it pays (calypso-api.md 5.3), so the
 * rows of a batch are matched to its withdrawals by recipient and exact amount, in order:
 * two identical rows take two identical withdrawals, one each.
 */
import type { Withdrawal } from '../../../shared/calypso/types';
import type { DraftRow } from '../../../shared/drafts';
import { normalizeDecimal } from '../../../shared/money';

function matchKey(address: string, amount: string): string {
  // EVM and bech32 addresses are case-insensitive; base58 ones are not, but never collide
  // with another address by case alone.
  return `${address.toLowerCase()}|${normalizeDecimal(amount)}`;
}

export function matchWithdrawals(
  rows: readonly DraftRow[],
  withdrawals: readonly Withdrawal[],
): Map<number, Withdrawal> {
  const queues = new Map<string, Withdrawal[]>();
  const ordered = [...withdrawals].sort(
    (a, b) =>
      a.createdDate.localeCompare(b.createdDate) ||
      a.id.localeCompare(b.id, 'en', { numeric: true }),
  );
  for (const withdrawal of ordered) {
    const key = matchKey(withdrawal.depositAddress, withdrawal.amount);
    const queue = queues.get(key);
    if (queue) queue.push(withdrawal);
    else queues.set(key, [withdrawal]);
  }
  const matched = new Map<number, Withdrawal>();
  for (const row of rows) {
    const next = queues.get(matchKey(row.address, row.amount))?.shift();
    if (next) matched.set(row.rowNo, next);
  }
  return matched;
}
