/**
 * Exactly-once delivery of outbox entries to Calypso (DESIGN.md "Submitting without ever
 * paying twice"). The entry, with its idempotencyKey, is already stored when `deliver` runs:
 * - an answer with the payout -> cached, entry `done`;
 * - a refusal (4xx) -> entry `rejected` with Calypso's message; a resubmission is a new intent;
 * - no answer (network, timeout, 5xx after retries) -> entry stays `pending`. `resolve` then
 *   looks the key up first and adopts what exists; only a 004 sends again, with the SAME key,
 *   and Calypso answers a reused key with 016, never with a second payout.
 * Deliveries of one request id never overlap in this process (a double click joins the first).
 */
// The outbox stores exactly the request this module built, so reading it back is trusted.
import type {
  MassPayout,
  MassPayoutCreateRequest,
  Payout,
  PayoutCreateRequest,
} from '../../../shared/calypso/types';
import { CalypsoApiError, type CalypsoClient } from '../calypso';
import type { OutboxEntry, OutboxRepo, PayoutsRepo } from '../db';

const NOT_FOUND = '004';

export type DeliveryResult =
  | { state: 'done'; payoutId: string }
  | { state: 'pending'; reason: string }
  | { state: 'rejected'; error: CalypsoApiError };

export type SubmissionDeps = {
  outbox: OutboxRepo;
  payouts: PayoutsRepo;
  clientOf: (profileId: string) => Promise<CalypsoClient>;
  now: () => number;
  onDelivered?: (entry: OutboxEntry, payoutId: string) => void;
};

export function createSubmission(deps: SubmissionDeps) {
  const { outbox, payouts, now } = deps;
  const inFlight = new Map<string, Promise<DeliveryResult>>();

  function store(entry: OutboxEntry, created: Payout | MassPayout) {
    if (entry.kind === 'single') payouts.upsertPayouts(entry.profileId, [created as Payout], now());
    else payouts.upsertMassPayouts(entry.profileId, [created as MassPayout], now());
    outbox.markDone(entry.requestId, created.id, now());
    deps.onDelivered?.(entry, created.id);
    return { state: 'done', payoutId: created.id } as const;
  }

  async function send(entry: OutboxEntry, client: CalypsoClient): Promise<DeliveryResult> {
    try {
      // Inside the try: if the count cannot be saved (lock, full disk), the answer is
      // "pending", which is true: the stored entry will still be delivered, once.
      outbox.recordAttempt(entry.requestId, now());
      const created =
        entry.kind === 'single'
          ? await client.createPayout(entry.payload as unknown as PayoutCreateRequest)
          : await client.createMassPayout(entry.payload as unknown as MassPayoutCreateRequest);
      return store(entry, created);
    } catch (error) {
      if (error instanceof CalypsoApiError && error.httpStatus < 500) {
        outbox.markRejected(entry.requestId, error.errorCode, error.serverMessage, now());
        return { state: 'rejected', error };
      }
      return { state: 'pending', reason: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Looks the key up before anything is sent again (unknown outcome of an earlier send). */
  async function lookUpThenSend(entry: OutboxEntry): Promise<DeliveryResult> {
    const client = await deps.clientOf(entry.profileId);
    const key = { idempotencyKey: entry.requestId };
    try {
      const existing =
        entry.kind === 'single' ? await client.getPayout(key) : await client.getMassPayout(key);
      return store(entry, existing);
    } catch (error) {
      if (!(error instanceof CalypsoApiError && error.errorCode === NOT_FOUND)) {
        return { state: 'pending', reason: error instanceof Error ? error.message : String(error) };
      }
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
    /** First delivery of a freshly stored entry (attempts 0), else the careful path. */
    deliver(entry: OutboxEntry): Promise<DeliveryResult> {
      return once(entry, async () =>
        entry.attempts === 0
          ? send(entry, await deps.clientOf(entry.profileId))
          : lookUpThenSend(entry),
      );
    },
    /** Resolves every pending entry (at start, and whenever the network comes back). */
    async resolvePending(profileId?: string): Promise<void> {
      for (const entry of outbox.listPending(profileId)) {
        await once(entry, () => lookUpThenSend(entry));
      }
    },
  };
}

export type Submission = ReturnType<typeof createSubmission>;
