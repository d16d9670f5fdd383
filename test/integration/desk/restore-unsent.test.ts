// A restored backup knows an intent only as it was when the backup was taken. An intent that
// was "not sent" then may have been cancelled since (and the person paid another way), so the
// restore must not send it on its own: it may only look it up (docs/audit-chain.md,
// "Backups"). Real parts: the built-in simulator over HTTP, a real SQLite file, the keychain.
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { deletePassword } from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalypsoClient } from '../../../electron/services/calypso';
import { listBackups } from '../../../electron/services/db';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { AUDIT_KEY_ACCOUNT, createKeytarStore } from '../../../electron/services/vault';
import type { StartupNotice, SubmittedPayout } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { confirmed } from '../../support/confirm-payout';
import { deskCalls } from '../../support/desk-calls';

const SERVICE = 'payout-desk-test-restore-unsent';
const secretStore = createKeytarStore(SERVICE);
let dir: string;
let desk: Desk | undefined;
const { value } = deskCalls(() => desk);

const start = () =>
  createDesk({
    dataDir: dir,
    secretStore,
    simulator: {
      seed: 'none',
      delays: { creationMs: 50, confirmationMs: 50, startMs: 50, completionMs: 50 },
    },
    sync: { startOnOpen: false, minIntervalMs: 200, maxIntervalMs: 1_000 },
  });

function stateIn(file: string, requestId: string): unknown {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare('SELECT state FROM outbox WHERE request_id = ?').pluck().get(requestId);
  } finally {
    sqlite.close();
  }
}

/** Waits for the backup written after the confirmation (backupSoon runs after the answer). */
async function backupHolding(requestId: string): Promise<void> {
  for (;;) {
    const found = listBackups(join(dir, 'backups')).some(
      (backup) => stateIn(backup.file, requestId) !== undefined,
    );
    if (found) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-restore-unsent-'));
});

afterAll(async () => {
  await desk?.close();
  await deletePassword(SERVICE, AUDIT_KEY_ACCOUNT);
  rmSync(dir, { recursive: true, force: true });
});

describe('a backup restored at start', () => {
  it('never sends an intent that was not sent when the backup was taken (it may have been cancelled since)', async () => {
    desk = await start();
    const request = {
      profileId: 'simulator',
      requestId: randomUUID(),
      depositAddress: testAddress('tron', 91),
      amount: '5',
      currency: 'TRX',
    };
    const hashed = await confirmed(value, request);
    // Calypso unreachable: every connection refused, so the intent is "not sent".
    await desk.simulator?.close();
    const submitted = await value<SubmittedPayout>('createPayout', hashed);
    expect(submitted.state).toBe('not-sent');
    // The backup holds it unresolved (not sent, or pending while the sync pass retried it).
    await backupHolding(request.requestId);
    await value('syncNow', { profileId: 'simulator' });
    // The person cancels it (and pays another way): no backup is taken for a cancel.
    expect(await value('cancelIntent', { requestId: request.requestId })).toMatchObject({
      state: 'cancelled',
    });
    await desk.close();
    desk = undefined;
    const file = join(dir, 'payout-desk.sqlite');
    expect(stateIn(file, request.requestId)).toBe('cancelled');

    // Garbage over the pages of the cache, as a failing disk would leave it.
    const fd = openSync(file, 'r+');
    for (let offset = 4096; offset < statSync(file).size; offset += 4096) {
      writeSync(fd, Buffer.alloc(4096, 0xee), 0, 4096, offset);
    }
    closeSync(fd);

    desk = await start();
    const [notice] = await value<StartupNotice[]>('getStartupNotices');
    expect(notice?.kind).toBe('database-restored');
    await value('syncNow', { profileId: 'simulator' });
    await value('syncNow', { profileId: 'simulator' });

    const sim = desk.simulator;
    if (!sim) throw new Error('no built-in simulator');
    const client = createCalypsoClient({ baseUrl: sim.baseUrl, ...sim.merchant });
    const lookup = await client
      .getPayout({ idempotencyKey: request.requestId })
      .then(() => 'exists')
      .catch((error: unknown) => (error as { errorCode?: string }).errorCode);
    // Cancelled before the cache was lost: nothing may exist at Calypso.
    expect(lookup).toBe('004');
    // Not sent when the backup was taken, unknown since: settled without sending.
    expect(stateIn(file, request.requestId)).toBe('expired');
  });
});
