/**
 * Cancelling a confirmed payment that was not sent (docs/intents.md): only a `not-sent`
 * intent can be cancelled here; for any other state the person reads why not. The first
 * cancellation is audited; cancelling again answers the same without a second entry.
 */
import type { IntentStatus } from '../../../shared/ipc';
import type { AuditLog, OutboxRepo, OutboxState } from '../db';
import { DeskFailure } from '../ipc/desk-failure';
import type { Submission } from './submission';

/** Why an intent in this state cannot be cancelled, in words. */
function cannotCancel(state: OutboxState): string {
  switch (state) {
    case 'pending':
      return 'This payment was already sent to Calypso and may exist there: it can no longer be cancelled here. Once it appears in the history, cancel the payout itself if it is still scheduled.';
    case 'done':
      return 'Calypso has created this payout: cancel it from its details in the history if it is still scheduled.';
    case 'rejected':
      return 'Calypso refused this payout: nothing was paid, there is nothing to cancel.';
    case 'expired':
      return 'This payment expired without being sent: nothing was paid, there is nothing to cancel.';
    default:
      return `This payment is ${state}: it cannot be cancelled.`;
  }
}

export type IntentCancellationDeps = {
  outbox: Pick<OutboxRepo, 'get'>;
  submission: Pick<Submission, 'cancel' | 'settled'>;
  audit: Pick<AuditLog, 'append'>;
  now: () => number;
};

export function createIntentCancellation({
  outbox,
  submission,
  audit,
  now,
}: IntentCancellationDeps) {
  return async (requestId: string): Promise<IntentStatus> => {
    if (!outbox.get(requestId))
      throw new DeskFailure('NOT_FOUND', `There is no payment ${requestId}.`);
    // An attempt of this desk under way (a resend when the connection seemed back, "Try again")
    // makes the intent `pending` while it runs; if every connection is refused it is not-sent
    // again and can be cancelled. Its end decides, not the moment Cancel was pressed.
    await submission.settled(requestId);
    const before = outbox.get(requestId);
    if (!before) throw new DeskFailure('NOT_FOUND', `There is no payment ${requestId}.`);
    const after = submission.cancel(requestId) ?? before;
    if (after.state === 'cancelled') {
      if (before.state !== 'cancelled') {
        audit.append({
          atMs: now(),
          profileId: after.profileId,
          action: 'intent.cancelled',
          detail: { requestId, kind: after.kind },
        });
      }
      return { requestId, state: 'cancelled' };
    }
    throw new DeskFailure('VALIDATION', cannotCancel(after.state));
  };
}
