/** Which payout states end the lifecycle and which still allow a cancel (calypso-api.md 5.7). */
import type { PayoutState, WithdrawalState } from './types';

export const FINAL_PAYOUT_STATES: readonly PayoutState[] = [
  'COMPLETED',
  'FAILED',
  'CANCELED',
  'PARTIAL',
];

/** The docs are silent; this is the reading of Q8, which the simulator enforces too. */
export const CANCELLABLE_PAYOUT_STATES: readonly PayoutState[] = [
  'CREATION_IN_PROGRESS',
  'PENDING_CONFIRMATION',
  'CONFIRMED',
];

export const NON_FINAL_PAYOUT_STATES: readonly PayoutState[] = [
  'CREATION_IN_PROGRESS',
  'PENDING_CONFIRMATION',
  'CONFIRMED',
  'IN_PROGRESS',
];

const FINAL_WITHDRAWAL_STATES: readonly string[] = ['COMPLETED', 'FAILED', 'CANCELED'];

export function isFinalPayoutState(state: PayoutState): boolean {
  return FINAL_PAYOUT_STATES.includes(state);
}

export function isCancellablePayoutState(state: PayoutState): boolean {
  return CANCELLABLE_PAYOUT_STATES.includes(state);
}

/** Unknown withdrawal states (the enum is open) count as not final, so they keep being polled. */
export function isFinalWithdrawalState(state: WithdrawalState): boolean {
  return FINAL_WITHDRAWAL_STATES.includes(state);
}
