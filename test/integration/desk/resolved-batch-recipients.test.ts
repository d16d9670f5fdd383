// A draft's batch whose create got no answer (pending), looked up by its key only after
// Calypso had finished it, one recipient FAILED: the lookup stored the mass payout final
// (PARTIAL) in the cache, the sync pass that followed saw it known, final and unchanged and
// never read its withdrawals. With no recipient states cached the draft had no failed row:
// "Retry failed rows" answered "No recipient of this draft failed", and the recipient whose
// withdrawal failed was never paid.
// Real parts: the built-in simulator over HTTP (dropNext and failNext cut every attempt of
// the create; its fail list fails one recipient), SQLite, the keychain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftBatch, DraftSummary } from '../../../shared/drafts';
import type { DraftReview, SyncStatus } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { deskCalls } from '../../support/desk-calls';
import { openTestDesk, type TestDesk } from '../../support/test-desk';

let opened: TestDesk;
const { value } = deskCalls(() => opened.desk);

beforeAll(async () => {
  opened = await openTestDesk('resolved-batch-recipients', {
    simulator: {
      seed: 'none',
      delays: { creationMs: 10, confirmationMs: 10, startMs: 10, completionMs: 10 },
    },
  });
});

afterAll(async () => {
  await opened.close();
});

describe('a batch whose outcome was unknown, looked up after Calypso finished it', () => {
  it('has its failed recipient offered for retry', async () => {
    const sim = opened.desk.simulator;
    if (!sim) throw new Error('no built-in simulator');
    const failing = testAddress('tron', 8_501);
    sim.failAddress(failing);
    const draft = await value<DraftSummary>('createDraft', {
      profileId: 'simulator',
      name: 'Payroll',
      sourceFile: 'payroll.csv',
      decimalSeparator: '.',
      rows: [failing, testAddress('tron', 8_502)].map((address, index) => ({
        line: index + 2,
        address,
        amount: '4',
        currency: 'TRX',
        comment: '',
      })),
    });
    const review = await value<DraftReview>('reviewDraft', { draftId: draft.id });
    // The first attempt creates the payout and loses its answer; the three retries get 500.
    sim.setFaults({ dropNext: 1, failNext: 3 });
    const [batch] = await value<DraftBatch[]>('submitDraft', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
    });
    expect(batch?.delivery).toBe('pending');
    sim.setFaults({ dropNext: 0, failNext: 0 });

    // Calypso finishes it meanwhile; the next pass looks it up, then syncs.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await value<SyncStatus>('syncNow', { profileId: 'simulator' })).state).toBe('idle');
    const [resolved] = await value<DraftBatch[]>('getDraftBatches', { draftId: draft.id });
    expect(resolved?.payoutState).toBe('PARTIAL');

    const retry = await value<DraftSummary>('retryFailedRows', { draftId: draft.id });
    expect(retry.rowCount).toBe(1);
  });
});
