import { expect, test } from './support/fixtures';
import { AppShell } from './pages/app-shell';
import { HistoryPage } from './pages/history-page';
import { startTestHost, type TestHost } from './support/host';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
});

test.afterAll(async () => {
  await host.close();
});

test('the browser going offline shows the banner; coming back clears it', async ({
  page,
  context,
}) => {
  const shell = new AppShell(page);
  const history = new HistoryPage(page);
  await shell.open(host.url);
  await history.waitForRows();
  await expect(shell.offlineBanner).toBeHidden();
  await context.setOffline(true);
  await expect(shell.offlineBanner).toContainText('no network connection');
  await context.setOffline(false);
  await expect(shell.offlineBanner).toBeHidden();
});

test('with Calypso gone, a reload still shows the history, under an offline banner', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const history = new HistoryPage(page);
  await shell.open(host.url);
  await history.waitForRows();
  // Counted once the first sync is done: while it pages, the count still grows.
  await expect(page.getByText(/Last synced/).first()).toBeVisible({ timeout: 20_000 });
  const total = await history.total();

  await host.simulator.close();
  await page.reload();
  await history.waitForRows();
  expect(await history.total()).toBe(total);
  await expect(shell.offlineBanner).toContainText('Calypso cannot be reached', {
    timeout: 20_000,
  });
  await expect(shell.offlineBanner).toContainText('saved history');
  await shell.screenshot('offline');
});
