import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { startSimulator, type RunningSimulator } from '../../electron/simulator';
import { encodeAddress } from '../../shared/address';
import type { Profile } from '../../shared/ipc';
import { rawConnection, rewriteAuditLog } from '../support/audit-attacker';
import { AppShell } from './pages/app-shell';
import { AuditPage } from './pages/audit-page';
import { savedFileOf } from './support/downloads';
import { parseCsv, SCREENSHOTS, startTestHost, type TestHost } from './support/host';

let host: TestHost;
/** A merchant account of a second simulator: its profiles are renamed and removed. */
let other: RunningSimulator;
let removedId: string;

async function value<T>(method: string, argument: unknown): Promise<T> {
  const result = await host.call(method as never, argument);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

test.beforeAll(async () => {
  host = await startTestHost();
  other = await startSimulator({ randomSeed: 11 });
  const credentials = { environment: 'custom', baseUrl: other.baseUrl, ...other.merchant };
  const acme = await value<Profile>('addProfile', { name: 'Acme', ...credentials });
  await value('updateProfile', { id: acme.id, name: 'Acme treasury' });
  const old = await value<Profile>('addProfile', { name: 'Old account', ...credentials });
  removedId = old.id;
  await value('removeProfile', { profileId: old.id });
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
  await other.close();
});

/** `YYYY-MM-DD` of a day in the browser's (= this machine's) local time. */
function localDate(offsetDays: number): string {
  const date = new Date(Date.now() + offsetDays * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

test('the audit log says each entry in words, names profiles, and filters them', async ({
  page,
}) => {
  const shell = new AppShell(page);
  const audit = new AuditPage(page);
  await shell.open(host.url);
  await shell.goTo('Audit log');

  // Words, not JSON.
  const submitted = audit.rows.filter({ hasText: 'confirmed and sent to Calypso' });
  await expect(submitted).toHaveCount(2);
  await expect(
    audit.rows.filter({ hasText: /Payout of 12\.5 TRX \(Tron\) to T\w{5}…/ }),
  ).toHaveCount(1);
  await expect(audit.table).not.toContainText('{"');
  // Names, not ids; a removed profile keeps its id, marked.
  await expect(audit.cell(submitted.first(), 'Profile')).toHaveText('Simulator (not real money)');
  const renamed = audit.rows.filter({ hasText: 'Name changed from “Acme” to “Acme treasury”' });
  await expect(audit.cell(renamed, 'Profile')).toHaveText('Acme treasury');
  await expect(audit.cell(renamed, 'Action')).toContainText('Profile changed');
  const oldAdded = audit.rows.filter({ hasText: 'Profile “Old account” added' });
  await expect(audit.cell(oldAdded, 'Profile')).toHaveText(`${removedId} (removed)`);
  const oldRemoved = audit.rows.filter({ hasText: 'Profile “Old account” removed' });
  await expect(audit.cell(oldRemoved, 'Profile')).toHaveText(`${removedId} (removed)`);
  // The API key and secret are never on the screen.
  const screen = await page.locator('body').innerText();
  expect(screen).not.toContain(other.merchant.secret);
  expect(screen).not.toContain(other.merchant.key);
  await shell.screenshot('audit-words');

  // Filters, applied in main.
  await audit.actionFilter.selectOption({ label: 'Payout confirmed' });
  await expect(audit.rows).toHaveCount(2);
  await audit.actionFilter.selectOption({ label: 'All' });
  await audit.profileFilter.selectOption({ label: `${removedId} (removed)` });
  await expect(audit.rows).toHaveCount(2);
  await expect(audit.rows.first()).toContainText('Profile “Old account” removed');
  await audit.profileFilter.selectOption({ label: 'Acme treasury' });
  await expect(audit.rows).toHaveCount(2);
  await audit.fromDate.fill(localDate(1));
  await expect(audit.rows).toHaveCount(0);
  await expect(page.getByText('No audit entries match these filters.')).toBeVisible();
  await audit.fromDate.fill(localDate(0));
  await audit.toDate.fill(localDate(-1));
  await expect(page.getByText('The “To” date is before the “From” date')).toBeVisible();
  await audit.toDate.fill(localDate(0));
  await expect(audit.rows).toHaveCount(2);
  await audit.clearFilters.click();
  await expect(submitted).toHaveCount(2);
  await expect(audit.profileFilter).toHaveValue('');
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
