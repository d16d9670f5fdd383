// The whole desk on a damaged cache: a payout whose outcome was unknown is in the newest
// backup (taken after the submission), the cache file is overwritten with garbage, and the
// next start sets it aside, restores the backup, tells the person, and resolves the payout
// by lookup. Real parts: the built-in simulator over HTTP, a real SQLite file, the keychain.
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { deletePassword } from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackups } from '../../../electron/services/db';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { AUDIT_KEY_ACCOUNT, createKeytarStore } from '../../../electron/services/vault';
import type {
  AuditEntry,
  AuditVerification,
  StartupNotice,
  SubmittedPayout,
} from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { confirmed } from '../../support/confirm-payout';
import { deskCalls } from '../../support/desk-calls';

// A service of its own: parallel test files creating the shared test service's first key
// at the same moment could each end up holding a different one.
const SERVICE = 'payout-desk-test-restore';
const secretStore = createKeytarStore(SERVICE);
let dir: string;
let desk: Desk | undefined;
const { value } = deskCalls(() => desk);

/** The value, or a failed test when it is missing. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

const start = (startOnOpen: boolean) =>
  createDesk({
    dataDir: dir,
    secretStore,
    simulator: { delays: { creationMs: 50, confirmationMs: 50, startMs: 50, completionMs: 50 } },
    sync: { startOnOpen, minIntervalMs: 200, maxIntervalMs: 1_000 },
  });

async function faults(settings: Record<string, number>) {
  const response = await fetch(`${must(must(desk).simulator).baseUrl}/__simulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  expect(response.ok).toBe(true);
}

const outboxState = (requestId: string) => {
  const sqlite = new Database(join(dir, 'payout-desk.sqlite'), { readonly: true });
  try {
    return sqlite.prepare('SELECT state FROM outbox WHERE request_id = ?').pluck().get(requestId);
  } finally {
    sqlite.close();
  }
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-restore-'));
});

afterAll(async () => {
  await desk?.close();
  await deletePassword(SERVICE, AUDIT_KEY_ACCOUNT);
  rmSync(dir, { recursive: true, force: true });
});

describe('a damaged cache at start', () => {
  it('is kept aside, the backup restored, the person told, and pending payouts looked up', async () => {
    desk = await start(false);
    expect(await value<StartupNotice[]>('getStartupNotices')).toEqual([]);
    // Every request answered 500 until this desk closes: the outcome stays unknown (pending).
    await faults({ failNext: 1_000_000 });
    const requestId = randomUUID();
    const submitted = await value<SubmittedPayout>(
      'createPayout',
      await confirmed(value, {
        profileId: 'simulator',
        requestId,
        depositAddress: testAddress('tron', 77),
        amount: '4.25',
        currency: 'TRX',
      }),
    );
    expect(submitted.state).toBe('pending');
    await desk.close(); // waits for the backup written after the submission
    desk = undefined;
    expect(outboxState(requestId)).toBe('pending');
    const newest = listBackups(join(dir, 'backups'))[0];
    expect(newest).toBeDefined();

    // Garbage over the pages of the cache, as a failing disk would leave it.
    const file = join(dir, 'payout-desk.sqlite');
    const fd = openSync(file, 'r+');
    for (let offset = 4096; offset < statSync(file).size; offset += 4096) {
      writeSync(fd, Buffer.alloc(4096, 0xee), 0, 4096, offset);
    }
    closeSync(fd);

    // A new simulator process state: its faults are off again.
    desk = await start(true);
    const [notice] = await value<StartupNotice[]>('getStartupNotices');
    expect(notice).toMatchObject({ kind: 'database-restored', restoredFrom: must(newest).file });
    if (notice?.kind !== 'database-restored') throw new Error('no restore notice');
    expect(existsSync(notice.damagedFile)).toBe(true);
    expect(notice.message).toContain(notice.damagedFile);
    expect(notice.message).toMatch(/restored its newest sound backup/);

    // The sync pass at start looks the pending payout up; not found, it expires: a restored
    // file never sends (the intent may have been cancelled after the backup was taken).
    await value('syncNow', { profileId: 'simulator' });
    expect(outboxState(requestId)).toBe('expired');
    const audit = await value<AuditEntry[]>('listAudit', {});
    expect(audit.map((entry) => entry.action)).toContain('database.restored');
    expect(await value<AuditVerification>('verifyAudit')).toMatchObject({
      keying: 'keyed',
    });
  });
});
