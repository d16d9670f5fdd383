/**
 * The single-payout methods of the handler table: the form's preview and debit estimate,
 * the confirmed send, cancelling an intent that was not sent, and cancelling a scheduled
 * payout. After a send the history is synced until the payout is final (the person is
 * waiting to see it arrive), and the cache is backed up whatever the answer was.
 */
import type { IntentStatus } from '../../../shared/ipc';
import type { Backups } from '../db';
import type { HandlerPart } from '../ipc/handler-table';
import type { ProfilesService } from '../profiles/profiles-service';
import type { SyncScheduler } from '../sync';
import type { createDebitEstimator } from './estimate-debit';
import type { SinglePayouts } from './single-payouts';

export type SinglePayoutMethod =
  'previewPayout' | 'createPayout' | 'estimateDebit' | 'cancelIntent' | 'cancelPayout';

export type SinglePayoutHandlerDeps = {
  singlePayouts: SinglePayouts;
  estimateDebit: ReturnType<typeof createDebitEstimator>;
  cancelIntent: (requestId: string) => Promise<IntentStatus>;
  profiles: Pick<ProfilesService, 'requireProfile'>;
  scheduler: Pick<SyncScheduler, 'syncNow'>;
  backups: Pick<Backups, 'backupSoon'>;
};

export function createSinglePayoutHandlers({
  singlePayouts,
  estimateDebit,
  cancelIntent,
  profiles,
  scheduler,
  backups,
}: SinglePayoutHandlerDeps): HandlerPart<SinglePayoutMethod> {
  return {
    previewPayout: (input) => singlePayouts.preview(input),
    createPayout: async (input) => {
      profiles.requireProfile(input.profileId);
      try {
        const submitted = await singlePayouts.submit(input);
        // Poll until it is final: the user is waiting to see it arrive.
        void scheduler.syncNow(input.profileId);
        return submitted;
      } finally {
        // After the answer, whatever it was: an outbox row may be on disk either way.
        backups.backupSoon('payout created');
      }
    },
    estimateDebit: (input) => estimateDebit(input),
    cancelIntent: ({ requestId }) => cancelIntent(requestId),
    cancelPayout: (input) => singlePayouts.cancel(input),
  };
}
