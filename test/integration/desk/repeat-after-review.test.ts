// A draft reviewed with no repeat among its rows; before Submit (an approval round can take a
// day), the same recipient is paid the same amount another way (a colleague's desk, Calypso's
// own web page) and a sync brings that payout in. Submit revalidated the rows, found the
// repeat (DUPLICATE_RECENT_PAYOUT, a warning), but the plan, and so its fingerprint, had not
// changed: the batches went out and the recipient was paid twice, the warning seen by
// nobody. What the person reviewed is what is sent, and that includes what the review said
// about each row: a repeat that appeared since the review sends nothing and asks for the
// review again, which then shows it (docs/intents.md, "Review bound to the send").
// Real parts: the built-in simulator over HTTP, SQLite, the keychain.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalypsoClient } from '../../../electron/services/calypso';
import type { DraftRow, DraftSummary } from '../../../shared/drafts';
import type { DraftReview, SyncStatus } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { deskCalls } from '../../support/desk-calls';
import { openTestDesk, type TestDesk } from '../../support/test-desk';

let opened: TestDesk;
const { value, failure } = deskCalls(() => opened.desk);

beforeAll(async () => {
  opened = await openTestDesk('repeat-after-review', {
    simulator: {
      seed: 'none',
      delays: { creationMs: 10, confirmationMs: 10, startMs: 10, completionMs: 10 },
    },
  });
});

afterAll(async () => {
  await opened.close();
});

describe('a repeat of a recent payment that appears between the review and Submit', () => {
  it('sends nothing and asks for the review again, which shows the repeat', async () => {
    const sim = opened.desk.simulator;
    if (!sim) throw new Error('no built-in simulator');
    const repeated = testAddress('tron', 8_601);
    const draft = await value<DraftSummary>('createDraft', {
      profileId: 'simulator',
      name: 'Invoices',
      sourceFile: 'invoices.csv',
      decimalSeparator: '.',
      rows: [repeated, testAddress('tron', 8_602)].map((address, index) => ({
        line: index + 2,
        address,
        amount: '11',
        currency: 'TRX',
        comment: '',
      })),
    });
    const review = await value<DraftReview>('reviewDraft', { draftId: draft.id });
    const before = await value<{ rows: DraftRow[] }>('getDraftRows', { draftId: draft.id });
    expect(before.rows.flatMap((row) => row.problems.map((problem) => problem.code))).not.toContain(
      'DUPLICATE_RECENT_PAYOUT',
    );

    // Paid another way (another machine on the same account), then synced in.
    const elsewhere = createCalypsoClient({ baseUrl: sim.baseUrl, ...sim.merchant });
    await elsewhere.createPayout({
      depositAddress: repeated,
      amount: '11',
      currency: 'TRX',
      idempotencyKey: randomUUID(),
    });
    expect((await value<SyncStatus>('syncNow', { profileId: 'simulator' })).state).toBe('idle');
    const payoutsBefore = sim.countPayouts();

    const refused = await failure('submitDraft', {
      draftId: draft.id,
      fingerprint: review.fingerprint,
    });
    expect(refused.code).toBe('VALIDATION');
    expect(sim.countPayouts()).toBe(payoutsBefore);

    // The review again shows the repeat on that row; Submit with its fingerprint then sends.
    const again = await value<DraftReview>('reviewDraft', { draftId: draft.id });
    const after = await value<{ rows: DraftRow[] }>('getDraftRows', { draftId: draft.id });
    expect(after.rows[0]?.problems.map((problem) => problem.code)).toContain(
      'DUPLICATE_RECENT_PAYOUT',
    );
    await value('submitDraft', { draftId: draft.id, fingerprint: again.fingerprint });
    expect(sim.countPayouts()).toBe(payoutsBefore + 1);
  });
});
