import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBrowserHost, type RunningBrowserHost } from '../../electron/browser-host/server';

let host: RunningBrowserHost;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'payout-desk-e2e-'));
  host = await startBrowserHost({
    rendererDir: join(process.cwd(), 'out', 'renderer'),
    desk: { dataDir, sync: { startOnOpen: false } },
  });
});

test.afterAll(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the window shows the app name under a strict CSP', async ({ page }) => {
  const response = await page.goto(host.url);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  await expect(page).toHaveTitle('Payout Desk');
  await page.screenshot({ path: 'test-results/screenshots/app-shell.png' });
});
