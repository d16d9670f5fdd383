// The built-in simulator listens on a new port at every start, and a second desk process on
// the same data folder runs a simulator of its own: a review's fingerprint bound to that
// port made "the draft changed since you reviewed it" out of an unchanged draft after a
// restart. The plan is bound to the target the intents store (builtin:simulator and its
// account, docs/intents.md "Targets"). Real parts: the simulator over HTTP, a real SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deletePassword } from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { AUDIT_KEY_ACCOUNT, createKeytarStore } from '../../../electron/services/vault';
import type { DraftBatch, DraftSummary } from '../../../shared/drafts';
import type { AuditEntry, DraftReview } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { deskCalls } from '../../support/desk-calls';

const SERVICE = 'payout-desk-test-sim-fingerprint';
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
    sync: { startOnOpen: false },
  });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-sim-fingerprint-'));
});

afterAll(async () => {
  await desk?.close();
  await deletePassword(SERVICE, AUDIT_KEY_ACCOUNT);
  rmSync(dir, { recursive: true, force: true });
});

describe('a draft reviewed on the built-in simulator', () => {
  it('is submitted after a restart (another port) with the fingerprint of its review', async () => {
    desk = await start();
    const firstUrl = desk.simulator?.baseUrl;
    const draft = await value<DraftSummary>('createDraft', {
      profileId: 'simulator',
      name: 'Reviewed before a restart',
      decimalSeparator: '.',
      rows: [1, 2].map((n) => ({
        line: n + 1,
        address: testAddress('tron', 9_700 + n),
        amount: '1.5',
        currency: 'TRX',
        comment: '',
      })),
    });
    const review = await value<DraftReview>('reviewDraft', { draftId: draft.id });
    await desk.close();

    desk = await start();
    expect(desk.simulator?.baseUrl).not.toBe(firstUrl);
    const batches = await value<DraftBatch[]>('submitDraft', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
    });
    expect(batches.map((batch) => [batch.delivery, batch.total])).toEqual([['done', '3']]);
    const [submitted] = await value<AuditEntry[]>('listAudit', {});
    expect(submitted?.action).toBe('draft.submitted');
    // Audited with the target its intents store, not with this run's port.
    expect(submitted?.detail.target).toEqual({
      baseUrl: 'builtin:simulator',
      account: desk.simulator?.merchant.account,
    });
  });
});
