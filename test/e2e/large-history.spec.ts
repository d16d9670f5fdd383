import { expect, test } from './support/fixtures';
import { HistoryPage } from './pages/history-page';
import { startTestHost, type TestHost } from './support/host';

const COUNT = 20_000;

let host: TestHost;
let oldestId: string;
let newestId: string;

test.beforeAll(async () => {
  host = await startTestHost({ seed: 'none' });
  const ids = host.simulator.seedPayouts(COUNT, { spanMs: 365 * 86_400_000 });
  oldestId = ids[0] ?? '';
  newestId = ids.at(-1) ?? '';
});

test.afterAll(async () => {
  await host.close();
});

test('a long history renders only the rows in view and scrolls to its end', async ({ page }) => {
  const history = new HistoryPage(page);
  await page.goto(host.url);
  await expect.poll(() => history.total(), { timeout: 40_000 }).toBe(COUNT);
  await expect(history.row(newestId)).toBeVisible();
  expect(await history.rows.count()).toBeLessThan(80);

  // To the very end: the pages there are fetched for the range now in view.
  await history.rows.first().hover();
  await page.mouse.wheel(0, COUNT * 100);
  await expect(history.row(oldestId)).toBeVisible();
  expect(await history.rows.count()).toBeLessThan(80);
  await expect(history.table).toHaveAttribute('aria-rowcount', String(COUNT + 1));
});
