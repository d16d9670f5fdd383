/**
 * `externalSimulator` (the Electron e2e fixture's hook, docs/e2e.md): the simulator profile
 * points at a simulator another process runs, the desk starts none of its own, and what the
 * desk sends lands in that simulator.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { createKeytarStore } from '../../../electron/services/vault';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import type { Profile } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { confirmed } from '../../support/confirm-payout';
import { deskCalls } from '../../support/desk-calls';

let dir: string;
let sim: RunningSimulator;
let desk: Desk;
const { value } = deskCalls(() => desk);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-external-sim-'));
  sim = await startSimulator({ seed: 'demo' });
  desk = await createDesk({
    dataDir: dir,
    secretStore: createKeytarStore('payout-desk-test'),
    externalSimulator: { baseUrl: sim.baseUrl, merchant: sim.merchant },
    sync: { startOnOpen: false, minIntervalMs: 200, maxIntervalMs: 1_000 },
  });
});

afterAll(async () => {
  await desk.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

it('uses the given simulator for its simulator profile and starts none of its own', async () => {
  expect(desk.simulator).toBeUndefined();
  expect(existsSync(join(dir, 'simulator.sqlite'))).toBe(false);
  const profiles = await value<Profile[]>('listProfiles');
  expect(profiles).toContainEqual(
    expect.objectContaining({
      id: 'simulator',
      baseUrl: sim.baseUrl,
      account: sim.merchant.account,
      hasSecret: true,
    }),
  );
  const status = await value<{ state: string }>('syncNow', { profileId: 'simulator' });
  expect(status.state).toBe('idle');
  const page = await value<{ total: number }>('queryHistory', { profileId: 'simulator' });
  expect(page.total).toBe(sim.countPayouts(sim.merchant.account));

  const before = sim.countPayouts();
  const request = {
    profileId: 'simulator',
    requestId: randomUUID(),
    depositAddress: testAddress('tron', 1),
    amount: '2',
    currency: 'TRX',
  };
  await value('createPayout', await confirmed(value, request));
  expect(sim.countPayouts()).toBe(before + 1);
});
