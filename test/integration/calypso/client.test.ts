import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CalypsoApiError,
  CalypsoNetworkError,
  createCalypsoClient,
  signBody,
  type CalypsoClient,
  type CalypsoClientOptions,
} from '../../../electron/services/calypso';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import { testAddress } from '../../support/addresses';
import { recordingFetch } from '../../support/recording-fetch';

let sim: RunningSimulator;

const noWait = () => Promise.resolve();

function clientFor(overrides: Partial<CalypsoClientOptions> = {}): CalypsoClient {
  return createCalypsoClient({
    baseUrl: sim.baseUrl,
    ...sim.merchant,
    sleep: noWait,
    ...overrides,
  });
}

beforeAll(async () => {
  sim = await startSimulator();
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.setFaults({ latencyMs: 0, errorRate: 0, dropRate: 0, failNext: 0, dropNext: 0 });
});

describe('Calypso client against the simulator: the eleven endpoints', () => {
  it('creates, reads, lists and cancels single payouts', async () => {
    const client = clientFor();
    const idempotencyKey = randomUUID();
    const created = await client.createPayout({
      depositAddress: testAddress('tron', 1),
      amount: '12.5',
      currency: 'USDT_TRX',
      comment: 'invoice 77',
      idempotencyKey,
    });
    expect(created).toMatchObject({ amount: '12.5', currency: 'USDT_TRX', state: 'CONFIRMED' });

    expect((await client.getPayout({ id: created.id })).id).toBe(created.id);
    expect((await client.getPayout({ idempotencyKey })).id).toBe(created.id);

    const page = await client.listPayouts({ pageNumber: 1, size: 10 });
    expect(page.result.map((payout) => payout.id)).toContain(created.id);

    const scheduled = await client.createPayout({
      depositAddress: testAddress('ethereum', 2),
      amount: '0.5',
      currency: 'ETH',
      executionDate: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const canceled = await client.cancelPayout({ dealId: scheduled.id, message: 'wrong month' });
    expect(canceled.state).toBe('CANCELED');
    expect(canceled.cancellation?.cancelMessage).toBe('wrong month');
  });

  it('creates, reads, lists and cancels mass payouts and reads their withdrawals', async () => {
    const client = clientFor();
    const idempotencyKey = randomUUID();
    const mass = await client.createMassPayout({
      currency: 'USDT',
      name: 'November payroll',
      massAddresses: [
        { depositAddress: testAddress('ethereum', 10), amount: '100' },
        { depositAddress: testAddress('ethereum', 11), amount: '200.25', comment: 'bonus' },
      ],
      idempotencyKey,
    });
    expect(mass.totalWithdrawalAmount).toBe('300.25');
    expect((await client.getMassPayout({ id: mass.id })).id).toBe(mass.id);
    expect((await client.getMassPayout({ idempotencyKey })).id).toBe(mass.id);
    expect((await client.listMassPayouts({ size: 50 })).result.map((m) => m.id)).toContain(mass.id);

    const withdrawals = await client.listWithdrawals({ dealId: mass.id, pageSize: 10 });
    expect(withdrawals.totalElements).toBe(2);
    const first = withdrawals.result[0];
    if (!first) throw new Error('no withdrawal listed');
    expect((await client.getWithdrawal({ requestId: first.id })).id).toBe(first.id);

    const canceled = await client.cancelMassPayout({ dealId: mass.id, message: 'duplicate' });
    expect(canceled.state).toBe('CANCELED');
  });

  it('reads the account balances as exact decimals', async () => {
    const account = await clientFor().getAccount();
    expect(account.account).toBe(sim.merchant.account);
    expect(account.balances.length).toBeGreaterThan(0);
    for (const balance of account.balances) expect(balance.amount).toMatch(/^\d+(\.\d+)?$/);
  });
});

describe('exact amounts', () => {
  it('an 18-decimal ETH amount survives the round trip digit for digit', async () => {
    const { fetch, sent } = recordingFetch();
    const created = await clientFor({ fetch }).createPayout({
      depositAddress: testAddress('ethereum', 20),
      amount: '1.123456789012345678',
      currency: 'ETH',
    });
    expect(sent[0]?.body).toContain('"amount":1.123456789012345678');
    expect(created.amount).toBe('1.123456789012345678');
  });

  it('0.1 + 0.2 + 0.3 totals exactly 0.6', async () => {
    const mass = await clientFor().createMassPayout({
      currency: 'USDC',
      massAddresses: ['0.1', '0.2', '0.3'].map((amount, index) => ({
        depositAddress: testAddress('ethereum', 30 + index),
        amount,
      })),
    });
    expect(mass.totalWithdrawalAmount).toBe('0.6');
  });
});

describe('signing and the envelope', () => {
  it('signs exactly the bytes sent, with the account and a fresh timestamp', async () => {
    const { fetch, sent } = recordingFetch();
    const before = Date.now();
    await clientFor({ fetch }).getAccount();
    const request = sent[0];
    if (!request) throw new Error('nothing sent');
    expect(request.headers.key).toBe(sim.merchant.key);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.sign).toBe(signBody(request.body, sim.merchant.secret));
    const envelope = JSON.parse(request.body) as { account: string; timestamp: number };
    expect(envelope.account).toBe(sim.merchant.account);
    expect(envelope.timestamp).toBeGreaterThanOrEqual(before);
    expect(request.body).not.toContain(sim.merchant.secret);
  });
});

describe('errors', () => {
  it('an unknown key is 002 and is not retried', async () => {
    const { fetch, sent } = recordingFetch();
    const failure = clientFor({ fetch, key: 'f'.repeat(32) }).getAccount();
    await expect(failure).rejects.toMatchObject({ name: 'CalypsoApiError', errorCode: '002' });
    expect(sent).toHaveLength(1);
  });

  it('a wrong secret is 003, and the error never contains the secret', async () => {
    const secret = 'a'.repeat(32);
    const error = await clientFor({ secret })
      .getAccount()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CalypsoApiError);
    expect((error as CalypsoApiError).errorCode).toBe('003');
    expect((error as Error).message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it('an unknown id is 004', async () => {
    await expect(clientFor().getPayout({ id: '999999999' })).rejects.toMatchObject({
      errorCode: '004',
    });
  });

  it('an invalid payload is 001 naming the field', async () => {
    const error = await clientFor()
      .createPayout({ depositAddress: testAddress('ethereum', 40), amount: '-5', currency: 'ETH' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ errorCode: '001' });
    expect((error as CalypsoApiError).serverMessage).toMatch(/amount/);
  });

  it('cancelling a payout that is no longer cancellable is 012', async () => {
    const client = clientFor();
    const payout = await client.createPayout({
      depositAddress: testAddress('tron', 41),
      amount: '1',
      currency: 'TRX',
    });
    sim.clock.advance(60_000);
    await expect(client.cancelPayout({ dealId: payout.id })).rejects.toMatchObject({
      errorCode: '012',
    });
    sim.clock.advance(-60_000);
  });
});

describe('retries', () => {
  it('5xx answers are retried, re-signed with a fresh timestamp and the same idempotencyKey', async () => {
    const { fetch, sent } = recordingFetch();
    let tick = Date.now();
    sim.setFaults({ failNext: 2 });
    const payout = await clientFor({ fetch, now: () => (tick += 7) }).createPayout({
      depositAddress: testAddress('ethereum', 50),
      amount: '3',
      currency: 'DAI',
    });
    expect(sent).toHaveLength(3);
    const envelopes = sent.map(
      (request) =>
        JSON.parse(request.body) as { timestamp: number; payload: { idempotencyKey: string } },
    );
    expect(new Set(envelopes.map((envelope) => envelope.timestamp)).size).toBe(3);
    expect(new Set(envelopes.map((envelope) => envelope.payload.idempotencyKey))).toEqual(
      new Set([payout.idempotencyKey]),
    );
    expect(new Set(sent.map((request) => request.headers.sign)).size).toBe(3);
  });

  it('gives up after the configured attempts with the last 5xx error', async () => {
    sim.setFaults({ failNext: 10 });
    const { fetch, sent } = recordingFetch();
    await expect(clientFor({ fetch, retry: { attempts: 3 } }).getAccount()).rejects.toMatchObject({
      errorCode: '000',
      httpStatus: 500,
    });
    expect(sent).toHaveLength(3);
  });

  it('an unreachable server is a network error after the retries', async () => {
    const closed = await startSimulator();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const { fetch, sent } = recordingFetch();
    const error = await clientFor({ baseUrl, fetch, retry: { attempts: 2 } })
      .getAccount()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CalypsoNetworkError);
    expect(sent).toHaveLength(2);
  });

  it('a timeout is a network error marked as timed out', async () => {
    sim.setFaults({ latencyMs: 400 });
    const error = await clientFor({ timeoutMs: 100, retry: { attempts: 1 } })
      .getAccount()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CalypsoNetworkError);
    expect((error as CalypsoNetworkError).timedOut).toBe(true);
  });
});

describe('idempotent recovery', () => {
  it('a create whose answer is dropped is found by its key, never created twice', async () => {
    const before = sim.countPayouts();
    sim.setFaults({ dropNext: 1 });
    const { fetch, sent } = recordingFetch();
    const idempotencyKey = randomUUID();
    const payout = await clientFor({ fetch }).createPayout({
      depositAddress: testAddress('bitcoin', 60),
      amount: '0.00012345',
      currency: 'BTC',
      idempotencyKey,
    });
    expect(payout.idempotencyKey).toBe(idempotencyKey);
    expect(payout.amount).toBe('0.00012345');
    expect(sim.countPayouts()).toBe(before + 1);
    // The dropped create, its retry answered 016, then the lookup by key.
    expect(sent.map((request) => new URL(request.url).pathname)).toEqual([
      '/api/v1/payout/create',
      '/api/v1/payout/create',
      '/api/v1/payout',
    ]);
  });

  it('a dropped mass create is adopted the same way', async () => {
    const before = sim.countPayouts();
    sim.setFaults({ dropNext: 1 });
    const mass = await clientFor().createMassPayout({
      currency: 'TRX',
      massAddresses: [{ depositAddress: testAddress('tron', 61), amount: '5' }],
    });
    expect(mass.totalWithdrawalAmount).toBe('5');
    expect(sim.countPayouts()).toBe(before + 1);
  });

  it('a key reused for a different payout is refused, not adopted', async () => {
    const client = clientFor();
    const idempotencyKey = randomUUID();
    await client.createPayout({
      depositAddress: testAddress('tron', 62),
      amount: '1',
      currency: 'TRX',
      idempotencyKey,
    });
    await expect(
      client.createPayout({
        depositAddress: testAddress('tron', 62),
        amount: '2',
        currency: 'TRX',
        idempotencyKey,
      }),
    ).rejects.toMatchObject({ errorCode: '016' });
  });
});

describe('clock offset', () => {
  it('a request refused with 011 is re-signed once with the server clock', async () => {
    const { fetch, sent } = recordingFetch();
    const client = clientFor({ fetch, now: () => Date.now() - 5 * 60_000 });
    const account = await client.getAccount();
    expect(account.account).toBe(sim.merchant.account);
    expect(sent).toHaveLength(2);
    expect(client.clockOffsetMs()).toBeGreaterThan(4 * 60_000);
    expect(client.clockOffsetMs()).toBeLessThan(6 * 60_000);
    await client.getAccount();
    expect(sent).toHaveLength(3);
  });

  it('learns the offset from the Date header before it matters', async () => {
    const skewed = await startSimulator({ clockOffsetMs: 90_000 });
    try {
      const client = createCalypsoClient({ baseUrl: skewed.baseUrl, ...skewed.merchant });
      await client.getAccount();
      expect(Math.abs(client.clockOffsetMs() - 90_000)).toBeLessThan(2_000);
    } finally {
      await skewed.close();
    }
  });
});

describe('paging', () => {
  it('paging through 1,000 payouts yields each exactly once', async () => {
    const paged = await startSimulator();
    try {
      const seeded = paged.seedPayouts(1000);
      const client = createCalypsoClient({ baseUrl: paged.baseUrl, ...paged.merchant });
      const seen: string[] = [];
      for (let pageNumber = 1; ; pageNumber += 1) {
        const page = await client.listPayouts({ pageNumber, size: 100 });
        if (page.result.length === 0) break;
        expect(page.totalElements).toBe(1000);
        expect(page.total).toBe(10);
        seen.push(...page.result.map((payout) => payout.id));
      }
      expect(seen).toHaveLength(1000);
      expect(new Set(seen)).toEqual(new Set(seeded));
    } finally {
      await paged.close();
    }
  });
});
