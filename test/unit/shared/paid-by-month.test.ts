/** The chart's drawing figures from exact monthly totals (shared/paid-by-month.ts). */
import { describe, expect, it } from 'vitest';
import { chartSeries, monthKeyOf, monthsEndingAt } from '../../../shared/paid-by-month';

describe('months of the chart', () => {
  it('counts back across a year end, oldest first', () => {
    expect(monthsEndingAt('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsEndingAt('2026-12', 12)[0]).toBe('2026-01');
  });

  it('names the UTC month of a time', () => {
    expect(monthKeyOf(Date.UTC(2026, 0, 31, 23, 59, 59, 999))).toBe('2026-01');
    expect(monthKeyOf(Date.UTC(2026, 1, 1))).toBe('2026-02');
  });
});

describe('chart series', () => {
  const rows = [
    { month: '2026-01', currency: 'USDT_TRX', amount: '50', count: 1 },
    { month: '2026-02', currency: 'USDT_TRX', amount: '200.000000000000000001', count: 2 },
    { month: '2026-02', currency: 'BTC', amount: '0.00000001', count: 1 },
  ];

  it('gives each currency its own scale and a zero bar for a month without payouts', () => {
    const series = chartSeries(rows, ['2025-12', '2026-01', '2026-02']);
    expect(series.map((one) => one.currency)).toEqual(['BTC', 'USDT_TRX']);
    const [btc, usdt] = series;
    expect(btc?.max).toBe('0.00000001');
    expect(btc?.bars.map((bar) => bar.ratio)).toEqual([0, 0, 1]);
    // The exact amounts stay strings; only the ratio is a number.
    expect(usdt?.max).toBe('200.000000000000000001');
    expect(usdt?.bars.map((bar) => bar.amount)).toEqual(['0', '50', '200.000000000000000001']);
    expect(usdt?.bars[1]?.ratio).toBeCloseTo(0.25, 12);
    expect(usdt?.bars[2]?.ratio).toBe(1);
  });

  it('leaves out a currency with nothing paid in the months shown', () => {
    expect(chartSeries(rows, ['2026-01']).map((one) => one.currency)).toEqual(['USDT_TRX']);
    expect(chartSeries([], ['2026-01'])).toEqual([]);
  });
});
