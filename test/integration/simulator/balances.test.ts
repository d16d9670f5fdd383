// Balances move with API payouts (electron/simulator/balance.ts): amount + fee is taken when
// the simulator accepts a payout, given back when it is cancelled or a withdrawal fails, and
// a payout the balance cannot cover is refused. All over HTTP, exact decimals throughout.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CALYPSO_PATHS } from '../../../shared/calypso/endpoints';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';
import { addressOf, bodyAs, control, errorCodeOf, field, signedRequest } from './signed-request';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({
    delays: { creationMs: 0, confirmationMs: 0, startMs: 1_000, completionMs: 1_000 },
  });
});
afterAll(async () => {
  await sim.close();
});

async function balance(currency: string): Promise<string | undefined> {
  const account = bodyAs(await signedRequest(sim, CALYPSO_PATHS.getAccount), 'account');
  return account.balances.find((entry) => entry.currency === currency)?.amount;
}

async function setBalance(currency: string, amount: string): Promise<void> {
  const reply = await control(sim.baseUrl, 'balances', { currency, amount });
  expect(reply.status).toBe(200);
}

/** Moves the simulator clock and lets the engine catch up (any API call does). */
async function advance(ms: number): Promise<void> {
  await control(sim.baseUrl, 'advance', { ms });
  await control(sim.baseUrl, 'state');
}

describe('simulator balances', () => {
  beforeEach(async () => {
    await setBalance('USDT_TRX', '1000');
  });

  it('a single payout takes amount + fee from the balance when it is accepted', async () => {
    const reply = await signedRequest(sim, CALYPSO_PATHS.createPayout, {
      depositAddress: addressOf('tron', 1),
      amount: '12.5',
      currency: 'USDT_TRX',
      idempotencyKey: randomUUID(),
    });
    expect(reply.status).toBe(200);
    expect(bodyAs(reply, 'payout').calypsoFee).toBe('0.0625');
    // 1000 - (12.5 + 0.0625)
    expect(await balance('USDT_TRX')).toBe('987.4375');
    // Completing it takes nothing more.
    await advance(5_000);
    expect(await balance('USDT_TRX')).toBe('987.4375');
  });

  it('a mass payout takes the sum of its amounts and fees', async () => {
    const reply = await signedRequest(sim, CALYPSO_PATHS.createMassPayout, {
      currency: 'USDT_TRX',
      idempotencyKey: randomUUID(),
      massAddresses: [
        { depositAddress: addressOf('tron', 2), amount: '0.1' },
        { depositAddress: addressOf('tron', 3), amount: '0.2' },
        { depositAddress: addressOf('tron', 4), amount: '100' },
      ],
    });
    expect(reply.status).toBe(200);
    const mass = bodyAs(reply, 'mass');
    expect(mass.totalWithdrawalAmount).toBe('100.3');
    // 0.0005 + 0.001 + 0.5 (0.5% each, rounded down to 6 decimals)
    expect(mass.totalCalypsoFee).toBe('0.5015');
    expect(await balance('USDT_TRX')).toBe('899.1985');
  });

  it('cancelling a payout gives amount + fee back', async () => {
    const created = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.createPayout, {
        depositAddress: addressOf('tron', 5),
        amount: '300',
        currency: 'USDT_TRX',
        executionDate: new Date(sim.clock.now() + 86_400_000).toISOString(),
      }),
      'payout',
    );
    expect(await balance('USDT_TRX')).toBe('698.5');
    const canceled = await signedRequest(sim, CALYPSO_PATHS.cancelPayout, { dealId: created.id });
    expect(bodyAs(canceled, 'payout').state).toBe('CANCELED');
    expect(await balance('USDT_TRX')).toBe('1000');
    // A second cancel is refused (012) and gives nothing back twice.
    const again = await signedRequest(sim, CALYPSO_PATHS.cancelPayout, { dealId: created.id });
    expect(errorCodeOf(again)).toBe('012');
    expect(await balance('USDT_TRX')).toBe('1000');
  });

  it('cancelling a mass payout gives all of it back', async () => {
    const created = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.createMassPayout, {
        currency: 'USDT_TRX',
        executionDate: new Date(sim.clock.now() + 86_400_000).toISOString(),
        massAddresses: [
          { depositAddress: addressOf('tron', 6), amount: '10' },
          { depositAddress: addressOf('tron', 7), amount: '20' },
        ],
      }),
      'mass',
    );
    expect(await balance('USDT_TRX')).toBe('969.85');
    await signedRequest(sim, CALYPSO_PATHS.cancelMassPayout, { dealId: created.id });
    expect(await balance('USDT_TRX')).toBe('1000');
  });

  it('a failed withdrawal gives its money back; a completed one keeps it taken', async () => {
    const failing = addressOf('tron', 8);
    sim.failAddress(failing);
    const created = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.createMassPayout, {
        currency: 'USDT_TRX',
        massAddresses: [
          { depositAddress: failing, amount: '40' },
          { depositAddress: addressOf('tron', 9), amount: '60' },
        ],
      }),
      'mass',
    );
    expect(await balance('USDT_TRX')).toBe('899.5');
    await advance(5_000);
    const done = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.getMassPayout, { id: created.id }),
      'mass',
    );
    expect(done.state).toBe('PARTIAL');
    // 40 + 0.2 came back; 60 + 0.3 stayed taken.
    expect(await balance('USDT_TRX')).toBe('939.7');
  });

  it('refuses a payout beyond the balance with 001 naming balance and need, taking nothing', async () => {
    await setBalance('USDT_TRX', '10');
    const count = sim.countPayouts();
    const reply = await signedRequest(sim, CALYPSO_PATHS.createPayout, {
      depositAddress: addressOf('tron', 10),
      amount: '10',
      currency: 'USDT_TRX',
      idempotencyKey: randomUUID(),
    });
    expect(reply.status).toBe(400);
    expect(errorCodeOf(reply)).toBe('001');
    expect(field(reply.body, 'message')).toBe(
      'Insufficient funds: the USDT_TRX balance is 10, and this payout needs 10.05 (10 plus the Calypso fee 0.05).',
    );
    const mass = await signedRequest(sim, CALYPSO_PATHS.createMassPayout, {
      currency: 'USDT_TRX',
      massAddresses: [
        { depositAddress: addressOf('tron', 11), amount: '5' },
        { depositAddress: addressOf('tron', 12), amount: '5' },
      ],
    });
    expect(errorCodeOf(mass)).toBe('001');
    expect(field(mass.body, 'message')).toMatch(/this mass payout needs 10\.05 /);
    expect(sim.countPayouts()).toBe(count);
    expect(await balance('USDT_TRX')).toBe('10');
    // Exactly the balance is enough.
    const exact = await signedRequest(sim, CALYPSO_PATHS.createPayout, {
      depositAddress: addressOf('tron', 13),
      amount: '9.950248',
      currency: 'USDT_TRX',
    });
    expect(exact.status).toBe(200);
    expect(bodyAs(exact, 'payout').calypsoFee).toBe('0.049751');
    expect(await balance('USDT_TRX')).toBe('0.000001');
  });

  it('a replayed create of an accepted payout is still 016 when the balance is spent', async () => {
    await setBalance('USDT_TRX', '100.5');
    const payload = {
      depositAddress: addressOf('tron', 14),
      amount: '100',
      currency: 'USDT_TRX',
      idempotencyKey: randomUUID(),
    };
    expect((await signedRequest(sim, CALYPSO_PATHS.createPayout, payload)).status).toBe(200);
    expect(await balance('USDT_TRX')).toBe('0');
    // The client recovers a lost answer by its key only when it hears 016 (calypso-api.md 6.5).
    expect(errorCodeOf(await signedRequest(sim, CALYPSO_PATHS.createPayout, payload))).toBe('016');
  });
});

describe('control API: POST /__simulator/balances', () => {
  it('sets one balance of the demo merchant, exactly, and answers all of them', async () => {
    const reply = await control(sim.baseUrl, 'balances', {
      currency: 'ETH',
      amount: '0.000000000000000001',
    });
    expect(reply.status).toBe(200);
    expect(field(reply.body, 'account')).toBe(sim.merchant.account);
    expect(field(reply.body, 'balances')).toContainEqual({
      currency: 'ETH',
      amount: '0.000000000000000001',
    });
    expect(await balance('ETH')).toBe('0.000000000000000001');
    // A currency the merchant never held is added; "007.50" is stored canonically.
    await setBalance('USDT_MATIC', '007.50');
    expect(await balance('USDT_MATIC')).toBe('7.5');
  });

  it("sets another merchant's balance by account", async () => {
    const other = sim.addMerchant();
    const reply = await control(sim.baseUrl, 'balances', {
      account: other.account,
      currency: 'BTC',
      amount: '0.5',
    });
    expect(reply.status).toBe(200);
    const seen = bodyAs(
      await signedRequest({ ...sim, merchant: other }, CALYPSO_PATHS.getAccount),
      'account',
    );
    expect(seen.balances.find((entry) => entry.currency === 'BTC')?.amount).toBe('0.5');
  });

  it.each([
    [{ currency: 'XYZ', amount: '1' }, /^currency: XYZ is not a currency/],
    [{ currency: 'BTC', amount: '-1' }, /^amount: expected a non-negative decimal/],
    [{ currency: 'BTC', amount: '0.123456789' }, /^amount: BTC has at most 8 decimals/],
    [{ currency: 'BTC', amount: 'lots' }, /^amount: /],
    [{ currency: 'BTC' }, /^amount: /],
    [{ amount: '1' }, /^currency: /],
    [{ currency: 'BTC', amount: '1', account: '0xnobody' }, /^account: no merchant/],
  ])('refuses %j with 400 naming the field', async (body, message) => {
    const before = await balance('BTC');
    const reply = await control(sim.baseUrl, 'balances', body);
    expect(reply.status).toBe(400);
    expect(field(reply.body, 'errorCode')).toBe('001');
    expect(String(field(reply.body, 'message'))).toMatch(message);
    expect(await balance('BTC')).toBe(before);
  });
});

describe('demo credentials', () => {
  it('are the same for the same seed across two in-memory starts, and differ by seed', async () => {
    const first = await startSimulator({ stableCredentials: true, randomSeed: 42 });
    const firstCredentials = first.merchant;
    await first.close();
    const second = await startSimulator({ stableCredentials: true, randomSeed: 42 });
    const other = await startSimulator({ stableCredentials: true, randomSeed: 43 });
    try {
      expect(second.merchant).toEqual(firstCredentials);
      expect(firstCredentials.account).toMatch(/^0x[0-9a-f]{40}$/);
      expect(firstCredentials.key).toMatch(/^[0-9a-f]{32}$/);
      expect(firstCredentials.secret).toMatch(/^[0-9a-f]{32}$/);
      expect(other.merchant.account).not.toBe(firstCredentials.account);
      expect(other.merchant.secret).not.toBe(firstCredentials.secret);
      // The derived credentials really sign: the account endpoint answers the same owner.
      const account = bodyAs(await signedRequest(second, CALYPSO_PATHS.getAccount), 'account');
      expect(account.account).toBe(firstCredentials.account);
    } finally {
      await second.close();
      await other.close();
    }
  });

  it('are random without stableCredentials, so two simulators in one test never share one', async () => {
    const a = await startSimulator();
    const b = await startSimulator();
    try {
      expect(a.merchant.account).not.toBe(b.merchant.account);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('a simulator file of schema 1 (before balances moved)', () => {
  it('opens, and cancelling a payout it held gives back nothing it never took', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-schema1-'));
    const dbFile = join(dir, 'sim.db');
    try {
      const old = await startSimulator({ dbFile });
      const [id] = old.seedPayouts(1, { kind: 'single', state: 'CONFIRMED', amount: '50' });
      old.setBalance('USDT_TRX', '7');
      await old.close();
      // Make it the file an older simulator wrote.
      const db = new Database(dbFile);
      db.exec('ALTER TABLE withdrawals DROP COLUMN debited');
      db.pragma('user_version = 1');
      db.close();

      const reopened = await startSimulator({ dbFile });
      try {
        const canceled = await signedRequest(reopened, CALYPSO_PATHS.cancelPayout, { dealId: id });
        expect(bodyAs(canceled, 'payout').state).toBe('CANCELED');
        const account = bodyAs(await signedRequest(reopened, CALYPSO_PATHS.getAccount), 'account');
        expect(account.balances.find((entry) => entry.currency === 'USDT_TRX')?.amount).toBe('7');
      } finally {
        await reopened.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
