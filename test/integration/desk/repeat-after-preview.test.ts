// KNOWN HOLE, left open (it.fails documents it): two windows (or two people on two desks of
// one account) prepare the same single payout. Both confirmations are previewed while nothing
// repeats it; window A confirms and Calypso creates the payout; window B then confirms its
// own preview (another request id). Main checks B's risks again, finds the repeat of A's
// payout (DUPLICATE_RECENT_PAYOUT), but a repeat is only a warning and B's person never saw
// it (their preview came first): B is sent and the recipient is paid twice. Only an
// unsettled first payout (PAYOUT_NOT_SETTLED) is refused. The draft Submit refuses a warning
// its review did not show (mass-drafts.ts newProblemsSinceReview); the single payout cannot,
// because createPayout is not told which risks the confirmation showed. Fixing it needs the
// contract (shared/ipc.ts confirmedPayoutInput) to carry the shown risk codes from the
// renderer's confirmation (new-payout-slice.ts send), so it is left for a planned change.
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
  it.fails('does not send the second one on a preview that showed no repeat', async () => {
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
    });
    expect(sentA.state).toBe('done');
    const before = sim.countPayouts();

    await call('createPayout', { ...inB, payloadHash: previewB.payloadHash });
    expect(sim.countPayouts()).toBe(before);
  });
});
