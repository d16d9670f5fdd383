import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures';
import { AppShell } from './pages/app-shell';
import { DetailsPanel } from './pages/details-panel';
import { HistoryPage } from './pages/history-page';
import { parseCsv, startTestHost, type TestHost } from './support/host';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
});

test.afterAll(async () => {
  await host.close();
});

test('first start shows the simulator history, marked as not real money', async ({ page }) => {
  const response = await page.goto(host.url);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  const shell = new AppShell(page);
  const history = new HistoryPage(page);
  await expect(page).toHaveTitle('Payout Desk');
  await history.waitForRows();
  // The first sync may still be paging (its first page is 100 payouts): the count grows
  // until it is done, and "Last synced" appears when it is.
  await expect.poll(() => history.total(), { timeout: 20_000 }).toBeGreaterThan(100);
  await expect(shell.environmentBanner).toContainText('not real money');
  await expect(shell.profileSwitcher).toHaveValue('simulator');
  await expect(page.getByText(/Last synced/).first()).toBeVisible({ timeout: 20_000 });
  // Only the rows in view are in the DOM, however long the history is.
  expect(await history.rows.count()).toBeLessThan(80);
  await shell.screenshot('history');
});

test('columns sort by clicking their header', async ({ page }) => {
  await page.goto(host.url);
  const history = new HistoryPage(page);
  await history.waitForRows();
  await expect(history.columnHeader('Date')).toHaveAttribute('aria-sort', 'descending');
  await history.sortBy('Amount');
  await expect(history.columnHeader('Amount')).toHaveAttribute('aria-sort', 'descending');
  await history.sortBy('Amount');
  await expect(history.columnHeader('Amount')).toHaveAttribute('aria-sort', 'ascending');
  await history.waitForRows();
});

test('search finds a payout by a fragment of its address', async ({ page }) => {
  await page.goto(host.url);
  const history = new HistoryPage(page);
  await history.waitForRows();
  const all = await history.total();
  await history.filter('Type', 'Single');
  const target = history.table.locator('[role="row"][data-kind="single"]').first();
  await expect(target).toBeVisible();
  const id = (await target.getAttribute('data-id')) ?? '';
  const address = (await target.locator('.col-recipient').textContent()) ?? '';
  expect(address.length).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(() => history.total()).toBe(all);

  await history.search.fill(address.slice(6, 18));
  await expect(history.count).toHaveText(/match/);
  await expect.poll(() => history.total()).toBeLessThan(5);
  await expect(history.row(id)).toBeVisible();
});

test('a mass payout shows its recipients, each with its own state, and its errors', async ({
  page,
}) => {
  await page.goto(host.url);
  const history = new HistoryPage(page);
  const details = new DetailsPanel(page);
  await history.waitForRows();
  await history.filter('Type', 'Mass');
  await history.filter('State', 'Some recipients failed');
  await expect(history.count).toHaveText(/match/);
  const first = history.rows.first();
  const id = (await first.getAttribute('data-id')) ?? '';
  await first.click();
  await expect(details.heading(id)).toBeVisible();
  await expect(details.state).toHaveText(/Some recipients failed/);
  await expect(details.recipients.getByText('Delivered').first()).toBeVisible();
  await expect(details.recipients.getByText('Failed — not sent').first()).toBeVisible();
  await expect(details.root.getByRole('heading', { name: 'What went wrong' })).toBeVisible();
  await expect(details.serverFields.getByText('totalWithdrawalAmount')).toBeVisible();
  await new AppShell(page).screenshot('details');
  await details.close();
  await expect(details.root).toBeHidden();
});

test('export produces the rows the list shows', async ({ page }) => {
  await page.goto(host.url);
  const history = new HistoryPage(page);
  await history.waitForRows();
  await history.filter('Currency', 'Bitcoin · BTC');
  await expect(history.count).toHaveText(/match/);
  await history.waitForRows();
  // What the view paid is summed for the filtered payouts only: Bitcoin alone, exactly as
  // main sums it.
  const paid = page.getByTestId('history-paid').locator('[data-currency]');
  await expect(paid).toHaveCount(1);
  await expect(paid).toHaveAttribute('data-currency', 'BTC');
  const totals = await host.call('getHistoryTotals', {
    profileId: 'simulator',
    currencies: ['BTC'],
  });
  if (!totals.ok) throw new Error(totals.error.message);
  const [btc] = (totals.value as { paid: { total: string }[] }).paid;
  expect(btc?.total).toMatch(/^\d+(\.\d+)?$/);
  await expect(paid.locator('.amount')).toHaveText(groupedEn(btc?.total ?? ''));
  const total = await history.total();
  const shown = await history.visibleIds();
  expect(total).toBeGreaterThan(0);

  const download = await history.exportCsv();
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const [header, ...rows] = parseCsv(readFileSync(await download.path(), 'utf8')).filter(
    (row) => row.length > 1,
  );
  expect(header).toContain('Id');
  const idColumn = header?.indexOf('Id') ?? -1;
  const currencyColumn = header?.indexOf('Currency') ?? -1;
  expect(rows).toHaveLength(total);
  const exportedIds = rows.map((row) => row[idColumn]);
  expect(exportedIds.slice(0, shown.length)).toEqual(shown);
  expect(new Set(rows.map((row) => row[currencyColumn]))).toEqual(new Set(['BTC']));
});

/** A decimal as the page groups it in English: thousands with commas, every digit kept. */
function groupedEn(amount: string): string {
  const [integer = '', fraction] = amount.split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
