/**
 * Single payouts from the form: the shared recipient rules run again here, in main, before
 * anything is stored or signed; then the intent goes through the outbox (submission.ts).
 * The confirmation shows exactly what is signed: `preview` and `submit` build the payload
 * with the one builder below, and `submit` refuses (sending nothing) unless the payload it
 * builds hashes to the hash the person confirmed (docs/intents.md).
 */
import { isCancellablePayoutState } from '../../../shared/calypso/states';
import type { MassPayout, Payout, PayoutCreateRequest } from '../../../shared/calypso/types';
import type { HistoryItem, PayoutKind } from '../../../shared/history';
import type { DeskArgument, PayoutPreview, SubmittedPayout } from '../../../shared/ipc';
import type { AddressRisk } from '../../../shared/address-risk';
import { normalizeDecimal } from '../../../shared/money';
import { checkRecipient } from '../../../shared/payout-rules';
import { CalypsoApiError, type CalypsoClient } from '../calypso';
import {
  IntentConflictError,
  PAYLOAD_CHANGED,
  type AuditLog,
  type CacheDatabase,
  type OutboxEntry,
  type OutboxRepo,
  type PayoutsRepo,
  type StoredProfile,
} from '../db';
import { DeskFailure } from '../ipc/desk-failure';
import { targetOf } from '../profiles/calypso-target';
import { payloadHash, serializePayload } from './payload-hash';
import type { RepeatedPayment } from './repeat-risks';
import { PAYLOAD_CHANGED_MESSAGE, type DeliveryResult, type Submission } from './submission';

export type SinglePayoutDeps = {
  db: CacheDatabase;
  outbox: OutboxRepo;
  payouts: PayoutsRepo;
  submission: Submission;
  audit: AuditLog;
  clientOf: (profileId: string) => Promise<CalypsoClient>;
  requireProfile: (profileId: string) => StoredProfile;
  /** The address's risk verdicts against this profile's history (shared/address-risk). */
  addressRisks: (profileId: string, address: string, currency: string) => AddressRisk[];
  /** The same payout unsettled (refused) or paid lately (a warning): repeat-risks.ts. */
  repeatRisks: (profileId: string, payment: RepeatedPayment, requestId: string) => AddressRisk[];
  now: () => number;
  /**
   * A new intent is on disk and about to be sent: the desk backs it up now, so that a backup
   * holds it before any request can have created its payout.
   */
  onIntentStored?: () => void;
  /**
   * A mass payout was stored from Calypso's answer outside the sync (a cancel): its
   * withdrawals changed too, and the next sync pass must read them (history-sync.ts).
   */
  onMassPayoutStored?: (profileId: string, id: string) => void;
};

/** Calypso: the payout is in a state that does not allow this operation. */
const WRONG_STATE = '012';

const UNKNOWN_OUTCOME =
  'Calypso did not confirm the payout. It may exist already: Payout Desk checks with its ' +
  'idempotency key before anything is sent again, so it cannot be paid twice.';

export const NOT_SENT_MESSAGE =
  'Payout Desk could not reach Calypso, so nothing was sent. It will send it when the ' +
  'connection returns, unless you cancel it.';

const CANCELLED_MESSAGE = 'You cancelled this payout before it was sent: nothing was paid.';

const EXPIRED_MESSAGE =
  'This payout was not sent in time and has expired: nothing was paid. Confirm it again ' +
  'if it is still due.';

type PayoutInput = Omit<DeskArgument<'createPayout'>, 'payloadHash' | 'acceptedRisks'>;

/** The one builder of a single payout's create payload: what is previewed is what is sent. */
function buildPayload(input: PayoutInput, nowMs: number): PayoutCreateRequest {
  const problems = checkRecipient(input);
  if (problems.length > 0) {
    throw new DeskFailure(
      'VALIDATION',
      problems.map((problem) => `${problem.field}: ${problem.message}`).join(' '),
      problems,
    );
  }
  if (input.executionDate !== undefined && Date.parse(input.executionDate) < nowMs - 60_000) {
    throw new DeskFailure('VALIDATION', 'executionDate: the execution date is in the past.');
  }
  return {
    depositAddress: input.depositAddress,
    amount: normalizeDecimal(input.amount),
    currency: input.currency,
    idempotencyKey: input.requestId,
    ...(input.comment ? { comment: input.comment } : {}),
    ...(input.executionDate ? { executionDate: new Date(input.executionDate).toISOString() } : {}),
  };
}

export function createSinglePayouts(deps: SinglePayoutDeps) {
  const { outbox, payouts, audit, now } = deps;

  function cachedItem(profileId: string, kind: PayoutKind, id: string): HistoryItem {
    const details = payouts.getDetails(profileId, kind, id);
    if (!details) throw new DeskFailure('NOT_FOUND', `No ${kind} payout ${id} in the history.`);
    return details.item;
  }

  function unsettled(
    entry: OutboxEntry,
    state: 'pending' | 'not-sent' | 'cancelled' | 'expired',
    message: string,
  ): SubmittedPayout {
    const payloadChanged = entry.errorCode === PAYLOAD_CHANGED;
    return {
      state,
      requestId: entry.requestId,
      message: payloadChanged ? PAYLOAD_CHANGED_MESSAGE : message,
      expiresAtMs: entry.expiresMs,
      payloadChanged,
    };
  }

  /** What the person is told about an intent, from its delivery or its stored state. */
  function answer(entry: OutboxEntry, result: DeliveryResult): SubmittedPayout {
    const current = outbox.get(entry.requestId) ?? entry;
    switch (result.state) {
      case 'done':
        return {
          state: 'done',
          item: cachedItem(current.profileId ?? '', 'single', result.payoutId),
        };
      case 'rejected':
        throw new DeskFailure(
          'CALYPSO_REJECTED',
          `Calypso refused this payout: ${result.error.serverMessage || result.error.errorCode}`,
          { errorCode: result.error.errorCode },
        );
      case 'not-sent':
        return unsettled(current, 'not-sent', NOT_SENT_MESSAGE);
      case 'cancelled':
        return unsettled(current, 'cancelled', CANCELLED_MESSAGE);
      case 'expired':
        return unsettled(current, 'expired', EXPIRED_MESSAGE);
      case 'payload-changed':
        // Never sent; the intent keeps its state (a pending one may still exist at Calypso).
        return current.state === 'cancelled' || current.state === 'expired'
          ? unsettled(current, current.state, '')
          : unsettled(current, current.state === 'pending' ? 'pending' : 'not-sent', '');
      default:
        return unsettled(current, 'pending', UNKNOWN_OUTCOME);
    }
  }

  /**
   * The address's risks and the payment's repeats. A request id already stored is that
   * instruction itself (the same input reviewed again, or "Check again"): it repeats nothing.
   */
  function risksOf(profileId: string, payload: PayoutCreateRequest, requestId: string) {
    const address = deps.addressRisks(profileId, payload.depositAddress, payload.currency);
    if (outbox.get(requestId) !== undefined) return address;
    return [...address, ...deps.repeatRisks(profileId, payload, requestId)];
  }

  return {
    /** Exactly the payload `submit` will store and sign for this input, and its hash. */
    preview(input: DeskArgument<'previewPayout'>): PayoutPreview {
      const profile = deps.requireProfile(input.profileId);
      const payload = buildPayload(input, now());
      return {
        requestId: input.requestId,
        payload,
        payloadHash: payloadHash(serializePayload(payload)),
        target: { environment: profile.environment, account: profile.account },
        risks: risksOf(input.profileId, payload, input.requestId),
      };
    },

    async submit(input: DeskArgument<'createPayout'>): Promise<SubmittedPayout> {
      const { payloadHash: confirmedHash, acceptedRisks = [], shownRisks, ...rest } = input;
      const payload = buildPayload(rest, now());
      const hash = payloadHash(serializePayload(payload));
      if (hash !== confirmedHash) {
        throw new DeskFailure(
          'VALIDATION',
          'payloadHash: this is not the payout you confirmed (what would be sent has a ' +
            'different hash). Nothing was sent: review the payout again.',
        );
      }
      const profile = deps.requireProfile(input.profileId);
      // Checked again here, against the history as it is now: a risk error the person did
      // not accept in the confirmation sends nothing.
      // A request id already stored was confirmed and checked then: answering it again
      // (Check again) must report that intent, not a refusal that says nothing was sent.
      const alreadyStored = outbox.get(input.requestId) !== undefined;
      const risks = alreadyStored ? [] : risksOf(input.profileId, payload, input.requestId);
      const blocking = risks.filter(
        (risk) =>
          risk.severity === 'error' && !(acceptedRisks as readonly string[]).includes(risk.code),
      );
      if (blocking.length > 0) {
        throw new DeskFailure(
          'VALIDATION',
          `depositAddress: ${blocking.map((risk) => risk.message).join(' ')} Nothing was sent.`,
          { risks: blocking.map((risk) => risk.code) },
        );
      }
      // A risk the confirmation did not show (a warning too): the same payout confirmed in
      // another window a moment ago, whose repeat this person never saw. Sent, it paid the
      // recipient twice (test/integration/desk/repeat-after-preview.test.ts).
      const unseen =
        shownRisks === undefined ? [] : risks.filter((risk) => !shownRisks.includes(risk.code));
      if (unseen.length > 0) {
        throw new DeskFailure(
          'VALIDATION',
          `depositAddress: ${unseen.map((risk) => risk.message).join(' ')} This was found after the confirmation was shown: nothing was sent. Review the payout again.`,
          { risks: unseen.map((risk) => risk.code), reason: 'RISKS_CHANGED' },
        );
      }
      // The outbox row and its audit entry are written together or not at all: written
      // apart, a failed audit write (full disk, a lock held by another process) answered
      // "could not save" while the stored row was sent by the next sync pass, and entering
      // the payout again (a new request id) paid twice (found by the fault suite,
      // test/faults/disk-full.faults.test.ts).
      let entry: OutboxEntry;
      let created: boolean;
      try {
        ({ entry, created } = deps.db.sqlite
          .transaction(() => {
            const newEntry = {
              requestId: input.requestId,
              profileId: input.profileId,
              kind: 'single' as const,
              payload,
              atMs: now(),
            };
            // Already stored: the same instruction is returned, another one is refused.
            if (outbox.get(input.requestId) !== undefined) {
              return { entry: outbox.insertPending(newEntry), created: false };
            }
            // Asked again under the write lock: another window or process may have stored the
            // same payout since the check above (repeat-risks.ts).
            const unsettled = deps
              .repeatRisks(input.profileId, payload, input.requestId)
              .find((risk) => risk.code === 'PAYOUT_NOT_SETTLED');
            if (unsettled) {
              throw new DeskFailure(
                'VALIDATION',
                `depositAddress: ${unsettled.message} Nothing was sent.`,
                {
                  risks: [unsettled.code],
                },
              );
            }
            const auditId = audit.append({
              atMs: now(),
              profileId: input.profileId,
              action: 'payout.submitted',
              detail: {
                requestId: input.requestId,
                currency: input.currency,
                amount: payload.amount,
                address: payload.depositAddress,
                account: profile.account,
                risks: risks.map((risk) => risk.code),
                // Only what was found and accepted: an acceptance of nothing records nothing.
                acceptedRisks: acceptedRisks.filter((code) =>
                  risks.some((risk) => risk.code === code),
                ),
                intents: [
                  { requestId: input.requestId, payloadHash: hash, target: targetOf(profile) },
                ],
              },
            });
            return { entry: outbox.insertPending({ ...newEntry, auditId }), created: true };
            // IMMEDIATE: the write lock is taken before the check, so two processes confirming
            // the same payout at once cannot both find none unsettled.
          })
          .immediate());
      } catch (error) {
        if (error instanceof IntentConflictError) {
          const stored = outbox.get(input.requestId);
          // The person confirms exactly what the audit log recorded for this request id, but
          // the stored row says otherwise: the row was changed outside Payout Desk.
          // Only when the stored row is this profile's and its payload is not the audited one:
          // the same payload for another profile is another payout under a used request id.
          if (
            stored &&
            stored.kind === 'single' &&
            stored.profileId === input.profileId &&
            payloadHash(stored.payloadJson) !== hash &&
            outbox.auditedHashOf(stored) === hash
          ) {
            // Settled before the edit: Calypso's answer still stands.
            if (stored.state === 'done' || stored.state === 'rejected') {
              return answer(stored, await deps.submission.deliver(stored));
            }
            if (stored.errorCode !== PAYLOAD_CHANGED) {
              outbox.markPayloadChanged(stored.requestId, PAYLOAD_CHANGED_MESSAGE, now());
            }
            return answer(stored, { state: 'payload-changed', message: PAYLOAD_CHANGED_MESSAGE });
          }
          throw new DeskFailure(
            'VALIDATION',
            'requestId: this request id was already used for a different payout. Nothing ' +
              'was sent: review the payout again to confirm it as a new one.',
          );
        }
        throw error;
      }
      if (created) deps.onIntentStored?.();
      return answer(entry, await deps.submission.deliver(entry));
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
        else {
          payouts.upsertMassPayouts(input.profileId, [item as MassPayout], now());
          deps.onMassPayoutStored?.(input.profileId, item.id);
        }
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
      const item = cachedItem(input.profileId, input.kind, input.id);
      audit.append({
        atMs: now(),
        profileId: input.profileId,
        action: 'payout.cancelled',
        // What was cancelled, so the audit screen can say it in words without the cache.
        detail: {
          kind: input.kind,
          id: input.id,
          message: input.message,
          currency: item.currency,
          amount: item.amount,
          address: item.depositAddress,
        },
      });
      return item;
    },
  };
}

export type SinglePayouts = ReturnType<typeof createSinglePayouts>;
