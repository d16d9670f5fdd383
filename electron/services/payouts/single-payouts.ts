/**
 * Single payouts from the form: the shared recipient rules run again here, in main, before
 * anything is stored or signed; then the intent goes through the outbox (submission.ts).
 */
import { isCancellablePayoutState } from '../../../shared/calypso/states';
import type { MassPayout, Payout, PayoutCreateRequest } from '../../../shared/calypso/types';
import type { HistoryItem, PayoutKind } from '../../../shared/history';
import type { DeskArgument, SubmittedPayout } from '../../../shared/ipc';
import { normalizeDecimal } from '../../../shared/money';
import { checkRecipient } from '../../../shared/payout-rules';
import { CalypsoApiError, type CalypsoClient } from '../calypso';
import type { AuditLog, CacheDatabase, OutboxRepo, PayoutsRepo } from '../db';
import { DeskFailure } from '../ipc/desk-failure';
import type { Submission } from './submission';

export type SinglePayoutDeps = {
  db: CacheDatabase;
  outbox: OutboxRepo;
  payouts: PayoutsRepo;
  submission: Submission;
  audit: AuditLog;
  clientOf: (profileId: string) => Promise<CalypsoClient>;
  now: () => number;
};

/** Calypso: the payout is in a state that does not allow this operation. */
const WRONG_STATE = '012';

const UNKNOWN_OUTCOME =
  'Calypso did not confirm the payout. It may exist already: Payout Desk checks with its ' +
  'idempotency key before anything is sent again, so it cannot be paid twice.';

export function createSinglePayouts(deps: SinglePayoutDeps) {
  const { outbox, payouts, audit, now } = deps;

  function cachedItem(profileId: string, kind: PayoutKind, id: string): HistoryItem {
    const details = payouts.getDetails(profileId, kind, id);
    if (!details) throw new DeskFailure('NOT_FOUND', `No ${kind} payout ${id} in the history.`);
    return details.item;
  }

  return {
    async submit(input: DeskArgument<'createPayout'>): Promise<SubmittedPayout> {
      const problems = checkRecipient(input);
      if (problems.length > 0) {
        throw new DeskFailure(
          'VALIDATION',
          problems.map((problem) => `${problem.field}: ${problem.message}`).join(' '),
          problems,
        );
      }
      if (input.executionDate !== undefined && Date.parse(input.executionDate) < now() - 60_000) {
        throw new DeskFailure('VALIDATION', 'executionDate: the execution date is in the past.');
      }
      const payload: PayoutCreateRequest = {
        depositAddress: input.depositAddress,
        amount: normalizeDecimal(input.amount),
        currency: input.currency,
        idempotencyKey: input.requestId,
        ...(input.comment ? { comment: input.comment } : {}),
        ...(input.executionDate
          ? { executionDate: new Date(input.executionDate).toISOString() }
          : {}),
      };
      // The outbox row and its audit entry are written together or not at all: written
      // apart, a failed audit write (full disk, a lock held by another process) answered
      // "could not save" while the stored row was sent by the next sync pass, and entering
      // the payout again (a new request id) paid twice (found by the fault suite,
      // test/faults/disk-full.faults.test.ts).
      const entry = deps.db.sqlite.transaction(() => {
        if (outbox.get(input.requestId) === undefined) {
          audit.append({
            atMs: now(),
            profileId: input.profileId,
            action: 'payout.submitted',
            detail: {
              requestId: input.requestId,
              currency: input.currency,
              amount: payload.amount,
            },
          });
        }
        return outbox.insertPending({
          requestId: input.requestId,
          profileId: input.profileId,
          kind: 'single',
          payload,
          atMs: now(),
        });
      })();
      if (entry.state === 'done' && entry.resultId) {
        return { state: 'done', item: cachedItem(input.profileId, 'single', entry.resultId) };
      }
      if (entry.state === 'rejected') {
        throw new DeskFailure(
          'CALYPSO_REJECTED',
          `Calypso refused this payout: ${entry.errorMessage ?? entry.errorCode ?? ''}`,
          { errorCode: entry.errorCode },
        );
      }
      const result = await deps.submission.deliver(entry);
      if (result.state === 'done') {
        return { state: 'done', item: cachedItem(input.profileId, 'single', result.payoutId) };
      }
      if (result.state === 'rejected') throw result.error;
      return { state: 'pending', requestId: input.requestId, message: UNKNOWN_OUTCOME };
    },

    async cancel(input: DeskArgument<'cancelPayout'>): Promise<HistoryItem> {
      const current = cachedItem(input.profileId, input.kind, input.id);
      if (!isCancellablePayoutState(current.state)) {
        throw new DeskFailure(
          'VALIDATION',
          `This payout is ${current.state} and can no longer be cancelled.`,
        );
      }
      const client = await deps.clientOf(input.profileId);
      const request = { dealId: input.id, message: input.message };
      const store = (item: Payout | MassPayout) => {
        if (input.kind === 'single')
          payouts.upsertPayouts(input.profileId, [item as Payout], now());
        else payouts.upsertMassPayouts(input.profileId, [item as MassPayout], now());
        return item;
      };
      try {
        store(
          input.kind === 'single'
            ? await client.cancelPayout(request)
            : await client.cancelMassPayout(request),
        );
      } catch (error) {
        // A cancel whose answer was lost after Calypso committed it is retried by the client
        // and then refused with 012 ("is CANCELED and cannot be canceled"): the person was
        // told "Calypso refused" about a cancel that worked, and the cache kept the old state
        // (found by the fault suite, dropped answers). Read the payout: CANCELED is success.
        if (!(error instanceof CalypsoApiError && error.errorCode === WRONG_STATE)) throw error;
        const current = store(
          input.kind === 'single'
            ? await client.getPayout({ id: input.id })
            : await client.getMassPayout({ id: input.id }),
        );
        if (current.state !== 'CANCELED') throw error;
      }
      audit.append({
        atMs: now(),
        profileId: input.profileId,
        action: 'payout.cancelled',
        detail: { kind: input.kind, id: input.id, message: input.message },
      });
      return cachedItem(input.profileId, input.kind, input.id);
    },
  };
}
