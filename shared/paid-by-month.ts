/**
 * Amounts paid per currency per calendar month (UTC), for the history screen's chart:
 * COMPLETED single and mass payouts of one profile, from the cache. Totals are exact
 * decimal strings summed in main (electron/services/db/paid-by-month.ts); the chart may turn
 * them into ratios to draw bar heights, never into amounts it shows.
 */
import BigConstructor from 'big.js';
import type { DecimalString } from './money';

// A private constructor (as shared/money.ts): no other module's settings change it.
const Big = BigConstructor();

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

/** One currency's bars: a month each, its exact total, and a height share for drawing. */
export type CurrencySeries = {
  currency: string;
  /** The largest month's total: the top of this currency's scale. */
  max: DecimalString;
  bars: { month: MonthKey; amount: DecimalString; count: number; ratio: number }[];
};

/**
 * The chart's series: one per currency (their units differ, so each has its own scale),
 * each with a bar for every month in `months` (a month without payouts is a zero bar). The
 * ratio is amount / max, computed with big.js and made a number only to size a bar.
 */
export function chartSeries(
  rows: readonly MonthlyPaid[],
  months: readonly MonthKey[],
): CurrencySeries[] {
  const byCurrency = new Map<string, Map<MonthKey, MonthlyPaid>>();
  for (const row of rows) {
    let found = byCurrency.get(row.currency);
    if (!found) {
      found = new Map<MonthKey, MonthlyPaid>();
      byCurrency.set(row.currency, found);
    }
    found.set(row.month, row);
  }
  const series: CurrencySeries[] = [];
  for (const [currency, found] of [...byCurrency].sort(([a], [b]) => (a < b ? -1 : 1))) {
    let max = new Big(0);
    for (const month of months) {
      const row = found.get(month);
      if (row && max.lt(row.amount)) max = new Big(row.amount);
    }
    if (max.eq(0)) continue;
    series.push({
      currency,
      max: max.toFixed(),
      bars: months.map((month) => {
        const row = found.get(month);
        const amount = row?.amount ?? '0';
        return {
          month,
          amount,
          count: row?.count ?? 0,
          ratio: new Big(amount).div(max).toNumber(),
        };
      }),
    });
  }
  return series;
}

/** The `count` months up to and including `lastMonth`, oldest first. */
export function monthsEndingAt(lastMonth: MonthKey, count: number): MonthKey[] {
  const [year, month] = lastMonth.split('-').map(Number);
  const months: MonthKey[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    months.push(monthKeyOf(Date.UTC(year ?? 1970, (month ?? 1) - 1 - back, 1)));
  }
  return months;
}
