/**
 * A mass payout's recipients counted by where they are: paid, still moving, or failed
 * (FAILED or CANCELED: not paid, the retry picks them up). The draft tracking screen draws
 * it as one stacked bar per batch. Unknown states (the type is open) count as moving: they
 * are not known to be paid nor to have failed.
 */
import type { WithdrawalState } from './calypso/types';

export type RecipientTally = { completed: number; inProgress: number; failed: number };

export function tallyRecipients(states: Iterable<WithdrawalState>): RecipientTally {
  const tally: RecipientTally = { completed: 0, inProgress: 0, failed: 0 };
  for (const state of states) {
    if (state === 'COMPLETED') tally.completed += 1;
    else if (state === 'FAILED' || state === 'CANCELED') tally.failed += 1;
    else tally.inProgress += 1;
  }
  return tally;
}

export function tallyTotal(tally: RecipientTally): number {
  return tally.completed + tally.inProgress + tally.failed;
}

/** "3 completed, 1 in progress, 0 failed of 4 recipients": a tally's bar in words. */
export function recipientStatesText(
  tally: RecipientTally,
  formatCount: (n: number) => string = String,
): string {
  const total = tallyTotal(tally);
  const noun = total === 1 ? 'recipient' : 'recipients';
  return `${formatCount(tally.completed)} completed, ${formatCount(tally.inProgress)} in progress, ${formatCount(tally.failed)} failed of ${formatCount(total)} ${noun}`;
}
