import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALYPSO_PATHS } from '../../../shared/calypso/endpoints';
import type { Page, Payout } from '../../../shared/calypso/types';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';
import { bodyAs, control, signedRequest } from './signed-request';

describe('simulator paging and filters', () => {
  let sim: RunningSimulator;
  let seededIds: string[];

  beforeAll(async () => {
    sim = await startSimulator();
    seededIds = sim.seedPayouts(1_000);
    sim.seedPayouts(30, { state: 'FAILED', currency: 'ETH' });
    sim.seedPayouts(5, { kind: 'mass', state: 'PARTIAL', recipients: 4 });
  });
  afterAll(async () => {
    await sim.close();
  });

  async function page(payload: Record<string, unknown>): Promise<Page<Payout>> {
    const reply = await signedRequest(sim, CALYPSO_PATHS.listPayouts, payload);
    expect(reply.status).toBe(200);
    return bodyAs(reply, 'payouts');
  }

  it('pages 1,000 payouts with size 100: each id exactly once, newest first', async () => {
    const filter = { stateNames: ['COMPLETED'] };
    const seen: string[] = [];
    let previousCreated = Number.POSITIVE_INFINITY;
    for (let pageNumber = 1; pageNumber <= 10; pageNumber += 1) {
      const result = await page({ ...filter, pageNumber, size: 100 });
      expect(result).toMatchObject({
        page: pageNumber,
        size: 100,
        total: 10,
        totalElements: 1_000,
      });
      expect(result.result).toHaveLength(100);
      for (const payout of result.result) {
        const created = Date.parse(payout.createdDate);
        expect(created).toBeLessThanOrEqual(previousCreated);
        previousCreated = created;
        seen.push(payout.id);
      }
    }
    expect(new Set(seen).size).toBe(1_000);
    expect([...seen].sort()).toEqual([...seededIds].sort());
    const beyond = await page({ ...filter, pageNumber: 11, size: 100 });
    expect(beyond.result).toEqual([]);
    expect(beyond.totalElements).toBe(1_000);
  });

  it('defaults to page 1 of size 10 and counts pages as ceil(totalElements / size)', async () => {
    const first = await page({});
    expect(first).toMatchObject({ page: 1, size: 10, totalElements: 1_030, total: 103 });
    expect(first.result).toHaveLength(10);
    const odd = await page({ size: 7, stateNames: ['FAILED'] });
    expect(odd).toMatchObject({ totalElements: 30, total: 5 });
  });

  it('filters by state and keeps single and mass payouts apart', async () => {
    const failed = await page({ stateNames: ['FAILED'], size: 100 });
    expect(failed.result.every((p) => p.state === 'FAILED' && p.currency === 'ETH')).toBe(true);
    const either = await page({ stateNames: ['FAILED', 'COMPLETED'], size: 1 });
    expect(either.totalElements).toBe(1_030);
    const masses = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.listMassPayouts, { size: 100 }),
      'masses',
    );
    expect(masses.totalElements).toBe(5);
    expect(masses.result.every((m) => m.state === 'PARTIAL')).toBe(true);
  });

  it('lists withdrawals by dealId, parent idempotencyKey and state', async () => {
    const masses = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.listMassPayouts, { size: 1 }),
      'masses',
    );
    const mass = masses.result[0];
    expect(mass).toBeDefined();
    const byDeal = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.listWithdrawals, { dealId: mass?.id, pageSize: 2 }),
      'withdrawals',
    );
    expect(byDeal).toMatchObject({ totalElements: 4, total: 2, size: 2 });
    const byKey = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.listWithdrawals, {
        idempotencyKey: mass?.idempotencyKey,
        stateNames: ['FAILED'],
      }),
      'withdrawals',
    );
    expect(byKey.totalElements).toBe(1);
    expect(byKey.result[0]?.withdrawalErrors).toHaveLength(1);
    const allFailed = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.listWithdrawals, { stateNames: ['FAILED'] }),
      'withdrawals',
    );
    expect(allFailed.totalElements).toBe(30 + 5);
  });

  // How fast is bench work, not a test's (a timed assertion failed CI on a loaded machine).
  it('seeds 10,000 payouts in one go and pages them', async () => {
    const seeded = await control(sim.baseUrl, 'seed', { count: 10_000, currency: 'USDC' });
    expect(seeded.body).toMatchObject({ created: 10_000 });
    const lastPage = await page({ pageNumber: 111, size: 100 });
    expect(lastPage).toMatchObject({ totalElements: 11_030, total: 111 });
    expect(lastPage.result).toHaveLength(30);
    expect(sim.countPayouts(sim.merchant.account)).toBe(11_035);
  });
});
