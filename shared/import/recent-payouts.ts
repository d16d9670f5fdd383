/**
 * Payments of the last 30 days (from the local cache) that a row would repeat: same
 * recipient, same currency, same amount. Indexed once per list, so checking every row of a
 * large file (or every edit of a draft) against thousands of payments stays cheap.
 */
import { normalizeDecimal } from '../money';
import { addressKey } from './address-key';
import type { RecentPayout } from './types';

const indexes = new WeakMap<readonly RecentPayout[], Map<string, RecentPayout>>();

function keyOf(address: string, currencyCode: string, amount: string): string {
  return `${addressKey(address)}\u0000${currencyCode.trim().toUpperCase()}\u0000${amount}`;
}

function indexOf(recent: readonly RecentPayout[]): Map<string, RecentPayout> {
  let index = indexes.get(recent);
  if (index) return index;
  index = new Map();
  for (const payment of recent) {
    let amount: string;
    try {
      amount = normalizeDecimal(payment.amount.trim());
    } catch {
      continue; // a cache entry without a readable amount cannot match any row
    }
    index.set(keyOf(payment.depositAddress, payment.currency, amount), payment);
  }
  indexes.set(recent, index);
  return index;
}

/** `amount` must be canonical (what readAmount returns). */
export function findRecentPayout(
  recent: readonly RecentPayout[] | undefined,
  address: string,
  currencyCode: string,
  amount: string,
): RecentPayout | undefined {
  if (!recent || recent.length === 0) return undefined;
  return indexOf(recent).get(keyOf(address, currencyCode, amount));
}
