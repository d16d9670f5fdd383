import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALYPSO_PATHS } from '../../../shared/calypso/endpoints';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';
import { addressOf, errorCodeOf, field, signedRequest, type Reply } from './signed-request';

function expectRefusal(reply: Reply, code: string, message: RegExp): void {
  expect(reply.status).toBe(400);
  expect(errorCodeOf(reply)).toBe(code);
  expect(field(reply.body, 'message')).toMatch(message);
}

describe('simulator payload validation', () => {
  let sim: RunningSimulator;
  const tron = (n: number): string => addressOf('tron', n);

  beforeAll(async () => {
    sim = await startSimulator({ limits: { massPayout: { other: 5 } } });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('names the missing or mistyped field of a single payout (001)', async () => {
    const missing = await signedRequest(sim, CALYPSO_PATHS.createPayout, {
      depositAddress: tron(1),
      currency: 'USDT_TRX',
    });
    expectRefusal(missing, '001', /^amount: is required$/);
    const wrongType = await signedRequest(sim, CALYPSO_PATHS.createPayout, {
      depositAddress: 42,
      amount: 1,
      currency: 'USDT_TRX',
    });
    expectRefusal(wrongType, '001', /depositAddress: must be a string/);
  });

  it('refuses non-positive amounts, too many decimals and unknown currencies (001)', async () => {
    const base = { depositAddress: tron(2), currency: 'USDT_TRX' };
    expectRefusal(
      await signedRequest(sim, CALYPSO_PATHS.createPayout, { ...base, amount: 0 }),
      '001',
      /^amount: .*more than zero/,
    );
    expectRefusal(
      await signedRequest(sim, CALYPSO_PATHS.createPayout, { ...base, amount: '-5' }),
      '001',
      /^amount: /,
    );
    expectRefusal(
      await signedRequest(sim, CALYPSO_PATHS.createPayout, { ...base, amount: '1.0000001' }),
      '001',
      /^amount: USDT_TRX allows at most 6 decimals/,
    );
    expectRefusal(
      await signedRequest(sim, CALYPSO_PATHS.createPayout, {
        ...base,
        amount: 1,
        currency: 'DOGE2',
      }),
      '001',
      /^currency: "DOGE2" is not a currency/,
    );
  });

  it('answers an address of another chain with 015 and a bad checksum with 001', async () => {
    const otherChain = await signedRequest(sim, CALYPSO_PATHS.createPayout, {
      depositAddress: tron(3),
      amount: '1.5',
      currency: 'ETH',
    });
    expectRefusal(otherChain, '015', /^depositAddress: .*Tron address.*Ethereum/);
    const good = addressOf('ethereum', 4);
    // Flipping the case of one letter breaks the EIP-55 checksum of a mixed-case address.
    const letter = good.slice(2).search(/[a-fA-F]/) + 2;
    const char = good.charAt(letter);
    const flipped =
      good.slice(0, letter) +
      (char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase()) +
      good.slice(letter + 1);
    expect(good).not.toBe(good.toLowerCase());
    for (const address of [flipped, 'not-an-address']) {
      const reply = await signedRequest(sim, CALYPSO_PATHS.createPayout, {
        depositAddress: address,
        amount: '1.5',
        currency: 'ETH',
      });
      expectRefusal(reply, '001', /^depositAddress: /);
    }
    expect(sim.countPayouts()).toBe(0);
  });

  it('names the index of a bad recipient in a mass payout', async () => {
    const reply = await signedRequest(sim, CALYPSO_PATHS.createMassPayout, {
      currency: 'USDT_TRX',
      name: 'Batch',
      massAddresses: [
        { depositAddress: tron(10), amount: 1 },
        { depositAddress: tron(11), amount: 2 },
        { depositAddress: tron(12), amount: 3 },
        { depositAddress: tron(13), amount: '0.1234567' },
      ],
    });
    expectRefusal(reply, '001', /^massAddresses\[3\]\.amount: USDT_TRX allows at most 6 decimals/);
    const wrongChain = await signedRequest(sim, CALYPSO_PATHS.createMassPayout, {
      currency: 'USDT_TRX',
      massAddresses: [
        { depositAddress: tron(14), amount: 1 },
        { depositAddress: addressOf('ethereum', 15), amount: 1 },
      ],
    });
    expectRefusal(wrongChain, '015', /^massAddresses\[1\]\.depositAddress: /);
  });

  it('refuses an empty or missing recipient list and a batch above the cap', async () => {
    expectRefusal(
      await signedRequest(sim, CALYPSO_PATHS.createMassPayout, {
        currency: 'USDT_TRX',
        massAddresses: [],
      }),
      '001',
      /^massAddresses: must not be empty$/,
    );
    expectRefusal(
      await signedRequest(sim, CALYPSO_PATHS.createMassPayout, { currency: 'USDT_TRX' }),
      '001',
      /^massAddresses: is required$/,
    );
    const six = Array.from({ length: 6 }, (_, i) => ({ depositAddress: tron(20 + i), amount: 1 }));
    expectRefusal(
      await signedRequest(sim, CALYPSO_PATHS.createMassPayout, {
        currency: 'USDT_TRX',
        massAddresses: six,
      }),
      '001',
      /^massAddresses: 6 recipients exceed the limit of 5/,
    );
    // The Ethereum cap is still the default 1,000, so the same count passes there.
    const onEthereum = await signedRequest(sim, CALYPSO_PATHS.createMassPayout, {
      currency: 'USDT',
      massAddresses: six.map((entry, i) => ({
        ...entry,
        depositAddress: addressOf('ethereum', i),
      })),
    });
    expect(onEthereum.status).toBe(200);
  });

  it('refuses malformed executionDate and idempotencyKey values', async () => {
    const base = { depositAddress: tron(30), amount: 1, currency: 'TRX' };
    expectRefusal(
      await signedRequest(sim, CALYPSO_PATHS.createPayout, { ...base, executionDate: 'tomorrow' }),
      '001',
      /^executionDate: must be an ISO-8601 date-time/,
    );
    expectRefusal(
      await signedRequest(sim, CALYPSO_PATHS.createPayout, { ...base, idempotencyKey: 'abc' }),
      '001',
      /^idempotencyKey: must be a UUID$/,
    );
  });

  it('validates paging: 1-based pageNumber, the documented size names, the page-size cap', async () => {
    expectRefusal(
      await signedRequest(sim, CALYPSO_PATHS.listPayouts, { pageNumber: 0 }),
      '001',
      /^pageNumber: must be at least 1$/,
    );
    expectRefusal(
      await signedRequest(sim, CALYPSO_PATHS.listMassPayouts, { size: 101 }),
      '001',
      /^size: must be at most 100$/,
    );
    expectRefusal(
      await signedRequest(sim, CALYPSO_PATHS.listWithdrawals, { pageSize: 101 }),
      '001',
      /^pageSize: must be at most 100$/,
    );
    expectRefusal(
      await signedRequest(sim, CALYPSO_PATHS.listPayouts, { stateNames: ['DONE'] }),
      '001',
      /^stateNames\[0\]: must be one of /,
    );
    // `size` is not the withdrawal list's name: it is ignored and the default 10 applies.
    const withdrawals = await signedRequest(sim, CALYPSO_PATHS.listWithdrawals, { size: 3 });
    expect(field(withdrawals.body, 'size')).toBe(10);
  });

  it('requires an id or idempotencyKey for lookups and cancels', async () => {
    expectRefusal(await signedRequest(sim, CALYPSO_PATHS.getPayout, {}), '001', /^id: /);
    expectRefusal(await signedRequest(sim, CALYPSO_PATHS.cancelPayout, {}), '001', /^dealId: /);
    expectRefusal(
      await signedRequest(sim, CALYPSO_PATHS.getWithdrawal, {}),
      '001',
      /^requestId: is required$/,
    );
  });
});
