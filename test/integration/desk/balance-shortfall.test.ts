/**
 * A payout beyond the balance, through the desk as the renderer calls it: the debit estimate
 * says "short" before anything is sent, and if the person confirms anyway Calypso's refusal
 * reaches them as a sentence naming the balance, with nothing created. The balance is set
 * over the simulator's control API (HTTP), and the built-in simulator debits what it accepts.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../../electron/services/desk';
import { createKeytarStore } from '../../../electron/services/vault';
import type { DeskResults } from '../../../shared/ipc';
import { testAddress } from '../../support/addresses';
import { confirmed } from '../../support/confirm-payout';
import { deskCalls } from '../../support/desk-calls';

let dir: string;
let desk: Desk;
const { call, value } = deskCalls(() => desk);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-shortfall-'));
  desk = await createDesk({
    dataDir: dir,
    secretStore: createKeytarStore('payout-desk-test'),
    simulator: { seed: 'none' },
    sync: { startOnOpen: false, minIntervalMs: 200, maxIntervalMs: 1_000 },
  });
});

afterAll(async () => {
  await desk.close();
  rmSync(dir, { recursive: true, force: true });
});

async function setBalance(currency: string, amount: string): Promise<void> {
  const baseUrl = desk.simulator?.baseUrl;
  if (!baseUrl) throw new Error('no built-in simulator');
  const response = await fetch(`${baseUrl}/__simulator/balances`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ currency, amount }),
  });
  expect(response.status).toBe(200);
}

function estimate(amount: string) {
  return value<DeskResults['estimateDebit']>('estimateDebit', {
    profileId: 'simulator',
    currency: 'USDT_TRX',
    amount,
  });
}

it('a payout lowers the balance the desk reads by amount + fee', async () => {
  await setBalance('USDT_TRX', '100');
  expect((await estimate('10')).debit).toMatchObject({ balance: '100', short: false });
  const result = await value<{ state: string }>(
    'createPayout',
    await confirmed(value, {
      profileId: 'simulator',
      requestId: randomUUID(),
      depositAddress: testAddress('tron', 71),
      amount: '10',
      currency: 'USDT_TRX',
    }),
  );
  expect(result.state).toBe('done');
  expect((await estimate('1')).debit.balance).toBe('89.95');
});

it('an overdraft is "short" in the estimate, and refused with a clear sentence if sent', async () => {
  await setBalance('USDT_TRX', '5');
  const { debit } = await estimate('5');
  expect(debit).toMatchObject({ balance: '5', short: true });

  const sim = desk.simulator;
  if (!sim) throw new Error('no built-in simulator');
  const before = sim.countPayouts();
  const result = await call(
    'createPayout',
    await confirmed(value, {
      profileId: 'simulator',
      requestId: randomUUID(),
      depositAddress: testAddress('tron', 72),
      amount: '5',
      currency: 'USDT_TRX',
    }),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'CALYPSO_REJECTED' } });
  if (result.ok) return;
  expect(result.error.message).toBe(
    'Calypso refused this payout: Insufficient funds: the USDT_TRX balance is 5, and this payout needs 5.025 (5 plus the Calypso fee 0.025).',
  );
  expect(sim.countPayouts()).toBe(before);
  expect((await estimate('1')).debit.balance).toBe('5');
});
