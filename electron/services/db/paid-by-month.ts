/**
 * Sums the COMPLETED payouts of a profile per currency per UTC month (shared/paid-by-month.ts).
 * SQLite groups the rows, but the amounts are exact decimal strings and SQLite's SUM would
 * turn them into floats, so each group's amounts come back as text and are added with big.js
 * here (docs: money is never a JS float). A single payout counts its amount; a mass payout
 * its totalWithdrawalAmount (the history's `amount` column), in the month of its date.
 */
import type { MonthlyPaid, PaidByMonth, PaidByMonthQuery } from '../../../shared/paid-by-month';
import { sumDecimals } from '../../../shared/money';
import type { CacheDatabase } from './database';
import { createProfileRefs } from './profile-ref';

type Row = { month: string; currency: string; amount: string };

// payouts_by_state leads with (profile, state) and carries currency and date (001-initial).
const SQL = `
  SELECT strftime('%Y-%m', p.date_ms / 1000, 'unixepoch') AS month, p.currency, p.amount
  FROM payouts p
  WHERE p.profile_ref = @profileRef AND p.state = 'COMPLETED'
    AND p.date_ms >= @fromMs AND p.date_ms < @beforeMs
  ORDER BY month, p.currency`;

/** The first millisecond of a "YYYY-MM" month, UTC; `later` months after it. */
function monthStartMs(month: string, later = 0): number {
  const [year, monthNumber] = month.split('-').map(Number);
  return Date.UTC(year ?? 1970, (monthNumber ?? 1) - 1 + later, 1);
}

export function queryPaidByMonth(db: CacheDatabase, query: PaidByMonthQuery): PaidByMonth {
  const profileRef = createProfileRefs(db).find(query.profileId);
  if (profileRef === undefined) return { rows: [] };
  const fromMs = query.fromMonth === undefined ? 0 : monthStartMs(query.fromMonth);
  const beforeMs =
    query.toMonth === undefined ? Number.MAX_SAFE_INTEGER : monthStartMs(query.toMonth, 1);
  const groups = new Map<string, { month: string; currency: string; amounts: string[] }>();
  const rows = db.statement(SQL).iterate({ profileRef, fromMs, beforeMs }) as IterableIterator<Row>;
  for (const row of rows) {
    const key = `${row.month}\u0000${row.currency}`;
    let group = groups.get(key);
    if (!group) {
      group = { month: row.month, currency: row.currency, amounts: [] };
      groups.set(key, group);
    }
    group.amounts.push(row.amount);
  }
  const totals: MonthlyPaid[] = [];
  for (const group of groups.values()) {
    totals.push({
      month: group.month,
      currency: group.currency,
      amount: sumDecimals(group.amounts),
      count: group.amounts.length,
    });
  }
  return { rows: totals };
}
