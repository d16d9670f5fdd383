/**
 * The payout state machine (calypso-api.md 5.7), as pure functions over a Bundle. The engine
 * applies them to stored payouts as the clock passes; the seeder applies them to write a
 * history. Times are simulator-clock milliseconds; each transition happens at the moment it
 * was due, so the result does not depend on when somebody looked.
 *
 *   single: CONFIRMED (or PENDING_CONFIRMATION -> CONFIRMED) -> IN_PROGRESS -> COMPLETED | FAILED
 *   mass:   CREATION_IN_PROGRESS -> [PENDING_CONFIRMATION ->] CONFIRMED -> IN_PROGRESS
 *           -> COMPLETED | PARTIAL | FAILED            (PARTIAL never for a single payout, Q24)
 *   withdrawals: DRAFT -> IN_PROGRESS -> COMPLETED | FAILED; CANCELED with their parent.
 */
import { isFinalWithdrawalState } from '../../shared/calypso/states';
import type { Cancellation, PayoutErrors, PayoutState } from '../../shared/calypso/types';
import { findCurrency } from '../../shared/networks';
import type { SimDelays } from './options';
import { transactionHashFor, type Bundle, type PayoutKind, type WithdrawalRecord } from './records';

export type LifecycleConfig = { verification: boolean; delays: SimDelays };

/** True when this withdrawal must fail when it is executed (the fail rule, see engine.ts). */
export type FailRule = (withdrawal: WithdrawalRecord) => boolean;

export function initialState(kind: PayoutKind, config: LifecycleConfig): PayoutState {
  if (kind === 'mass') return 'CREATION_IN_PROGRESS';
  return config.verification ? 'PENDING_CONFIRMATION' : 'CONFIRMED';
}

/** When a payout that entered `state` at `at` moves on by itself; null if it never does. */
export function dueAfter(
  state: PayoutState,
  at: number,
  executionAt: number | null,
  delays: SimDelays,
): number | null {
  switch (state) {
    case 'CREATION_IN_PROGRESS':
      return at + delays.creationMs;
    case 'PENDING_CONFIRMATION':
      return at + delays.confirmationMs;
    case 'CONFIRMED':
      // A past executionDate means "run now" (6.4).
      return Math.max(at, executionAt ?? at) + delays.startMs;
    case 'IN_PROGRESS':
      return at + delays.completionMs;
    default:
      return null;
  }
}

function enter(bundle: Bundle, state: PayoutState, at: number, delays: SimDelays): void {
  const { payout } = bundle;
  payout.view.state = state;
  payout.dueAt = dueAfter(state, at, payout.executionAt, delays);
}

function failureMessage(withdrawal: WithdrawalRecord): string {
  const { amount, currency, depositAddress } = withdrawal.view;
  return `Transfer of ${amount} ${currency} to ${depositAddress} failed: the recipient address rejected the transaction.`;
}

function finish(bundle: Bundle, at: number, delays: SimDelays, fails: FailRule): void {
  const { payout } = bundle;
  const currency = findCurrency(payout.view.currency);
  if (!currency) throw new Error(`stored payout ${payout.id} has unknown currency`);
  const errors: PayoutErrors = { withdrawalErrors: [] };
  let completed = 0;
  let failed = 0;
  let hash: string | null = null;
  for (const withdrawal of bundle.withdrawals) {
    if (isFinalWithdrawalState(withdrawal.view.state)) continue;
    if (withdrawal.forceFail || fails(withdrawal)) {
      const error = {
        // One error per withdrawal, so its numeric id is a unique integer error id.
        id: Number(withdrawal.id),
        status: 'ERROR',
        errorResolved: false,
        errorMessage: failureMessage(withdrawal),
      };
      withdrawal.view.state = 'FAILED';
      withdrawal.view.withdrawalErrors = [error];
      errors.withdrawalErrors.push({ withdrawalId: withdrawal.id, errors: [error] });
      failed += 1;
    } else {
      withdrawal.view.state = 'COMPLETED';
      withdrawal.view.transactionHash = transactionHashFor(currency, withdrawal);
      hash = withdrawal.view.transactionHash;
      completed += 1;
    }
  }
  let state: PayoutState;
  if (failed === 0) state = 'COMPLETED';
  else if (completed === 0 || payout.kind === 'single') state = 'FAILED';
  else state = 'PARTIAL';
  enter(bundle, state, at, delays);
  payout.view.errors = errors;
  if (payout.kind === 'single') payout.view.transactionHash = hash;
}

export type TransitionResult = { moved: boolean; withdrawalsChanged: boolean };

/** Applies the one transition that is due for this payout at `at`. */
export function applyNextTransition(
  bundle: Bundle,
  at: number,
  config: LifecycleConfig,
  fails: FailRule,
): TransitionResult {
  const { delays } = config;
  switch (bundle.payout.view.state) {
    case 'CREATION_IN_PROGRESS':
      enter(bundle, config.verification ? 'PENDING_CONFIRMATION' : 'CONFIRMED', at, delays);
      return { moved: true, withdrawalsChanged: false };
    case 'PENDING_CONFIRMATION':
      enter(bundle, 'CONFIRMED', at, delays);
      return { moved: true, withdrawalsChanged: false };
    case 'CONFIRMED':
      for (const withdrawal of bundle.withdrawals) {
        if (!isFinalWithdrawalState(withdrawal.view.state)) withdrawal.view.state = 'IN_PROGRESS';
      }
      enter(bundle, 'IN_PROGRESS', at, delays);
      return { moved: true, withdrawalsChanged: true };
    case 'IN_PROGRESS':
      finish(bundle, at, delays, fails);
      return { moved: true, withdrawalsChanged: true };
    default:
      bundle.payout.dueAt = null;
      return { moved: false, withdrawalsChanged: false };
  }
}

export function cancelBundle(bundle: Bundle, cancellation: Cancellation): void {
  const { payout } = bundle;
  payout.view.state = 'CANCELED';
  payout.dueAt = null;
  payout.cancellation = cancellation;
  if (payout.kind === 'single') payout.view.cancellation = cancellation;
  for (const withdrawal of bundle.withdrawals) {
    if (!isFinalWithdrawalState(withdrawal.view.state)) withdrawal.view.state = 'CANCELED';
  }
}
