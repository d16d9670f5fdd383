/**
 * The test-payment methods of the handler table (docs/test-payments.md): sending a test to
 * a new address of a draft, reading the holds, the fresh review and the follow-up send of
 * the released rows, and the per-profile test amounts. A sent test is synced until final,
 * as any single payout; the cache is backed up after every send.
 */
import type { Backups } from '../db';
import type { HandlerPart } from '../ipc/handler-table';
import type { ProfilesService } from '../profiles/profiles-service';
import type { SyncScheduler } from '../sync';
import type { MassDrafts } from './mass-drafts';
import type { TestPayments } from './test-payments';

export type TestPaymentMethod =
  | 'startTestPayment'
  | 'listTestPayments'
  | 'reviewHeldRows'
  | 'sendHeldRows'
  | 'getTestPaymentAmounts'
  | 'setTestPaymentAmount';

export function createTestPaymentHandlers(deps: {
  testPayments: TestPayments;
  massDrafts: Pick<MassDrafts, 'get' | 'reviewHeldRows' | 'sendHeldRows'>;
  profiles: Pick<ProfilesService, 'requireProfile'>;
  scheduler: Pick<SyncScheduler, 'syncNow'>;
  backups: Pick<Backups, 'backupSoon'>;
}): HandlerPart<TestPaymentMethod> {
  const { testPayments, massDrafts, profiles, scheduler, backups } = deps;
  return {
    startTestPayment: async (input) => {
      try {
        const holds = await testPayments.start(input);
        void scheduler.syncNow(massDrafts.get(input.draftId).profileId);
        return holds;
      } finally {
        backups.backupSoon('test payment sent');
      }
    },
    listTestPayments: ({ draftId }) => testPayments.holdsOf(draftId),
    reviewHeldRows: ({ draftId }) => massDrafts.reviewHeldRows(draftId),
    sendHeldRows: async ({ draftId, fingerprint }) => {
      try {
        const batches = await massDrafts.sendHeldRows(draftId, fingerprint);
        void scheduler.syncNow(massDrafts.get(draftId).profileId);
        return batches;
      } finally {
        backups.backupSoon('held rows submitted');
      }
    },
    getTestPaymentAmounts: ({ profileId }) => {
      profiles.requireProfile(profileId);
      return testPayments.amounts(profileId);
    },
    setTestPaymentAmount: (input) => {
      profiles.requireProfile(input.profileId);
      return testPayments.setAmount(input);
    },
  };
}
