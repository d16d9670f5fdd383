import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { encodeAddress } from '../../shared/address';
import { rawConnection, rewriteAuditLog } from '../support/audit-attacker';
import { AppShell } from './pages/app-shell';
import { AuditPage } from './pages/audit-page';
import { savedFileOf } from './support/downloads';
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
    const preview = await host.call('previewPayout', request);
    if (!preview.ok) throw new Error(preview.error.message);
    const result = await host.call('createPayout', {
      ...request,
      payloadHash: (preview.value as { payloadHash: string }).payloadHash,
    });
    expect(result.ok).toBe(true);
  }
});

test.afterAll(async () => {
  await host.close();
});

// Runs inside npm test's private keyring session: the log is sealed with the installation's
// key, so even a consistent re-hash of the file is found.
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

  const download = await savedFileOf(page, () => audit.exportButton.click());
  const [header, ...rows] = parseCsv(readFileSync(await download.path(), 'utf8'));
  expect(header).toEqual(['Id', 'Time (UTC)', 'Profile', 'Action', 'Detail']);
  expect(rows.filter((row) => row[3] === 'payout.submitted')).toHaveLength(2);

  await expect(audit.keying).toHaveText(/Sealed with this installation's key/);
  await expect(page.getByRole('alert', { name: 'Startup notice' })).toHaveCount(0);

  // Someone redirects a pending payout in the file behind the app's back: the log is intact,
  // but the payload no longer hashes to what its audit entry recorded.
  const file = join(host.dataDir, 'payout-desk.sqlite');
  rawConnection(file, (sqlite) => {
    sqlite.exec(
      `UPDATE outbox SET payload_json = replace(payload_json, '"amount":"7"', '"amount":"7000"')`,
    );
  });
  await audit.verifyButton.click();
  await expect(audit.verdict).toHaveText(
    /Tampered with: the payload of outbox entry .* no longer matches the hash recorded/,
  );

  // An attacker without the key edits an entry and re-hashes the whole chain consistently.
  rewriteAuditLog(file, (rows) =>
    rows.map((row) =>
      row.action === 'payout.submitted' ? { ...row, detail_json: '{"amount":"1"}' } : row,
    ),
  );
  await audit.verifyButton.click();
  await expect(audit.verdict).toHaveText(/Tampered with: none of the \d+ entries is sealed/);
});
