// KNOWN HOLE, left open (it.fails documents it): rows held for a test payment go out in a
// follow-up batch days after the draft's review, once the test COMPLETED and the address is
// trusted. If the recipient was paid the same amount another way meanwhile (the person, tired
// of waiting, paid the invoice from Calypso's web page), the follow-up plan revalidates the
// row, finds the repeat (DUPLICATE_RECENT_PAYOUT), and since a repeat is only a warning it
// sends the row anyway: the recipient is paid twice. The held-rows review
// (reviewHeldRows) carries no per-row warnings, so nobody is shown the repeat before it is
// sent. Not fixed here because the right behaviour is a product decision: leave such a row
// out of the follow-up (as an error is), or show the warning in the held-rows review and
// ask for the review again as Submit now does (mass-drafts.ts newProblemsSinceReview).
// Real parts: the built-in simulator over HTTP, SQLite, the keychain.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalypsoClient } from '../../../electron/services/calypso';
import type { DraftSummary } from '../../../shared/drafts';
import type { DraftReview, HeldRowsReview } from '../../../shared/ipc';
import type { TestPaymentHold } from '../../../shared/test-payments';
import { testAddress } from '../../support/addresses';
import { deskCalls } from '../../support/desk-calls';
import { openTestDesk, type TestDesk } from '../../support/test-desk';

let opened: TestDesk;
const { value, call } = deskCalls(() => opened.desk);

beforeAll(async () => {
  opened = await openTestDesk('held-rows-repeat', {
    simulator: {
      seed: 'none',
      delays: { creationMs: 20, confirmationMs: 20, startMs: 20, completionMs: 20 },
    },
  });
});

afterAll(async () => {
  await opened.close();
});

describe('a held row whose recipient was paid another way before its follow-up', () => {
  it('is left out of the follow-up, and the review says why', async () => {
    const sim = opened.desk.simulator;
    if (!sim) throw new Error('no built-in simulator');
    const held = testAddress('tron', 8_701);
    const other = testAddress('tron', 8_702);
    const draft = await value<DraftSummary>('createDraft', {
      profileId: 'simulator',
      name: 'Suppliers',
      sourceFile: 'suppliers.csv',
      decimalSeparator: '.',
      rows: [
        { line: 2, address: held, amount: '13', currency: 'TRX', comment: '' },
        { line: 3, address: other, amount: '14', currency: 'TRX', comment: '' },
      ],
    });
    await value('reviewDraft', { draftId: draft.id });
    await value('startTestPayment', { draftId: draft.id, address: held });
    const review = await value<DraftReview>('reviewDraft', { draftId: draft.id });
    await value('submitDraft', { draftId: draft.id, fingerprint: review.fingerprint });

    await expect
      .poll(
        async () => {
          await value('syncNow', { profileId: 'simulator' });
          const list = await value<TestPaymentHold[]>('listTestPayments', { draftId: draft.id });
          return list[0]?.state;
        },
        { timeout: 15_000, interval: 200 },
      )
      .toBe('completed');
    await value('updateAddressBookEntry', {
      profileId: 'simulator',
      network: 'tron',
      address: held,
      trusted: true,
    });

    // Paid the same amount another way meanwhile, and synced in.
    const elsewhere = createCalypsoClient({ baseUrl: sim.baseUrl, ...sim.merchant });
    await elsewhere.createPayout({
      depositAddress: held,
      amount: '13',
      currency: 'TRX',
      idempotencyKey: randomUUID(),
    });
    await value('syncNow', { profileId: 'simulator' });
    const payoutsBefore = sim.countPayouts();

    const followUp = await value<HeldRowsReview>('reviewHeldRows', { draftId: draft.id });
    expect(followUp.batches).toEqual([]);
    expect(followUp.excludedRows).toBe(1);
    expect(followUp.leftOut).toHaveLength(1);
    expect(followUp.leftOut[0]?.rowNo).toBe(1);
    expect(followUp.leftOut[0]?.reason).toContain('13');
    expect(followUp.leftOut[0]?.reason).toContain(
      'This was found after the draft was submitted, so the row is not sent: pay it as a payout of its own if it is still owed.',
    );
    const sent = await call('sendHeldRows', {
      draftId: draft.id,
      fingerprint: followUp.fingerprint,
    });
    expect(sent.ok).toBe(false);
    expect(sim.countPayouts()).toBe(payoutsBefore);
  });
});
