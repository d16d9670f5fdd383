import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAddress } from '../../../shared/address';
import { CALYPSO_PATHS } from '../../../shared/calypso/endpoints';
import { PAYOUT_STATES, type Page } from '../../../shared/calypso/types';
import { CURRENCIES, findCurrency } from '../../../shared/networks';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';
import { addressOf, bodyAs, control, field, signedRequest } from './signed-request';

describe('simulator storage', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'calypso-sim-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps merchants, payouts, ids and progress in a SQLite file across a restart', async () => {
    const dbFile = join(dir, 'sim.db');
    const first = await startSimulator({ dbFile });
    const key = randomUUID();
    const created = bodyAs(
      await signedRequest(first, CALYPSO_PATHS.createPayout, {
        depositAddress: addressOf('bsc', 1),
        amount: '0.000000000000000001',
        currency: 'BNB',
        idempotencyKey: key,
      }),
      'payout',
    );
    const merchant = first.merchant;
    await first.close();

    const second = await startSimulator({ dbFile });
    try {
      expect(second.merchant).toEqual(merchant);
      const found = await signedRequest(second, CALYPSO_PATHS.getPayout, { idempotencyKey: key });
      expect(bodyAs(found, 'payout')).toMatchObject({
        id: created.id,
        amount: '0.000000000000000001',
      });
      const reused = await signedRequest(second, CALYPSO_PATHS.createPayout, {
        depositAddress: addressOf('bsc', 1),
        amount: 1,
        currency: 'BNB',
        idempotencyKey: key,
      });
      expect(bodyAs(reused, 'error').errorCode).toBe('016');
      const next = bodyAs(
        await signedRequest(second, CALYPSO_PATHS.createPayout, {
          depositAddress: addressOf('bsc', 2),
          amount: 1,
          currency: 'BNB',
        }),
        'payout',
      );
      expect(Number(next.id)).toBeGreaterThan(Number(created.id));
      second.clock.advance(60_000);
      const done = await signedRequest(second, CALYPSO_PATHS.getPayout, { id: created.id });
      expect(bodyAs(done, 'payout').state).toBe('COMPLETED');
    } finally {
      await second.close();
    }
  });

  it('seeds a realistic demo history once, across all currencies and states', async () => {
    const dbFile = join(dir, 'demo.db');
    const sim = await startSimulator({ dbFile, seed: 'demo' });
    const total = await checkDemoHistory(sim).finally(() => sim.close());
    const again = await startSimulator({ dbFile, seed: 'demo' });
    try {
      expect(again.countPayouts()).toBe(total);
    } finally {
      await again.close();
    }
  });
});

async function collectPages<T>(fetchPage: (pageNumber: number) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  for (let pageNumber = 1; ; pageNumber += 1) {
    const page = await fetchPage(pageNumber);
    out.push(...page.result);
    if (pageNumber >= page.total) return out;
  }
}

/** Checks the demo history and returns how many payouts it holds. */
async function checkDemoHistory(sim: RunningSimulator): Promise<number> {
  const state = await control(sim.baseUrl, 'state');
  const counts = field(state.body, 'counts');
  const total = Number(field(counts, 'payouts')) + Number(field(counts, 'massPayouts'));
  expect(total).toBeGreaterThanOrEqual(200);

  const paging = (pageNumber: number) => ({ pageNumber, size: 100 });
  const singles = await collectPages(async (n) =>
    bodyAs(await signedRequest(sim, CALYPSO_PATHS.listPayouts, paging(n)), 'payouts'),
  );
  const masses = await collectPages(async (n) =>
    bodyAs(await signedRequest(sim, CALYPSO_PATHS.listMassPayouts, paging(n)), 'masses'),
  );
  expect(singles.length + masses.length).toBe(total);
  const states = new Set([...singles, ...masses].map((p) => p.state));
  for (const expected of PAYOUT_STATES.filter((s) => s !== 'CREATION_IN_PROGRESS')) {
    expect(states).toContain(expected);
  }
  expect(new Set(singles.map((p) => p.currency))).toEqual(new Set(CURRENCIES.map((c) => c.code)));
  expect(singles.some((p) => p.state === 'CANCELED' && p.cancellation?.cancelMessage)).toBe(true);
  expect(singles.some((p) => p.comment !== null)).toBe(true);
  const now = sim.clock.now();
  expect(singles.some((p) => p.executionDate !== null && Date.parse(p.executionDate) > now)).toBe(
    true,
  );
  const oldest = Math.min(...singles.map((p) => Date.parse(p.createdDate)));
  expect(now - oldest).toBeGreaterThan(60 * 86_400_000);
  expect(now - oldest).toBeLessThanOrEqual(91 * 86_400_000);
  for (const payout of singles) {
    const currency = findCurrency(payout.currency);
    expect(currency && checkAddress(payout.depositAddress, currency.network)).toEqual({ ok: true });
  }
  const partial = masses.find((m) => m.state === 'PARTIAL');
  const withdrawals = bodyAs(
    await signedRequest(sim, CALYPSO_PATHS.listWithdrawals, { dealId: partial?.id, pageSize: 100 }),
    'withdrawals',
  ).result;
  expect(new Set(withdrawals.map((w) => w.state))).toEqual(new Set(['COMPLETED', 'FAILED']));
  return total;
}
