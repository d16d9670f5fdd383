import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CALYPSO_PATHS } from '../../../shared/calypso/endpoints';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';
import { addressOf, bodyAs, control, errorCodeOf, signedRequest } from './signed-request';

describe('simulator fault injection', () => {
  let sim: RunningSimulator;

  afterEach(async () => {
    await sim.close();
  });

  function createPayload(n: number): Record<string, unknown> {
    return {
      depositAddress: addressOf('polygon', n),
      amount: '3.25',
      currency: 'USDT_MATIC',
      idempotencyKey: randomUUID(),
    };
  }

  it('drops the response of a committed write: the client sees a network error, the payout exists', async () => {
    sim = await startSimulator();
    sim.setFaults({ dropNext: 1 });
    const payload = createPayload(1);
    await expect(signedRequest(sim, CALYPSO_PATHS.createPayout, payload)).rejects.toThrow();
    expect(sim.countPayouts()).toBe(1);
    const recovered = await signedRequest(sim, CALYPSO_PATHS.getPayout, {
      idempotencyKey: payload.idempotencyKey,
    });
    expect(recovered.status).toBe(200);
    expect(bodyAs(recovered, 'payout').amount).toBe('3.25');
    // A retry with the same key is refused, never paid twice.
    const retry = await signedRequest(sim, CALYPSO_PATHS.createPayout, payload);
    expect(errorCodeOf(retry)).toBe('016');
    expect(sim.countPayouts()).toBe(1);
  });

  it('answers 500/000 before doing anything when failNext is set, then recovers', async () => {
    sim = await startSimulator();
    const set = await control(sim.baseUrl, 'faults', { failNext: 2 });
    expect(set.body).toMatchObject({ failNext: 2 });
    for (let i = 0; i < 2; i += 1) {
      const reply = await signedRequest(sim, CALYPSO_PATHS.createPayout, createPayload(2));
      expect(reply.status).toBe(500);
      expect(errorCodeOf(reply)).toBe('000');
      expect(reply.date).not.toBeNull();
    }
    expect(sim.countPayouts()).toBe(0);
    const ok = await signedRequest(sim, CALYPSO_PATHS.createPayout, createPayload(2));
    expect(ok.status).toBe(200);
  });

  it('applies errorRate and dropRate from options, with a seeded PRNG', async () => {
    sim = await startSimulator({ faults: { errorRate: 1 } });
    const failed = await signedRequest(sim, CALYPSO_PATHS.getAccount);
    expect(failed.status).toBe(500);
    sim.faults.errorRate = 0;
    sim.faults.dropRate = 1;
    // Reads are never dropped; writes are, after the commit.
    expect((await signedRequest(sim, CALYPSO_PATHS.getAccount)).status).toBe(200);
    await expect(
      signedRequest(sim, CALYPSO_PATHS.createPayout, createPayload(3)),
    ).rejects.toThrow();
    expect(sim.countPayouts()).toBe(1);
  });

  it('delays responses by latencyMs', async () => {
    sim = await startSimulator({ faults: { latencyMs: 150 } });
    const started = performance.now();
    const reply = await signedRequest(sim, CALYPSO_PATHS.getAccount);
    expect(reply.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('refuses bad fault settings on the control API', async () => {
    sim = await startSimulator();
    for (const body of [{ errorRate: 2 }, { failNext: -1 }, { dropNext: 'x' }, { loss: 1 }]) {
      const reply = await control(sim.baseUrl, 'faults', body);
      expect(reply.status).toBe(400);
    }
    expect(sim.faults).toEqual({
      latencyMs: 0,
      errorRate: 0,
      dropRate: 0,
      failNext: 0,
      dropNext: 0,
    });
  });
});
