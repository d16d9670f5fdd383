import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CALYPSO_PATHS } from '../../../shared/calypso/endpoints';
import type { Payout, Withdrawal } from '../../../shared/calypso/types';
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../electron/simulator/index';
import { addressOf, bodyAs, control, errorCodeOf, signedRequest } from './signed-request';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Delays of a minute each: real time passing during a slow test run cannot move a payout
// on by itself, only the clock.advance() calls do.
const DELAYS = {
  creationMs: MINUTE,
  confirmationMs: MINUTE,
  startMs: MINUTE,
  completionMs: MINUTE,
};
const ALL_DELAYS = DELAYS.creationMs + DELAYS.confirmationMs + DELAYS.startMs + DELAYS.completionMs;

describe('simulator state progression', () => {
  let sim: RunningSimulator;

  async function start(options: SimulatorOptions = {}): Promise<RunningSimulator> {
    sim = await startSimulator({ delays: DELAYS, ...options });
    return sim;
  }
  afterEach(async () => {
    await sim.close();
  });

  async function createPayout(extra: Record<string, unknown> = {}, n = 1): Promise<Payout> {
    const reply = await signedRequest(sim, CALYPSO_PATHS.createPayout, {
      depositAddress: addressOf('tron', n),
      amount: '12.5',
      currency: 'USDT_TRX',
      idempotencyKey: randomUUID(),
      ...extra,
    });
    expect(reply.status).toBe(200);
    return bodyAs(reply, 'payout');
  }

  async function getPayout(id: string): Promise<Payout> {
    return bodyAs(await signedRequest(sim, CALYPSO_PATHS.getPayout, { id }), 'payout');
  }

  async function withdrawalsOf(dealId: string): Promise<Withdrawal[]> {
    const page = await signedRequest(sim, CALYPSO_PATHS.listWithdrawals, { dealId, pageSize: 100 });
    return bodyAs(page, 'withdrawals').result;
  }

  it('moves a single payout CONFIRMED -> IN_PROGRESS -> COMPLETED with a transaction hash', async () => {
    await start();
    const payout = await createPayout();
    expect(payout.state).toBe('CONFIRMED');
    sim.clock.advance(DELAYS.startMs + 100);
    expect((await getPayout(payout.id)).state).toBe('IN_PROGRESS');
    expect((await withdrawalsOf(payout.id))[0]?.state).toBe('IN_PROGRESS');
    sim.clock.advance(DELAYS.completionMs);
    const done = await getPayout(payout.id);
    expect(done.state).toBe('COMPLETED');
    expect(done.transactionHash).toMatch(/^[0-9a-f]{64}$/);
    expect(done.errors?.withdrawalErrors).toEqual([]);
    const [withdrawal] = await withdrawalsOf(payout.id);
    expect(withdrawal).toMatchObject({ state: 'COMPLETED', transactionHash: done.transactionHash });
  });

  it('fails a payout to an address on the fail list, with readable errors', async () => {
    const failing = addressOf('ethereum', 66);
    await start({ failAddresses: [failing] });
    const payout = await createPayout({ depositAddress: failing, currency: 'ETH', amount: '0.5' });
    sim.clock.advance(ALL_DELAYS);
    const failed = await getPayout(payout.id);
    expect(failed.state).toBe('FAILED');
    expect(failed.transactionHash).toBeNull();
    const [group] = failed.errors?.withdrawalErrors ?? [];
    expect(group?.errors[0]).toMatchObject({ status: 'ERROR', errorResolved: false });
    expect(group?.errors[0]?.errorMessage).toContain(failing);
    const [withdrawal] = await withdrawalsOf(payout.id);
    expect(withdrawal?.id).toBe(group?.withdrawalId);
    expect(withdrawal?.state).toBe('FAILED');
    expect(withdrawal?.withdrawalErrors[0]?.errorMessage).toMatch(/failed/);
  });

  it('ends a mass payout PARTIAL with per-withdrawal states when some recipients fail', async () => {
    await start();
    const bad = addressOf('tron', 102);
    const added = await control(sim.baseUrl, 'fail-addresses', { add: [bad] });
    expect(added.body).toEqual({ failAddresses: [bad] });
    const reply = await signedRequest(sim, CALYPSO_PATHS.createMassPayout, {
      currency: 'USDT_TRX',
      name: 'Weekly affiliates',
      massAddresses: [101, 102, 103].map((n) => ({
        depositAddress: addressOf('tron', n),
        amount: n,
      })),
    });
    const mass = bodyAs(reply, 'mass');
    expect(mass.state).toBe('CREATION_IN_PROGRESS');
    sim.clock.advance(DELAYS.creationMs + 10);
    const confirmed = await signedRequest(sim, CALYPSO_PATHS.getMassPayout, { id: mass.id });
    expect(bodyAs(confirmed, 'mass').state).toBe('CONFIRMED');
    sim.clock.advance(ALL_DELAYS);
    const finished = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.getMassPayout, { id: mass.id }),
      'mass',
    );
    expect(finished.state).toBe('PARTIAL');
    const withdrawals = await withdrawalsOf(mass.id);
    const byAddress = new Map(withdrawals.map((w) => [w.depositAddress, w]));
    expect(byAddress.get(bad)?.state).toBe('FAILED');
    expect(byAddress.get(bad)?.transactionHash).toBeNull();
    for (const n of [101, 103]) {
      expect(byAddress.get(addressOf('tron', n))?.state).toBe('COMPLETED');
      expect(byAddress.get(addressOf('tron', n))?.transactionHash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(finished.errors?.withdrawalErrors.map((e) => e.withdrawalId)).toEqual([
      byAddress.get(bad)?.id,
    ]);
  });

  it('ends a mass payout FAILED when every recipient fails, and never puts a single payout in PARTIAL', async () => {
    await start();
    const bad = [addressOf('tron', 201), addressOf('tron', 202)];
    for (const address of bad) sim.failAddress(address);
    const mass = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.createMassPayout, {
        currency: 'TRX',
        massAddresses: bad.map((depositAddress) => ({ depositAddress, amount: 5 })),
      }),
      'mass',
    );
    const single = await createPayout({ depositAddress: bad[0] });
    sim.clock.advance(ALL_DELAYS);
    const massState = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.getMassPayout, { id: mass.id }),
      'mass',
    ).state;
    expect(massState).toBe('FAILED');
    expect((await getPayout(single.id)).state).toBe('FAILED');
  });

  it('waits for a future executionDate, and runs a past one at once', async () => {
    await start();
    const executionDate = new Date(sim.clock.now() + HOUR).toISOString();
    const scheduled = await createPayout({ executionDate });
    const past = await createPayout(
      { executionDate: new Date(sim.clock.now() - HOUR).toISOString() },
      2,
    );
    expect(scheduled.executionDate).toBe(executionDate);
    sim.clock.advance(30 * MINUTE);
    expect((await getPayout(scheduled.id)).state).toBe('CONFIRMED');
    expect((await getPayout(past.id)).state).toBe('COMPLETED');
    const future = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.listPayouts, { isExecutionDateInFuture: true }),
      'payouts',
    );
    expect(future.result.map((p) => p.id)).toEqual([scheduled.id]);
    const notFuture = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.listPayouts, { isExecutionDateInFuture: false }),
      'payouts',
    );
    expect(notFuture.result.map((p) => p.id)).toEqual([past.id]);
    sim.clock.advance(30 * MINUTE + DELAYS.startMs / 2);
    expect((await getPayout(scheduled.id)).state).toBe('CONFIRMED');
    sim.clock.advance(DELAYS.startMs + DELAYS.completionMs);
    expect((await getPayout(scheduled.id)).state).toBe('COMPLETED');
  });

  it('cancels only cancellable payouts, records who and why, and refuses a second cancel', async () => {
    await start();
    const scheduled = await createPayout({
      executionDate: new Date(sim.clock.now() + HOUR).toISOString(),
    });
    const canceled = await signedRequest(sim, CALYPSO_PATHS.cancelPayout, {
      dealId: scheduled.id,
      message: 'Wrong amount',
    });
    expect(canceled.status).toBe(200);
    expect(bodyAs(canceled, 'payout')).toMatchObject({
      state: 'CANCELED',
      cancellation: { canceledByFirstname: 'API', cancelMessage: 'Wrong amount' },
    });
    expect((await withdrawalsOf(scheduled.id))[0]?.state).toBe('CANCELED');
    const twice = await signedRequest(sim, CALYPSO_PATHS.cancelPayout, { dealId: scheduled.id });
    expect(errorCodeOf(twice)).toBe('012');
    // Canceled payouts stay canceled when their date comes.
    sim.clock.advance(2 * HOUR);
    expect((await getPayout(scheduled.id)).state).toBe('CANCELED');

    const running = await createPayout({}, 3);
    sim.clock.advance(DELAYS.startMs + 10);
    const tooLate = await signedRequest(sim, CALYPSO_PATHS.cancelPayout, { dealId: running.id });
    expect(errorCodeOf(tooLate)).toBe('012');
    sim.clock.advance(DELAYS.completionMs);
    const finished = await signedRequest(sim, CALYPSO_PATHS.cancelPayout, { dealId: running.id });
    expect(errorCodeOf(finished)).toBe('012');
  });

  it('cancels by idempotencyKey, and refuses a dealId and key that disagree with 001', async () => {
    await start();
    const later = new Date(sim.clock.now() + HOUR).toISOString();
    const a = await createPayout({ executionDate: later }, 4);
    const b = await createPayout({ executionDate: later }, 5);
    const mismatch = await signedRequest(sim, CALYPSO_PATHS.cancelPayout, {
      dealId: a.id,
      idempotencyKey: b.idempotencyKey,
    });
    expect(errorCodeOf(mismatch)).toBe('001');
    expect((await getPayout(a.id)).state).toBe('CONFIRMED');
    const byKey = await signedRequest(sim, CALYPSO_PATHS.cancelPayout, {
      idempotencyKey: b.idempotencyKey,
    });
    expect(bodyAs(byKey, 'payout')).toMatchObject({ id: b.id, state: 'CANCELED' });
    const both = await signedRequest(sim, CALYPSO_PATHS.cancelPayout, {
      dealId: a.id,
      idempotencyKey: a.idempotencyKey,
    });
    expect(bodyAs(both, 'payout').state).toBe('CANCELED');
  });

  it('cancels a mass payout in CREATION_IN_PROGRESS together with its withdrawals', async () => {
    await start();
    const mass = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.createMassPayout, {
        currency: 'BTC',
        massAddresses: [1, 2].map((n) => ({
          depositAddress: addressOf('bitcoin', n),
          amount: '0.001',
        })),
      }),
      'mass',
    );
    const canceled = await signedRequest(sim, CALYPSO_PATHS.cancelMassPayout, {
      dealId: mass.id,
      message: 'Not approved',
    });
    expect(bodyAs(canceled, 'mass').state).toBe('CANCELED');
    const withdrawals = await withdrawalsOf(mass.id);
    expect(withdrawals.map((w) => w.state)).toEqual(['CANCELED', 'CANCELED']);
    sim.clock.advance(ALL_DELAYS);
    const again = await signedRequest(sim, CALYPSO_PATHS.cancelMassPayout, { dealId: mass.id });
    expect(errorCodeOf(again)).toBe('012');
  });

  it('starts payouts in PENDING_CONFIRMATION when verification is on', async () => {
    await start({ verification: true });
    const payout = await createPayout();
    expect(payout.state).toBe('PENDING_CONFIRMATION');
    sim.clock.advance(DELAYS.confirmationMs + 10);
    expect((await getPayout(payout.id)).state).toBe('CONFIRMED');
    sim.clock.advance(ALL_DELAYS);
    expect((await getPayout(payout.id)).state).toBe('COMPLETED');
  });

  it('advances through the control API too', async () => {
    await start();
    const payout = await createPayout();
    const advanced = await control(sim.baseUrl, 'advance', { ms: ALL_DELAYS });
    expect(advanced.status).toBe(200);
    const state = await control(sim.baseUrl, 'state');
    expect(state.body).toMatchObject({ counts: { payouts: 1, payoutsByState: { COMPLETED: 1 } } });
    expect((await getPayout(payout.id)).state).toBe('COMPLETED');
  });
});
