/**
 * Exactly-once delivery of payment intents (outbox rows) to Calypso, each only ever to its
 * stored target (docs/intents.md). The intent is already stored when `deliver` runs:
 * - before every send, the stored payload text must still hash to the stored hash and to the
 *   hash its audit entry recorded; otherwise nothing is sent, the row is marked
 *   PAYLOAD_CHANGED and the log says so (a changed file is not a payment instruction);
 * - an answer with the payout -> cached, intent `done`;
 * - an answer that proves nothing was created (a 4xx other than 016, or a 016 whose lookup
 *   found a different payout) -> `rejected` with Calypso's message;
 * - every attempt of the call failed before connecting (refused, DNS) -> `not-sent`: sent
 *   when the connection returns unless cancelled or expired;
 * - anything else (timeout, dropped answer, 5xx, a 016 whose lookup failed) -> `pending`.
 *   `resolvePending` looks the key up first and adopts what exists; only a 004 sends again,
 *   with the SAME key, and Calypso answers a reused key with 016, never a second payout.
 * Deliveries of one request id never overlap in this process (a double click joins the
 * first); across processes the guarded claim in the outbox decides.
 */
import type {
  MassPayout,
  MassPayoutCreateRequest,
  Payout,
  PayoutCreateRequest,
} from '../../../shared/calypso/types';
import { CalypsoApiError, CalypsoNetworkError, type CalypsoClient } from '../calypso';
import type { OutboxEntry, OutboxRepo, PayoutsRepo } from '../db';
import { PAYLOAD_CHANGED } from '../db';
import { silentLogger, type Logger } from '../log';
import { payloadHash } from './payload-hash';

const NOT_FOUND = '004';

export const PAYLOAD_CHANGED_MESSAGE =
  'The stored payment instruction was changed outside Payout Desk: it was not sent. ' +
  'Cancel it and confirm the payout again.';

export type DeliveryResult =
  | { state: 'done'; payoutId: string }
  | { state: 'pending'; reason: string }
  | { state: 'not-sent'; reason: string }
  | { state: 'rejected'; error: CalypsoApiError }
  | { state: 'cancelled' }
  | { state: 'expired' }
  /** Refused before sending: the stored payload no longer matches its audited hash. */
  | { state: 'payload-changed'; message: string };

export type SubmissionDeps = {
  outbox: OutboxRepo;
  payouts: PayoutsRepo;
  /** A client for the intent's stored target, with its profile's current key and secret. */
  clientForTarget: (entry: OutboxEntry) => Promise<CalypsoClient>;
  now: () => number;
  /**
   * The audit log's own record of an intent (its audited hash and whether that entry's MAC
   * holds): an attacker who rewrites the payload, its row hash and the audit entry's text
   * together still fails here, since only this installation's key can seal an entry.
   */
  auditedIntent?: (requestId: string) => {
    payloadHash: string;
    target?: { baseUrl: string; account: string };
    check: { ok: true } | { ok: false; reason: string };
  } | null;
  log?: Logger;
  onDelivered?: (entry: OutboxEntry, payoutId: string) => void;
};

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createSubmission(deps: SubmissionDeps) {
  const { outbox, payouts, now } = deps;
  const log = deps.log ?? silentLogger;
  const inFlight = new Map<string, Promise<DeliveryResult>>();

  function store(entry: OutboxEntry, created: Payout | MassPayout) {
    if (entry.profileId !== null) {
      if (entry.kind === 'single')
        payouts.upsertPayouts(entry.profileId, [created as Payout], now());
      else payouts.upsertMassPayouts(entry.profileId, [created as MassPayout], now());
    }
    outbox.markDone(entry.requestId, created.id, now());
    deps.onDelivered?.(entry, created.id);
    return { state: 'done', payoutId: created.id } as const;
  }

  /** What a settled or untouchable stored intent answers, without any request. */
  function asStored(entry: OutboxEntry, reason: string): DeliveryResult {
    switch (entry.state) {
      case 'done':
        return { state: 'done', payoutId: entry.resultId ?? '' };
      case 'rejected':
        return {
          state: 'rejected',
          error: new CalypsoApiError(
            entry.kind === 'single' ? 'createPayout' : 'createMassPayout',
            400,
            entry.errorCode ?? '',
            entry.errorMessage ?? '',
          ),
        };
      case 'cancelled':
        return { state: 'cancelled' };
      case 'expired':
        return { state: 'expired' };
      case 'not-sent':
        return { state: 'not-sent', reason };
      default:
        return { state: 'pending', reason };
    }
  }

  /** Why the stored payload must not be sent, or undefined when it is what was audited. */
  function payloadProblem(entry: OutboxEntry): string | undefined {
    if (payloadHash(entry.payloadJson) !== entry.payloadHash) {
      return 'the stored payload does not hash to the hash stored with it';
    }
    if (entry.payload.idempotencyKey !== entry.requestId) {
      return 'the stored payload carries another idempotency key';
    }
    const audited = outbox.auditedHashOf(entry);
    if (audited === undefined) return 'no audit entry records this payment instruction';
    if (audited !== entry.payloadHash) {
      return 'the stored payload differs from the one the audit log recorded';
    }
    if (deps.auditedIntent) {
      const record = deps.auditedIntent(entry.requestId);
      if (record === null) return 'no audit entry records this payment instruction';
      if (!record.check.ok) return `its audit entry does not hold: ${record.check.reason}`;
      if (record.payloadHash !== entry.payloadHash) {
        return 'the stored payload differs from the one the audit log recorded';
      }
    }
    return undefined;
  }

  /**
   * Why no request at all may go to the stored target. The target columns are not part of
   * the payload: edited, they would send a sound payload, or a lookup, signed with this
   * profile's key to another server or account. Checked before the client exists.
   */
  function targetProblem(entry: OutboxEntry): string | undefined {
    if (!deps.auditedIntent) return undefined;
    const target = deps.auditedIntent(entry.requestId)?.target;
    if (
      target === undefined ||
      target.baseUrl !== entry.target.baseUrl ||
      target.account !== entry.target.account
    ) {
      return 'the stored target differs from the one the audit log recorded';
    }
    return undefined;
  }

  function refuseChanged(entry: OutboxEntry, problem: string): DeliveryResult {
    log.error('payment instruction changed outside Payout Desk: not sent', {
      requestId: entry.requestId,
      profileId: entry.profileId,
      problem,
    });
    if (entry.errorCode !== PAYLOAD_CHANGED) {
      outbox.markPayloadChanged(entry.requestId, PAYLOAD_CHANGED_MESSAGE, now());
    }
    return { state: 'payload-changed', message: PAYLOAD_CHANGED_MESSAGE };
  }

  async function send(entry: OutboxEntry, client: CalypsoClient): Promise<DeliveryResult> {
    const problem = payloadProblem(entry);
    if (problem !== undefined) return refuseChanged(entry, problem);
    let attempt: number | null;
    try {
      // From here a request may leave: the intent is pending unless proven otherwise. Null
      // when it was cancelled, expired or settled since it was read.
      attempt = outbox.claimAttempt(entry.requestId, now());
      if (attempt === null) {
        const current = outbox.get(entry.requestId) ?? entry;
        return asStored(current, 'it changed while being sent');
      }
    } catch (error) {
      // Not claimed (lock, full disk): nothing was sent, the stored state still holds.
      return asStored(entry, reasonOf(error));
    }
    try {
      const created =
        entry.kind === 'single'
          ? await client.createPayout(entry.payload as unknown as PayoutCreateRequest)
          : await client.createMassPayout(entry.payload as unknown as MassPayoutCreateRequest);
      return store(entry, created);
    } catch (error) {
      if (error instanceof CalypsoApiError && error.httpStatus < 500) {
        // The answer is about this request only: another process's send of the same intent
        // since may have created it, and then it stays pending (looked up next).
        outbox.markRejected(entry.requestId, error.errorCode, error.serverMessage, now(), attempt);
        const current = outbox.get(entry.requestId);
        if (current?.state !== 'rejected') return asStored(current ?? entry, error.message);
        return { state: 'rejected', error };
      }
      if (error instanceof CalypsoNetworkError && error.notSent) {
        // Only this attempt provably left nothing: another process's send of the same intent
        // since may have reached Calypso, and then it stays pending.
        outbox.markNotSent(entry.requestId, error.message, now(), attempt);
        const current = outbox.get(entry.requestId);
        if (current?.state !== 'not-sent') return asStored(current ?? entry, error.message);
        return { state: 'not-sent', reason: error.message };
      }
      return { state: 'pending', reason: reasonOf(error) };
    }
  }

  /** A not-sent intent is sent; a pending one is looked up before anything is sent again. */
  async function resolve(stale: OutboxEntry): Promise<DeliveryResult> {
    outbox.expireDue(now());
    const entry = outbox.get(stale.requestId) ?? stale;
    if (entry.state !== 'not-sent' && entry.state !== 'pending') return asStored(entry, '');
    if (entry.profileId === null) return asStored(entry, 'its profile was removed');
    const misdirected = targetProblem(entry);
    if (misdirected !== undefined) return refuseChanged(entry, misdirected);
    let client: CalypsoClient;
    try {
      client = await deps.clientForTarget(entry);
    } catch (error) {
      return asStored(entry, reasonOf(error));
    }
    if (entry.state === 'not-sent') return send(entry, client);
    const key = { idempotencyKey: entry.requestId };
    try {
      const existing =
        entry.kind === 'single' ? await client.getPayout(key) : await client.getMassPayout(key);
      return store(entry, existing);
    } catch (error) {
      if (!(error instanceof CalypsoApiError && error.errorCode === NOT_FOUND)) {
        return { state: 'pending', reason: reasonOf(error) };
      }
    }
    // Calypso has no payout under this key. Past its expiry it is not sent late: the person
    // may have paid another way since (docs/intents.md, `expired`).
    if (now() >= entry.expiresMs && outbox.markExpired(entry.requestId, now())) {
      return { state: 'expired' };
    }
    return send(entry, client);
  }

  function once(entry: OutboxEntry, run: () => Promise<DeliveryResult>): Promise<DeliveryResult> {
    const running = inFlight.get(entry.requestId);
    if (running) return running;
    const started = run().finally(() => inFlight.delete(entry.requestId));
    inFlight.set(entry.requestId, started);
    return started;
  }

  return {
    /** Delivers one stored intent (first send, or the careful path for a pending one). */
    deliver(entry: OutboxEntry): Promise<DeliveryResult> {
      return once(entry, () => resolve(entry));
    },
    /** Resolves every unresolved intent (at start, and whenever the network comes back). */
    async resolvePending(profileId?: string): Promise<void> {
      outbox.expireDue(now());
      for (const entry of outbox.listUnresolved(profileId)) {
        await once(entry, () => resolve(entry));
      }
    },
    /**
     * Waits until no attempt of this desk to send the intent is under way (it ends as sent,
     * pending or, every connection refused, not-sent): until then its state is `pending` only
     * because it might reach Calypso.
     */
    async settled(requestId: string): Promise<void> {
      await inFlight.get(requestId)?.catch(() => undefined);
    },
    /**
     * The person cancels an intent that was never sent. Refused while it may have reached
     * Calypso (pending): then only Calypso's own cancel can stop the payout.
     */
    cancel(requestId: string): OutboxEntry | undefined {
      outbox.expireDue(now());
      outbox.cancel(requestId, now());
      return outbox.get(requestId);
    },
  };
}

export type Submission = ReturnType<typeof createSubmission>;
