// A draft's mass payout, scheduled and not started yet, cancelled from the desk: the cancel
// stored the payout as CANCELED in the cache, so the next sync pass found it known, final and
// unchanged and never read its withdrawals again. They stayed in the states a pass had read
// before the cancel (CONFIRMED...), for good: the draft's recipients list and its
// reconciliation file showed the recipients as still being paid while Calypso had cancelled
// them and given the money back, so nobody paid them, and every later row to them was
// flagged as a repeat of a payment that never happened.
// Real parts: the built-in simulator over HTTP (slow delays keep the payout cancellable),
// SQLite, the keychain.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftBatch, DraftSummary } from '../../../shared/drafts';
import type { DraftReview, SyncStatus } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { deskCalls } from '../../support/desk-calls';
import { openTestDesk, type TestDesk } from '../../support/test-desk';

let opened: TestDesk;
const { value } = deskCalls(() => opened.desk);

const HOUR = 3_600_000;

function withdrawalStates(dealId: string): string[] {
  const sqlite = new Database(join(opened.dir, 'payout-desk.sqlite'), { readonly: true });
  try {
    return sqlite
      .prepare('SELECT state FROM withdrawals WHERE deal_id = ? ORDER BY id')
      .pluck()
      .all(dealId) as string[];
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  opened = await openTestDesk('cancelled-batch-recipients', {
    simulator: {
      seed: 'none',
      delays: { creationMs: 10, confirmationMs: 10, startMs: HOUR, completionMs: HOUR },
    },
  });
});

afterAll(async () => {
  await opened.close();
});

describe('a mass payout cancelled from the desk before it started', () => {
  it('has its recipients read as CANCELED by the next sync pass', async () => {
    const draft = await value<DraftSummary>('createDraft', {
      profileId: 'simulator',
      name: 'December bonuses',
      sourceFile: 'bonuses.csv',
      decimalSeparator: '.',
      rows: [1, 2, 3].map((n) => ({
        line: n + 1,
        address: testAddress('tron', 8_400 + n),
        amount: `${n}`,
        currency: 'TRX',
        comment: '',
      })),
    });
    const review = await value<DraftReview>('reviewDraft', { draftId: draft.id });
    const [batch] = await value<DraftBatch[]>('submitDraft', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
    });
    const dealId = batch?.payoutId;
    if (!dealId) throw new Error('the batch was not created');

    // Wait until Calypso has the payout CONFIRMED (scheduled, not started), then sync it
    // with its recipients.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await value<SyncStatus>('syncNow', { profileId: 'simulator' })).state).toBe('idle');
    expect(withdrawalStates(dealId)).toHaveLength(3);
    expect(withdrawalStates(dealId)).not.toContain('CANCELED');

    await value('cancelPayout', {
      profileId: 'simulator',
      kind: 'mass',
      id: dealId,
      message: 'wrong month',
    });
    expect((await value<SyncStatus>('syncNow', { profileId: 'simulator' })).state).toBe('idle');
    expect(withdrawalStates(dealId)).toEqual(['CANCELED', 'CANCELED', 'CANCELED']);
  });
});
