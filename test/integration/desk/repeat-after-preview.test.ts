// Two windows (or two people on two desks of one account) prepare the same single payout.
// Both confirmations are previewed while nothing repeats it; window A confirms and Calypso
// creates the payout; window B then confirms its own preview (another request id). Main
// checked B's risks again and found the repeat of A's payout (DUPLICATE_RECENT_PAYOUT), but a
// repeat is only a warning and B's person never saw it (their preview came first): B was
// sent and the recipient paid twice. Only an unsettled first payout (PAYOUT_NOT_SETTLED) was
// refused. The confirmation now sends the risk codes it showed (`shownRisks`), and a risk
// found at the send that was not shown sends nothing and asks for the review again, as the
// draft Submit does (mass-drafts.ts newProblemsSinceReview).
// Real parts: the built-in simulator over HTTP, SQLite, the keychain.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PayoutPreview, SubmittedPayout } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { deskCalls } from '../../support/desk-calls';
import { openTestDesk, type TestDesk } from '../../support/test-desk';

let opened: TestDesk;
const { value, call } = deskCalls(() => opened.desk);

beforeAll(async () => {
  opened = await openTestDesk('repeat-after-preview', { simulator: { seed: 'none' } });
});

afterAll(async () => {
  await opened.close();
});

describe('the same single payout confirmed in two windows, one after the other', () => {
  it('does not send the second one on a preview that showed no repeat', async () => {
    const sim = opened.desk.simulator;
    if (!sim) throw new Error('no built-in simulator');
    const payout = {
      profileId: 'simulator',
      depositAddress: testAddress('tron', 8_801),
      amount: '21',
      currency: 'TRX',
    };
    const inA = { ...payout, requestId: randomUUID() };
    const inB = { ...payout, requestId: randomUUID() };
    const previewA = await value<PayoutPreview>('previewPayout', inA);
    const previewB = await value<PayoutPreview>('previewPayout', inB);
    expect(previewB.risks.map((risk) => risk.code)).not.toContain('DUPLICATE_RECENT_PAYOUT');

    const sentA = await value<SubmittedPayout>('createPayout', {
      ...inA,
      payloadHash: previewA.payloadHash,
      shownRisks: previewA.risks.map((risk) => risk.code),
    });
    expect(sentA.state).toBe('done');
    const before = sim.countPayouts();

    // As the confirmation sends it: the hash and the risks it showed.
    const refused = await call('createPayout', {
      ...inB,
      payloadHash: previewB.payloadHash,
      shownRisks: previewB.risks.map((risk) => risk.code),
    });
    expect(refused.ok).toBe(false);
    expect(sim.countPayouts()).toBe(before);
  });
});
