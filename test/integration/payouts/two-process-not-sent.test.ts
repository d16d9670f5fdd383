// Two desks on one data folder (two SQLite connections to one file), one intent: desk A's
// send is refused at connect (Calypso down for A), while desk B, which reached Calypso, has
// claimed the same intent and sent it, and B's answer was lost. A's "nothing left" is true
// only of A's own request: the intent must stay pending (B's payout exists), never become
// "not sent" and cancellable (docs/intents.md, "How an outcome is decided"). Real parts: the
// simulator over HTTP, a real SQLite file; the one hook holds A's refused request until B
// has sent.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalypsoClient } from '../../../electron/services/calypso';
import {
  createAuditLog,
  createOutboxRepo,
  createPayoutsRepo,
  createProfilesRepo,
  openDatabase,
  type CacheDatabase,
} from '../../../electron/services/db';
import { payloadHash, serializePayload } from '../../../electron/services/payouts/payload-hash';
import { createSubmission } from '../../../electron/services/payouts/submission';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator';
import { testAddress } from '../../support/addresses';

let sim: RunningSimulator;
let dir: string;
let dbA: CacheDatabase;
let dbB: CacheDatabase;
/** A loopback address nothing listens on: every connection is refused. */
let closedBase: string;

beforeAll(async () => {
  sim = await startSimulator();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  closedBase = `http://127.0.0.1:${String(address.port)}`;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  dir = mkdtempSync(join(tmpdir(), 'payout-desk-two-process-'));
  dbA = openDatabase(join(dir, 'cache.sqlite'));
  dbB = openDatabase(join(dir, 'cache.sqlite'));
  createProfilesRepo(dbA).insert({
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
  dbA.close();
  dbB.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

function submissionOn(db: CacheDatabase, fetch: typeof globalThis.fetch) {
  return createSubmission({
    outbox: createOutboxRepo(db),
    payouts: createPayoutsRepo(db),
    clientForTarget: (entry) =>
      Promise.resolve(
        createCalypsoClient({
          baseUrl: entry.target.baseUrl,
          account: entry.target.account,
          key: sim.merchant.key,
          secret: sim.merchant.secret,
          fetch,
          retry: { attempts: 1 },
          sleep: () => Promise.resolve(),
        }),
      ),
    now: Date.now,
  });
}

describe('an intent sent by two desks at once', () => {
  it('stays pending when one desk is refused while the other one may have created it', async () => {
    const outbox = createOutboxRepo(dbA);
    const audit = createAuditLog(dbA);
    const requestId = randomUUID();
    const payload = {
      depositAddress: testAddress('tron', 4_321),
      amount: '3.5',
      currency: 'USDT_TRX',
      idempotencyKey: requestId,
    };
    dbA.sqlite.transaction(() => {
      const auditId = audit.append({
        atMs: Date.now(),
        profileId: 'p',
        action: 'payout.submitted',
        detail: {
          requestId,
          intents: [{ requestId, payloadHash: payloadHash(serializePayload(payload)) }],
        },
      });
      outbox.insertPending({
        requestId,
        profileId: 'p',
        kind: 'single',
        payload,
        auditId,
        atMs: Date.now(),
      });
    })();

    // Desk A: its create waits at the gate, then meets a closed port (connection refused).
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let reachedGate: () => void = () => undefined;
    const atGate = new Promise<void>((resolve) => {
      reachedGate = resolve;
    });
    const refusedFetch: typeof globalThis.fetch = async (input, init) => {
      reachedGate();
      await gate;
      const url = (input instanceof Request ? input.url : String(input)).replace(
        sim.baseUrl,
        closedBase,
      );
      return globalThis.fetch(url, init);
    };
    // Desk B: reaches Calypso; its create is committed and the answer dropped.
    const droppingFetch: typeof globalThis.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.endsWith('/payout/create')) sim.setFaults({ dropNext: 1 });
      return globalThis.fetch(input, init);
    };
    const deskA = submissionOn(dbA, refusedFetch);
    const deskB = submissionOn(dbB, droppingFetch);

    const first = deskA.deliver(outbox.get(requestId) ?? expect.fail('no intent'));
    await atGate;
    const second = await deskB.deliver(
      createOutboxRepo(dbB).get(requestId) ?? expect.fail('no intent'),
    );
    expect(second.state).toBe('pending');
    open();
    expect((await first).state).toBe('pending');

    // B's payout exists at Calypso: the intent is not "not sent" and cannot be cancelled.
    const exists = await createCalypsoClient({ baseUrl: sim.baseUrl, ...sim.merchant }).getPayout({
      idempotencyKey: requestId,
    });
    expect(exists.idempotencyKey).toBe(requestId);
    expect(outbox.get(requestId)?.state).toBe('pending');
    expect(deskA.cancel(requestId)?.state).toBe('pending');
    // And the next resolution (by the desk that can reach Calypso) adopts it.
    await deskB.resolvePending();
    expect(outbox.get(requestId)).toMatchObject({ state: 'done', resultId: exists.id });
  });

  it('stays pending when one desk is refused by a 4xx while the other one may have created it', async () => {
    const requestId = confirm(4_322);
    const outbox = createOutboxRepo(dbA);
    // Desk A: its create waits at the gate, then is answered 4xx (another server, which does
    // not know this merchant): an answer about A's request only.
    const other = await startSimulator();
    const gated = gate();
    const refusingFetch: typeof globalThis.fetch = async (input, init) => {
      gated.reached();
      await gated.opened;
      const url = (input instanceof Request ? input.url : String(input)).replace(
        sim.baseUrl,
        other.baseUrl,
      );
      return globalThis.fetch(url, init);
    };
    const droppingFetch: typeof globalThis.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.endsWith('/payout/create')) sim.setFaults({ dropNext: 1 });
      return globalThis.fetch(input, init);
    };
    const deskA = submissionOn(dbA, refusingFetch);
    const deskB = submissionOn(dbB, droppingFetch);
    try {
      const first = deskA.deliver(outbox.get(requestId) ?? expect.fail('no intent'));
      await gated.atGate;
      const second = await deskB.deliver(
        createOutboxRepo(dbB).get(requestId) ?? expect.fail('no intent'),
      );
      expect(second.state).toBe('pending');
      gated.open();
      expect((await first).state).toBe('pending');
    } finally {
      await other.close();
    }
    const exists = await createCalypsoClient({ baseUrl: sim.baseUrl, ...sim.merchant }).getPayout({
      idempotencyKey: requestId,
    });
    // Not "rejected" (never looked up again) while B's payout exists: pending, then adopted.
    expect(outbox.get(requestId)?.state).toBe('pending');
    await deskB.resolvePending();
    expect(outbox.get(requestId)).toMatchObject({ state: 'done', resultId: exists.id });
  });
});

/** A gate A's request waits at until B has sent. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  let reached: () => void = () => undefined;
  const atGate = new Promise<void>((resolve) => {
    reached = resolve;
  });
  return { open, opened, reached, atGate };
}

/** An intent as the confirmation writes it: outbox row and audit entry with its hash. */
function confirm(n: number): string {
  const outbox = createOutboxRepo(dbA);
  const audit = createAuditLog(dbA);
  const requestId = randomUUID();
  const payload = {
    depositAddress: testAddress('tron', n),
    amount: '3.5',
    currency: 'USDT_TRX',
    idempotencyKey: requestId,
  };
  dbA.sqlite.transaction(() => {
    const auditId = audit.append({
      atMs: Date.now(),
      profileId: 'p',
      action: 'payout.submitted',
      detail: {
        requestId,
        intents: [{ requestId, payloadHash: payloadHash(serializePayload(payload)) }],
      },
    });
    outbox.insertPending({
      requestId,
      profileId: 'p',
      kind: 'single',
      payload,
      auditId,
      atMs: Date.now(),
    });
  })();
  return requestId;
}
