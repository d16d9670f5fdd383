// A damaged cache at start, as the person sees it: the banner says what happened, where the
// damaged file is kept and which backup is in use, and the payout made before is still in
// the restored history.
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBrowserHost, type RunningBrowserHost } from '../../electron/browser-host/server';
import { dispatch } from '../../electron/services/ipc/dispatch';
import { encodeAddress } from '../../shared/address';
import type { DeskResult, PayoutPreview } from '../../shared/ipc';
import { AppShell } from './pages/app-shell';
import { FAST_DELAYS, SCREENSHOTS } from './support/host';
import { E2E_MODE } from './support/mode';

// It restarts the browser host over a damaged data folder between tests of its own; the
// Electron fixture launches one app per spec file (docs/e2e.md), so this runs in Chromium.
test.skip(E2E_MODE === 'electron', 'restarts the browser host itself');

let dataDir: string;
let host: RunningBrowserHost | undefined;

const start = () =>
  startBrowserHost({
    rendererDir: join(process.cwd(), 'out', 'renderer'),
    desk: {
      dataDir,
      simulator: { delays: FAST_DELAYS },
      sync: { minIntervalMs: 500, maxIntervalMs: 2000 },
    },
  });

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'payout-desk-e2e-records-'));
  host = await start();
  const request = {
    profileId: 'simulator',
    requestId: randomUUID(),
    depositAddress: encodeAddress('tron', randomBytes(20)),
    amount: '3.5',
    currency: 'TRX',
  };
  // As the confirmation does: the previewed payload's hash goes back with the payout.
  const preview = (await dispatch(
    host.desk.handlers,
    'previewPayout',
    request,
  )) as DeskResult<PayoutPreview>;
  if (!preview.ok) throw new Error(preview.error.message);
  const result = await dispatch(host.desk.handlers, 'createPayout', {
    ...request,
    payloadHash: preview.value.payloadHash,
  });
  expect(result.ok).toBe(true);
  await host.close(); // waits for the backup written after the payout
  host = undefined;
  // A failing disk: garbage over every page after the first.
  const file = join(dataDir, 'payout-desk.sqlite');
  const fd = openSync(file, 'r+');
  for (let offset = 4096; offset < statSync(file).size; offset += 4096) {
    writeSync(fd, Buffer.alloc(4096, 0xee), 0, 4096, offset);
  }
  closeSync(fd);
  host = await start();
});

test.afterAll(async () => {
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a damaged database is set aside, the backup restored, and the person told', async ({
  page,
}) => {
  if (!host) throw new Error('no host');
  const shell = new AppShell(page);
  await shell.open(host.pageUrl);
  const banner = page.getByRole('alert', { name: 'Startup notice' });
  await expect(banner).toContainText('The local database was damaged.');
  await expect(banner).toContainText(/payout-desk\.damaged-\d{8}T\d{9}Z\.sqlite/);
  await expect(banner).toContainText(/backups[/\\]payout-desk-\d{8}T\d{9}Z\.sqlite/);
  const damaged = /(\S*payout-desk\.damaged-\d{8}T\d{9}Z\.sqlite)/.exec(
    (await banner.textContent()) ?? '',
  );
  expect(damaged?.[1] !== undefined && existsSync(damaged[1])).toBe(true);
  await page.screenshot({ path: `${SCREENSHOTS}/database-restored.png` });
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);
});
