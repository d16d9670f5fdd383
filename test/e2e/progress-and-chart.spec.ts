/**
 * Progress you can see (issue 11 part 7): a first sync of a long history shows its pages
 * read of the total as a bar, and the history screen charts the amounts paid per currency
 * per month, with the exact totals main summed in words and in a table.
 */
import Big from 'big.js';
import { expect, test } from './support/fixtures';
import { AppShell } from './pages/app-shell';
import { HistoryPage } from './pages/history-page';
import { startTestHost, type TestHost } from './support/host';
import type { DeskResult } from '../../shared/ipc';
import type { PaidByMonth } from '../../shared/paid-by-month';

const USDT_COUNT = 3_000;
const BTC_COUNT = 400;
const DAY_MS = 86_400_000;

let host: TestHost;

test.beforeAll(async () => {
  // Each answer is slowed a little so the first sync lasts long enough to be seen.
  host = await startTestHost({ seed: 'none', faults: { latencyMs: 120 } });
  host.simulator.seedPayouts(USDT_COUNT, {
    currency: 'USDT_TRX',
    amount: '10.000001',
    spanMs: 90 * DAY_MS,
  });
  host.simulator.seedPayouts(BTC_COUNT, {
    currency: 'BTC',
    amount: '0.00012345',
    spanMs: 60 * DAY_MS,
  });
  host.simulator.seedPayouts(200, { currency: 'BTC', state: 'FAILED', spanMs: 60 * DAY_MS });
});

test.afterAll(async () => {
  await host.close();
});

test('a first sync shows pages read of the total, then the chart of amounts paid', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const history = new HistoryPage(page);
  await page.goto(host.url);

  // 3,600 single payouts at 100 a page: 36 pages.
  const bar = page.getByRole('progressbar', { name: /^Reading single payouts: \d+ of 36 pages$/ });
  await expect(bar).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('sync-progress')).toContainText(/\d+ of 36 pages/);
  expect(Number(await bar.getAttribute('max'))).toBe(36);
  await shell.screenshot('sync-progress');

  await expect.poll(() => history.total(), { timeout: 60_000 }).toBe(USDT_COUNT + BTC_COUNT + 200);
  await expect(page.getByText(/^Last synced/).first()).toBeVisible({ timeout: 20_000 });

  // The chart's figures are main's exact sums; a float sum of 3,000 × 10.000001 drifts.
  const answer = (await host.call('getPaidByMonth', {
    profileId: 'simulator',
  })) as DeskResult<PaidByMonth>;
  if (!answer.ok) throw new Error(answer.error.message);
  const { rows } = answer.value;
  const sum = (currency: string) =>
    rows
      .filter((row) => row.currency === currency)
      .reduce((total, row) => total.plus(row.amount), new Big(0))
      .toFixed();
  expect(sum('USDT_TRX')).toBe('30000.003');
  expect(sum('BTC')).toBe('0.04938');
  expect(rows.filter((row) => row.currency === 'BTC').reduce((n, row) => n + row.count, 0)).toBe(
    BTC_COUNT,
  );

  const chart = page.getByTestId('paid-chart');
  await expect(chart).toBeVisible();
  const tether = chart.getByRole('img', { name: /^Tether \(Tron\) paid per month: / });
  await expect(tether).toBeVisible();
  const latest = rows.filter((row) => row.currency === 'USDT_TRX').at(-1);
  if (!latest) throw new Error('no USDT_TRX month');
  const [integer = '', fraction = ''] = latest.amount.split('.');
  const shown = `${Number(integer).toLocaleString('en-US')}${fraction ? `.${fraction}` : ''}`;
  await expect(tether).toHaveAttribute(
    'aria-label',
    new RegExp(`${latest.month} ${shown.replaceAll('.', '\\.')} USDT_TRX`),
  );
  await chart.getByText('Amounts as a table').click();
  const table = page.getByTestId('paid-table');
  await expect(table.locator('tbody tr')).toHaveCount(rows.length);
  await expect(table).toContainText(`${shown} USDT_TRX`);
  await shell.screenshot('paid-per-month');
});
