import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBrowserHost, type RunningBrowserHost } from '../../electron/browser-host/server';

let host: RunningBrowserHost;

test.beforeAll(async () => {
  host = await startBrowserHost({ rendererDir: join(process.cwd(), 'out', 'renderer') });
});

test.afterAll(async () => {
  await host.close();
});

test('the window shows the app name under a strict CSP', async ({ page }) => {
  const response = await page.goto(host.url);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  await expect(page.getByRole('heading', { name: 'Payout Desk' })).toBeVisible();
  await expect(page).toHaveTitle('Payout Desk');
  await page.screenshot({ path: 'test-results/screenshots/app-shell.png' });
});
