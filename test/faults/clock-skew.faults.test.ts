// Fault 4: Calypso's clock is 5 minutes off ours (simulator clock offset ±5 min; Calypso
// refuses a timestamp more than 3 minutes away with 011). The client learns the offset from
// the Date header, re-signs the refused request once, and keeps signing with it; the
// connection check reports the offset so the UI can warn (over 60 s).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../electron/services/calypso/sign';
import { CLOCK_WARNING_MS } from '../../electron/services/profiles/connection-check';
import { CALYPSO_PATHS } from '../../shared/calypso/endpoints';
import type { DraftBatch } from '../../shared/drafts';
import type { ConnectionCheck, DraftReview, SubmittedPayout, SyncStatus } from '../../shared/ipc';
import { testAddress } from '../support/addresses';
import {
  createDraft,
  draftRowsOf,
  expectConverged,
  expectOnePayoutPerIntent,
  openFaultDesk,
  SIM_PROFILE,
  type FaultDesk,
} from './support/desk-harness';
import { recordOutcome } from './support/outcome';
import { confirmed } from '../support/confirm-payout';

const FIVE_MINUTES = 5 * 60_000;
let fd: FaultDesk;
const intents: string[] = [];

beforeAll(async () => {
  fd = await openFaultDesk();
  fd.sim.seedPayouts(250, { kind: 'single', state: 'COMPLETED' });
  fd.sim.seedPayouts(5, { kind: 'mass', state: 'COMPLETED', currency: 'USDT', recipients: 2 });
});

afterAll(async () => {
  await fd.close();
});

/** The error code Calypso gives a request signed with this machine's clock, unadjusted. */
async function localClockRefusal(): Promise<unknown> {
  const { account, key, secret } = fd.sim.merchant;
  const body = JSON.stringify({ account, timestamp: Date.now(), payload: { pageNumber: 1 } });
  const response = await fetch(`${fd.sim.baseUrl}${CALYPSO_PATHS.listPayouts}`, {
    method: 'POST',
    body,
    headers: { Key: key, Sign: signBody(body, secret), 'Content-Type': 'application/json' },
  });
  return ((await response.json()) as { errorCode?: unknown }).errorCode;
}

/** Every kind of request a person makes, under the skew: all must succeed. */
async function workUnderSkew(label: string, n: number) {
  const check = await fd.value<ConnectionCheck>('checkConnection', { profileId: SIM_PROFILE });
  const status = await fd.value<SyncStatus>('syncNow', { profileId: SIM_PROFILE });
  expect(status.state, JSON.stringify(status.lastError)).toBe('idle');
  const requestId = randomUUID();
  intents.push(requestId);
  const single = await fd.value<SubmittedPayout>(
    'createPayout',
    await confirmed(fd.value, {
      profileId: SIM_PROFILE,
      requestId,
      depositAddress: testAddress('tron', 5000 + n),
      amount: '10',
      currency: 'USDT_TRX',
    }),
  );
  expect(single.state).toBe('done');
  const draft = await createDraft(fd, `skew ${label}`, 120, 10 + n);
  await fd.value('updateDraftRow', { draftId: draft.id, rowNo: 1, comment: `skew ${label}` });
  const { fingerprint } = await fd.value<DraftReview>('reviewDraft', { draftId: draft.id });
  const batches = await fd.value<DraftBatch[]>('submitDraft', { draftId: draft.id, fingerprint });
  expect(batches.map((batch) => batch.delivery)).toEqual(['done', 'done']);
  intents.push(...batches.map((batch) => batch.requestId));
  const rows = await draftRowsOf(fd, draft.id);
  expect(rows[0]?.comment).toBe(`skew ${label}`);
  return check;
}

describe('fault 4: server clock 5 minutes off', () => {
  it('5 minutes ahead: requests succeed and the check reports the offset', async ({ task }) => {
    fd.sim.clock.setOffset(FIVE_MINUTES);
    // The fault is real: signed with the local clock, a request is refused.
    expect(await localClockRefusal()).toBe('011');
    const check = await workUnderSkew('ahead', 1);
    expect(Math.abs(check.clockOffsetMs - FIVE_MINUTES)).toBeLessThan(3_000);
    expect(Math.abs(check.clockOffsetMs)).toBeGreaterThan(CLOCK_WARNING_MS);
    recordOutcome(
      task,
      `+5 min: sync, payout and mass payout succeed, checkConnection clockOffsetMs ${check.clockOffsetMs} (UI warns)`,
    );
  });

  it('5 minutes behind (after the client learned +5 min): re-signs and succeeds', async ({
    task,
  }) => {
    fd.sim.clock.setOffset(-FIVE_MINUTES);
    expect(await localClockRefusal()).toBe('011');
    const check = await workUnderSkew('behind', 2);
    expect(Math.abs(check.clockOffsetMs + FIVE_MINUTES)).toBeLessThan(3_000);
    expect(Math.abs(check.clockOffsetMs)).toBeGreaterThan(CLOCK_WARNING_MS);
    await expectOnePayoutPerIntent(fd.sim, intents);
    await expectConverged(fd);
    recordOutcome(
      task,
      `-5 min: all succeed, clockOffsetMs ${check.clockOffsetMs}; one payout per intent, cache converged`,
    );
  });
});
