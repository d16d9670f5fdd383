// Outcome truth (docs/intents.md): `rejected` only when Calypso's answer proves nothing was
// created. Real parts: the simulator over HTTP, a real SQLite outbox and audit log. The one
// hook is on the transport: when the create is answered 016, it turns on the simulator's
// faults, so the lookup that follows fails exactly as it did in the field.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CalypsoNetworkError,
  CalypsoUnknownOutcomeError,
  createCalypsoClient,
} from '../../../electron/services/calypso';
import {
  createAuditLog,
  createOutboxRepo,
  createPayoutsRepo,
  createProfilesRepo,
  openDatabase,
  type CacheDatabase,
} from '../../../electron/services/db';
import { payloadHash, serializePayload } from '../../../electron/services/payouts/payload-hash';
import { createIntentCancellation } from '../../../electron/services/payouts/cancel-intent';
import { createSubmission } from '../../../electron/services/payouts/submission';
import { NO_FAULTS, startSimulator, type RunningSimulator } from '../../../electron/simulator';
import type { FaultSettings } from '../../../electron/simulator';
import { testAddress } from '../../support/addresses';

const noWait = () => Promise.resolve();

let sim: RunningSimulator;
let dir: string;
let db: CacheDatabase;

beforeAll(async () => {
  sim = await startSimulator();
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-outcome-'));
  db = openDatabase(join(dir, 'cache.sqlite'));
  createProfilesRepo(db).insert({
    id: 'p',
    name: 'Acme',
    environment: 'custom',
    baseUrl: sim.baseUrl,
    account: sim.merchant.account,
    keyHint: null,
    createdAt: 1,
  });
});

afterAll(async () => {
  db.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  sim.setFaults(NO_FAULTS);
});

/** The real fetch; once a create is answered 016, the simulator gets `faults`. */
function faultsAfterDuplicateKey(faults: Partial<FaultSettings>): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await globalThis.fetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith('/payout/create') && response.status === 400) {
      const text = await response.clone().text();
      if (text.includes('"016"')) sim.setFaults(faults);
    }
    return response;
  };
}

function deskParts(fetch: typeof globalThis.fetch, timeoutMs = 15_000) {
  const outbox = createOutboxRepo(db);
  const audit = createAuditLog(db);
  const submission = createSubmission({
    outbox,
    payouts: createPayoutsRepo(db),
    clientForTarget: (entry) =>
      Promise.resolve(
        createCalypsoClient({
          baseUrl: entry.target.baseUrl,
          account: entry.target.account,
          key: sim.merchant.key,
          secret: sim.merchant.secret,
          fetch,
          timeoutMs,
          sleep: noWait,
        }),
      ),
    now: Date.now,
  });
  /** An intent as the confirmation writes it: outbox row and audit entry with its hash. */
  const confirm = (n: number) => {
    const requestId = randomUUID();
    const payload = {
      depositAddress: testAddress('tron', 4_000 + n),
      amount: `${n}.25`,
      currency: 'USDT_TRX',
      idempotencyKey: requestId,
    };
    return db.sqlite.transaction(() => {
      const auditId = audit.append({
        atMs: Date.now(),
        profileId: 'p',
        action: 'payout.submitted',
        detail: {
          requestId,
          intents: [{ requestId, payloadHash: payloadHash(serializePayload(payload)) }],
        },
      });
      return outbox.insertPending({
        requestId,
        profileId: 'p',
        kind: 'single',
        payload,
        auditId,
        atMs: Date.now(),
      });
    })();
  };
  return { outbox, submission, confirm };
}

async function payoutsWithKey(idempotencyKey: string): Promise<number> {
  const client = createCalypsoClient({ baseUrl: sim.baseUrl, ...sim.merchant });
  const page = await client.listPayouts({ pageNumber: 1, size: 100 });
  return page.result.filter((payout) => payout.idempotencyKey === idempotencyKey).length;
}

describe('a create answered 016 whose lookup fails', () => {
  it('(5xx) is pending, not rejected, and later resolves to exactly one payout', async () => {
    const { outbox, submission, confirm } = deskParts(faultsAfterDuplicateKey({ failNext: 100 }));
    const entry = confirm(1);
    // The first create is committed and its answer lost; the retry gets 016.
    sim.setFaults({ dropNext: 1 });
    const result = await submission.deliver(entry);
    sim.setFaults(NO_FAULTS);
    expect(result.state).toBe('pending');
    expect(outbox.get(entry.requestId)?.state).toBe('pending');
    // The payout the old code called "rejected" exists.
    expect(await payoutsWithKey(entry.requestId)).toBe(1);

    await submission.resolvePending('p');
    expect(outbox.get(entry.requestId)).toMatchObject({ state: 'done' });
    expect(await payoutsWithKey(entry.requestId)).toBe(1);
  });

  it('(timeout) is pending too, and resolves to exactly one payout', async () => {
    const { outbox, submission, confirm } = deskParts(
      faultsAfterDuplicateKey({ latencyMs: 1_000 }),
      300,
    );
    const entry = confirm(2);
    sim.setFaults({ dropNext: 1 });
    const result = await submission.deliver(entry);
    sim.setFaults(NO_FAULTS);
    expect(result.state).toBe('pending');
    expect(outbox.get(entry.requestId)?.state).toBe('pending');
    await submission.resolvePending('p');
    expect(outbox.get(entry.requestId)?.state).toBe('done');
    expect(await payoutsWithKey(entry.requestId)).toBe(1);
  });

  it('the client says "unknown outcome", never the 016 itself', async () => {
    const client = createCalypsoClient({
      baseUrl: sim.baseUrl,
      ...sim.merchant,
      fetch: faultsAfterDuplicateKey({ failNext: 100 }),
      sleep: noWait,
    });
    sim.setFaults({ dropNext: 1 });
    const error = await client
      .createPayout({
        depositAddress: testAddress('tron', 4_100),
        amount: '3',
        currency: 'TRX',
        idempotencyKey: randomUUID(),
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CalypsoUnknownOutcomeError);
  });
});

describe('a request that never reached Calypso', () => {
  it('is not-sent only when every attempt failed to connect', async () => {
    const closed = await startSimulator();
    const { baseUrl, merchant } = closed;
    await closed.close();
    const refused = await createCalypsoClient({ baseUrl, ...merchant, sleep: noWait })
      .getAccount()
      .catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(CalypsoNetworkError);
    expect((refused as CalypsoNetworkError).notSent).toBe(true);

    const unknownHost = await createCalypsoClient({
      baseUrl: 'http://payout-desk-test.invalid',
      ...merchant,
      retry: { attempts: 1 },
    })
      .getAccount()
      .catch((caught: unknown) => caught);
    expect((unknownHost as CalypsoNetworkError).notSent).toBe(true);
  });

  it('one timed-out attempt makes the whole call unknown, even if the rest were refused', async () => {
    const slow = await startSimulator();
    slow.setFaults({ latencyMs: 1_000 });
    let calls = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      calls += 1;
      // The first attempt reaches the server and times out; then the server is gone.
      if (calls === 2) await slow.close();
      return globalThis.fetch(input, init);
    };
    const error = await createCalypsoClient({
      baseUrl: slow.baseUrl,
      ...slow.merchant,
      fetch,
      timeoutMs: 200,
      sleep: noWait,
    })
      .getAccount()
      .catch((caught: unknown) => caught);
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(error).toBeInstanceOf(CalypsoNetworkError);
    expect((error as CalypsoNetworkError).notSent).toBe(false);
  });
});

describe('cancelling while an attempt to send is under way', () => {
  it('waits for the attempt: refused connections leave it not-sent, so it is cancelled, and never sent later', async () => {
    // An attempt that is stuck connecting, then refused (Calypso is down): while it runs the
    // intent is `pending` (it might reach Calypso), and only its end tells which it was.
    let refuse: () => void = () => undefined;
    const down = new Promise<void>((resolve) => {
      refuse = resolve;
    });
    const refusing: typeof globalThis.fetch = async () => {
      await down;
      const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1'), {
        code: 'ECONNREFUSED',
      });
      throw new TypeError('fetch failed', { cause: refused });
    };
    const { outbox, submission, confirm } = deskParts(refusing);
    const cancel = createIntentCancellation({
      outbox,
      submission,
      audit: createAuditLog(db),
      now: Date.now,
    });
    const entry = confirm(7);
    const delivering = submission.deliver(entry);
    await expect.poll(() => outbox.get(entry.requestId)?.state).toBe('pending');
    const cancelled = cancel(entry.requestId);
    // The person pressed Cancel mid-attempt; the attempt then fails to connect.
    setTimeout(refuse, 50);
    await expect(cancelled).resolves.toEqual({ requestId: entry.requestId, state: 'cancelled' });
    expect((await delivering).state).toBe('not-sent');
    expect(outbox.get(entry.requestId)?.state).toBe('cancelled');
    await submission.resolvePending('p');
    expect(await payoutsWithKey(entry.requestId)).toBe(0);
  });
});
