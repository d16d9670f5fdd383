// A create whose first attempt reached Calypso (the payout was committed, its answer lost)
// and whose retry, inside the same call, is answered with a 4xx that is not 016: the client
// threw that 4xx as Calypso's answer, the submission stored the intent as `rejected`
// ("Calypso refused this payout: nothing was paid"), the same-payout guard went silent, and
// the person confirmed the payout again under a new request id: paid twice. A 4xx answers
// only the attempt it came back to; after an attempt that may have created the payout it
// proves nothing, so the outcome is unknown (pending) and is looked up by key later
// (docs/intents.md, "How an outcome is decided").
//
// The 4xx here is the simulator's own key rotation (the old key is refused with 002), done
// between the two attempts: an administrator revoking the API key at Calypso, or any refusal
// of the retry that does not look at the key (a rate limit, a clock refusal after a jump).
// Real parts: the built-in simulator over HTTP with its dropNext fault, SQLite, the keychain.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PayoutPreview, SubmittedPayout } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { confirmed } from '../../support/confirm-payout';
import { deskCalls } from '../../support/desk-calls';
import { openTestDesk, type TestDesk } from '../../support/test-desk';

let opened: TestDesk;
const { call, value } = deskCalls(() => opened.desk);

function intentState(requestId: string): string | undefined {
  const sqlite = new Database(join(opened.dir, 'payout-desk.sqlite'), { readonly: true });
  try {
    const row = sqlite.prepare('SELECT state FROM outbox WHERE request_id = ?').get(requestId) as
      { state: string } | undefined;
    return row?.state;
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  opened = await openTestDesk('refusal-after-maybe-sent', { simulator: { seed: 'none' } });
});

afterAll(async () => {
  await opened.close();
});

describe('a 4xx answering the retry of a create whose first attempt may have reached Calypso', () => {
  it('leaves the intent pending, never rejected, and the same payout is refused again', async () => {
    const sim = opened.desk.simulator;
    if (!sim) throw new Error('no built-in simulator');
    const payout = {
      profileId: 'simulator',
      depositAddress: testAddress('tron', 7_301),
      amount: '9',
      currency: 'TRX',
    };
    const requestId = randomUUID();
    const request = await confirmed(value, { ...payout, requestId });
    const before = sim.countPayouts();
    // The first attempt is committed and its answer dropped; the client waits its backoff
    // (about 300 ms) before the retry. The key is revoked in that window.
    sim.setFaults({ dropNext: 1 });
    const watch = setInterval(() => {
      if (sim.countPayouts() > before) {
        clearInterval(watch);
        sim.rotateCredentials(sim.merchant.account);
      }
    }, 2);
    const answer = await call<SubmittedPayout>('createPayout', request);
    clearInterval(watch);

    expect(sim.countPayouts()).toBe(before + 1); // the payout exists at Calypso
    expect(answer.ok ? answer.value.state : answer.error.code).toBe('pending');
    expect(intentState(requestId)).toBe('pending');
    // So the same payout entered again is refused while that one is not settled.
    const again = await value<PayoutPreview>('previewPayout', {
      ...payout,
      requestId: randomUUID(),
    });
    expect(again.risks.map((risk) => risk.code)).toContain('PAYOUT_NOT_SETTLED');
  });
});
