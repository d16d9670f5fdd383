import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { dispatch } from '../../electron/services/ipc/dispatch';
import { encodeAddress } from '../../shared/address';
import { AppShell } from './pages/app-shell';
import { AuditPage } from './pages/audit-page';
import { parseCsv, SCREENSHOTS, startTestHost, type TestHost } from './support/host';

let host: TestHost;

test.beforeAll(async () => {
  host = await startTestHost();
  // Two submissions through the same gate the UI uses: they are what the log must show.
  for (const amount of ['12.5', '7']) {
    const request = {
      profileId: 'simulator',
      requestId: randomUUID(),
      depositAddress: encodeAddress('tron', randomBytes(20)),
      amount,
      currency: 'TRX',
    };
    const preview = await dispatch(host.host.desk.handlers, 'previewPayout', request);
    if (!preview.ok) throw new Error(preview.error.message);
    const result = await dispatch(host.host.desk.handlers, 'createPayout', {
      ...request,
      payloadHash: (preview.value as { payloadHash: string }).payloadHash,
    });
    expect(result.ok).toBe(true);
  }
});

test.afterAll(async () => {
  await host.close();
});

test('the audit log is viewable, verifiable and exportable, and shows tampering', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const audit = new AuditPage(page);
  await shell.open(host.url);
  await shell.goTo('Audit log');
  await expect(audit.rows.filter({ hasText: 'payout.submitted' })).toHaveCount(2);

  await audit.verifyButton.click();
  await expect(audit.verdict).toHaveText(/Intact: all \d+ entries verified/);
  await page.screenshot({ path: `${SCREENSHOTS}/audit.png` });

  const downloading = page.waitForEvent('download');
  await audit.exportButton.click();
  const download = await downloading;
  const [header, ...rows] = parseCsv(readFileSync(await download.path(), 'utf8'));
  expect(header).toEqual(['Id', 'Time (UTC)', 'Profile', 'Action', 'Detail']);
  expect(rows.filter((row) => row[3] === 'payout.submitted')).toHaveLength(2);

  // Someone edits the file behind the app's back (the sqlite3 shell can drop the triggers).
  const raw = new Database(join(host.dataDir, 'payout-desk.sqlite'));
  raw.exec('DROP TRIGGER audit_log_no_update');
  raw.exec(`UPDATE audit_log SET detail_json = '{"amount":"1"}' WHERE action = 'payout.submitted'`);
  raw.close();
  await audit.verifyButton.click();
  await expect(audit.verdict).toHaveText(/Tampered with: entry \d+ was changed/);
});
