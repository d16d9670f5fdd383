/**
 * Amounts paid per currency per calendar month (UTC), for the history screen's chart:
 * COMPLETED single and mass payouts of one profile, from the cache. Totals are exact
 * decimal strings summed in main (electron/services/db/paid-by-month.ts); the chart may turn
 * them into ratios to draw bar heights, never into amounts it shows.
 */
import type { DecimalString } from './money';

/** "2026-03": a calendar month in UTC. */
export type MonthKey = string;
export const MONTH_KEY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export type PaidByMonthQuery = {
  profileId: string;
  /** Inclusive bounds, "YYYY-MM" (UTC); both optional. */
  fromMonth?: MonthKey;
  toMonth?: MonthKey;
};

/** One currency's total in one month. */
export type MonthlyPaid = {
  month: MonthKey;
  currency: string;
  amount: DecimalString;
  /** Payouts that make it up. */
  count: number;
};

/** Sorted by month, then currency. */
export type PaidByMonth = { rows: MonthlyPaid[] };

/** The month of a time, UTC. */
export function monthKeyOf(ms: number): MonthKey {
  return new Date(ms).toISOString().slice(0, 7);
}
