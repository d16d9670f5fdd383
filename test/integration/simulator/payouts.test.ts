import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALYPSO_PATHS } from '../../../shared/calypso/endpoints';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';
import { addressOf, bodyAs, errorCodeOf, field, signedRequest } from './signed-request';

describe('simulator payouts: creation, lookups, idempotency, exact amounts', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('creates a single payout in CONFIRMED with a numeric string id and the fee', async () => {
    const key = randomUUID();
    const reply = await signedRequest(sim, CALYPSO_PATHS.createPayout, {
      depositAddress: addressOf('tron', 1),
      amount: '250.5',
      currency: 'USDT_TRX',
      comment: 'Invoice 42',
      idempotencyKey: key,
      externalId: 'ERP-1',
    });
    expect(reply.status).toBe(200);
    const payout = bodyAs(reply, 'payout');
    expect(payout).toMatchObject({
      account: sim.merchant.account,
      amount: '250.5',
      currency: 'USDT_TRX',
      state: 'CONFIRMED',
      calypsoFeePercentage: '0.5',
      calypsoFee: '1.2525',
      comment: 'Invoice 42',
      idempotencyKey: key,
      executionDate: null,
      transactionHash: null,
      cancellation: null,
    });
    expect(payout.id).toMatch(/^\d+$/);
    expect(Date.parse(payout.createdDate)).toBeGreaterThan(0);
    // externalId is kept by the server but never returned (Q18).
    expect(reply.text).not.toContain('externalId');
    expect(reply.text).not.toContain('ERP-1');
  });

  it('finds a payout by id and by idempotencyKey, and only in its own kind and account', async () => {
    const key = randomUUID();
    const created = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.createPayout, {
        depositAddress: addressOf('ethereum', 2),
        amount: 1,
        currency: 'USDC',
        idempotencyKey: key,
      }),
      'payout',
    );
    const byId = await signedRequest(sim, CALYPSO_PATHS.getPayout, { id: created.id });
    expect(bodyAs(byId, 'payout').idempotencyKey).toBe(key);
    const byKey = await signedRequest(sim, CALYPSO_PATHS.getPayout, { idempotencyKey: key });
    expect(bodyAs(byKey, 'payout').id).toBe(created.id);
    const asMass = await signedRequest(sim, CALYPSO_PATHS.getMassPayout, { id: created.id });
    expect(errorCodeOf(asMass)).toBe('004');
    const other = sim.addMerchant();
    const foreign = await signedRequest({ ...sim, merchant: other }, CALYPSO_PATHS.getPayout, {
      id: created.id,
    });
    expect(errorCodeOf(foreign)).toBe('004');
  });

  it('answers unknown ids and keys with 004', async () => {
    for (const [path, payload] of [
      [CALYPSO_PATHS.getPayout, { id: '999999' }],
      [CALYPSO_PATHS.getPayout, { idempotencyKey: randomUUID() }],
      [CALYPSO_PATHS.getMassPayout, { id: '999999' }],
      [CALYPSO_PATHS.getWithdrawal, { requestId: '999999' }],
      [CALYPSO_PATHS.cancelPayout, { dealId: '999999' }],
      [CALYPSO_PATHS.cancelMassPayout, { idempotencyKey: randomUUID() }],
    ] as const) {
      const reply = await signedRequest(sim, path, payload);
      expect(reply.status).toBe(400);
      expect(errorCodeOf(reply)).toBe('004');
    }
  });

  it('refuses a reused idempotencyKey with 016 and creates nothing, even for an identical body', async () => {
    const payload = {
      depositAddress: addressOf('tron', 3),
      amount: 10,
      currency: 'TRX',
      idempotencyKey: randomUUID(),
    };
    const first = await signedRequest(sim, CALYPSO_PATHS.createPayout, payload);
    expect(first.status).toBe(200);
    const count = sim.countPayouts();
    const again = await signedRequest(sim, CALYPSO_PATHS.createPayout, payload);
    expect(again.status).toBe(400);
    expect(errorCodeOf(again)).toBe('016');
    expect(field(again.body, 'message')).toContain(payload.idempotencyKey);
    // Keys are unique per account across single and mass payouts.
    const asMass = await signedRequest(sim, CALYPSO_PATHS.createMassPayout, {
      currency: 'TRX',
      idempotencyKey: payload.idempotencyKey,
      massAddresses: [{ depositAddress: addressOf('tron', 4), amount: 1 }],
    });
    expect(errorCodeOf(asMass)).toBe('016');
    expect(sim.countPayouts()).toBe(count);
    // Another merchant may use the same key.
    const other = sim.addMerchant();
    const elsewhere = await signedRequest(
      { ...sim, merchant: other },
      CALYPSO_PATHS.createPayout,
      payload,
    );
    expect(elsewhere.status).toBe(200);
  });

  it('returns an 18-decimal ETH amount digit for digit', async () => {
    const reply = await signedRequest(sim, CALYPSO_PATHS.createPayout, {
      depositAddress: addressOf('ethereum', 5),
      amount: '1.123456789012345678',
      currency: 'ETH',
    });
    expect(reply.text).toContain('"amount":1.123456789012345678');
    const payout = bodyAs(reply, 'payout');
    expect(payout.amount).toBe('1.123456789012345678');
    // 0.5 % rounded down to 18 decimals.
    expect(payout.calypsoFee).toBe('0.005617283945061728');
    const fetched = await signedRequest(sim, CALYPSO_PATHS.getPayout, { id: payout.id });
    expect(fetched.text).toContain('"amount":1.123456789012345678');
  });

  it('totals a mass payout exactly: 0.1 + 0.2 + 0.3 is 0.6', async () => {
    const key = randomUUID();
    const reply = await signedRequest(sim, CALYPSO_PATHS.createMassPayout, {
      currency: 'USDT',
      name: 'Float trap',
      comment: 'exact sums',
      idempotencyKey: key,
      massAddresses: [
        { depositAddress: addressOf('ethereum', 6), amount: '0.1', comment: 'a' },
        { depositAddress: addressOf('ethereum', 7), amount: '0.2' },
        { depositAddress: addressOf('ethereum', 8), amount: '0.3' },
      ],
    });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('"totalWithdrawalAmount":0.6,');
    expect(reply.text).toContain('"totalCalypsoFee":0.003,');
    const mass = bodyAs(reply, 'mass');
    expect(mass).toMatchObject({
      state: 'CREATION_IN_PROGRESS',
      name: 'Float trap',
      currency: 'USDT',
      totalWithdrawalAmount: '0.6',
      totalCalypsoFeePercentage: '0.5',
      idempotencyKey: key,
    });
    expect(
      bodyAs(await signedRequest(sim, CALYPSO_PATHS.getMassPayout, { idempotencyKey: key }), 'mass')
        .id,
    ).toBe(mass.id);
    const withdrawals = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.listWithdrawals, { dealId: mass.id }),
      'withdrawals',
    );
    expect(withdrawals.totalElements).toBe(3);
    expect(withdrawals.result.map((w) => w.amount).sort()).toEqual(['0.1', '0.2', '0.3']);
    expect(withdrawals.result.every((w) => w.state === 'DRAFT')).toBe(true);
    const one = withdrawals.result.find((w) => w.amount === '0.1');
    const byRequestId = await signedRequest(sim, CALYPSO_PATHS.getWithdrawal, {
      requestId: one?.id,
    });
    expect(bodyAs(byRequestId, 'withdrawal')).toMatchObject({ comment: 'a', calypsoFee: '0.0005' });
  });

  it('gives a single payout exactly one withdrawal', async () => {
    const key = randomUUID();
    const payout = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.createPayout, {
        depositAddress: addressOf('bitcoin', 9),
        amount: '0.00012345',
        currency: 'BTC',
        idempotencyKey: key,
      }),
      'payout',
    );
    const page = bodyAs(
      await signedRequest(sim, CALYPSO_PATHS.listWithdrawals, { idempotencyKey: key }),
      'withdrawals',
    );
    expect(page.totalElements).toBe(1);
    expect(page.result[0]).toMatchObject({
      amount: '0.00012345',
      depositAddress: payout.depositAddress,
      state: 'DRAFT',
    });
  });
});
