// The backup that keeps an intent must exist before its request leaves: written only after
// Calypso's answer, a desk that died while waiting (and a cache damaged at that moment) came
// back from an older backup without the intent, although the payout may exist, and the
// person entered it again. Real parts: the built-in simulator over HTTP (its answers slowed
// down), a real SQLite file, the keychain.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { deletePassword } from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackups } from '../../../electron/services/db';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { AUDIT_KEY_ACCOUNT, createKeytarStore } from '../../../electron/services/vault';
import type { DraftSummary } from '../../../shared/drafts';
import type { DraftReview } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { confirmed } from '../../support/confirm-payout';
import { deskCalls } from '../../support/desk-calls';

const SERVICE = 'payout-desk-test-backup-before-send';
const secretStore = createKeytarStore(SERVICE);
let dir: string;
let desk: Desk;
const { value } = deskCalls(() => desk);

function backedUp(requestIds: () => string[]): boolean {
  return listBackups(join(dir, 'backups')).some((backup) => {
    const sqlite = new Database(backup.file, { readonly: true, fileMustExist: true });
    try {
      const ids = requestIds();
      if (ids.length === 0) return false;
      const statement = sqlite.prepare('SELECT 1 FROM outbox WHERE request_id = ?').pluck();
      return ids.every((id) => statement.get(id) !== undefined);
    } finally {
      sqlite.close();
    }
  });
}

/** Whether a backup held the intents before `answered` settled. */
async function backedUpBeforeAnswer(
  answered: Promise<unknown>,
  requestIds: () => string[],
): Promise<boolean> {
  const answer = { settled: false };
  const done = answered.finally(() => {
    answer.settled = true;
  });
  for (;;) {
    if (backedUp(requestIds)) {
      const before = !answer.settled;
      await done;
      return before;
    }
    if (answer.settled) {
      await done;
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function slowAnswers(latencyMs: number) {
  const response = await fetch(`${desk.simulator?.baseUrl ?? ''}/__simulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs }),
  });
  expect(response.ok).toBe(true);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-backup-before-send-'));
  desk = await createDesk({
    dataDir: dir,
    secretStore,
    simulator: {
      seed: 'none',
      delays: { creationMs: 50, confirmationMs: 50, startMs: 50, completionMs: 50 },
    },
    sync: { startOnOpen: false },
  });
  // The backup every start writes (none yet) is finished before anything is confirmed.
  while (listBackups(join(dir, 'backups')).length === 0) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
});

afterAll(async () => {
  await desk.close();
  await deletePassword(SERVICE, AUDIT_KEY_ACCOUNT);
  rmSync(dir, { recursive: true, force: true });
});

describe('the backup of a confirmation', () => {
  it('holds a single payout before Calypso has answered it', async () => {
    const hashed = await confirmed(value, {
      profileId: 'simulator',
      requestId: randomUUID(),
      depositAddress: testAddress('tron', 9_801),
      amount: '2',
      currency: 'TRX',
    });
    await slowAnswers(3_000);
    const answered = value('createPayout', hashed);
    expect(await backedUpBeforeAnswer(answered, () => [hashed.requestId])).toBe(true);
    await slowAnswers(0);
  });

  it("holds a submitted draft's batches before Calypso has answered them", async () => {
    const draft = await value<DraftSummary>('createDraft', {
      profileId: 'simulator',
      name: 'Backed up before sending',
      decimalSeparator: '.',
      rows: [1, 2].map((n) => ({
        line: n + 1,
        address: testAddress('tron', 9_810 + n),
        amount: '1',
        currency: 'TRX',
        comment: '',
      })),
    });
    const review = await value<DraftReview>('reviewDraft', { draftId: draft.id });
    await slowAnswers(3_000);
    const answered = value('submitDraft', { draftId: draft.id, fingerprint: review.fingerprint });
    const batchIds = () => {
      const sqlite = new Database(join(dir, 'payout-desk.sqlite'), { readonly: true });
      try {
        return sqlite
          .prepare<[string], string>('SELECT request_id FROM draft_batches WHERE draft_id = ?')
          .pluck()
          .all(draft.id);
      } finally {
        sqlite.close();
      }
    };
    expect(await backedUpBeforeAnswer(answered, batchIds)).toBe(true);
    await slowAnswers(0);
  });
});
