/**
 * The history methods of the handler table: the cached payouts (a page, one payout's
 * details, a mass payout's recipients, the CSV export) and their sync. Each names its
 * profile, which must exist: an unknown one is NOT_FOUND, not an empty history.
 */
import type { CacheDatabase, PayoutsRepo } from '../db';
import { createWithdrawalsQuery, queryHistory } from '../db';
import { exportHistoryCsv } from '../export/history-csv';
import { DeskFailure } from '../ipc/desk-failure';
import type { HandlerPart } from '../ipc/handler-table';
import type { ProfilesService } from '../profiles/profiles-service';
import type { SyncScheduler } from './sync-scheduler';

export type HistoryMethod =
  | 'queryHistory'
  | 'getPayoutDetails'
  | 'syncNow'
  | 'getSyncStatus'
  | 'listWithdrawals'
  | 'exportHistory';

export type HistoryHandlerDeps = {
  db: CacheDatabase;
  payouts: Pick<PayoutsRepo, 'getDetails'>;
  listWithdrawals: ReturnType<typeof createWithdrawalsQuery>;
  profiles: Pick<ProfilesService, 'requireProfile'>;
  scheduler: Pick<SyncScheduler, 'syncNow' | 'status'>;
  now: () => number;
};

export function createHistoryHandlers({
  db,
  payouts,
  listWithdrawals,
  profiles,
  scheduler,
  now,
}: HistoryHandlerDeps): HandlerPart<HistoryMethod> {
  return {
    queryHistory: (query) => {
      profiles.requireProfile(query.profileId);
      return queryHistory(db, query, { nowMs: now() });
    },
    getPayoutDetails: ({ profileId, kind, id }) => {
      const details = payouts.getDetails(profileId, kind, id);
      if (!details) throw new DeskFailure('NOT_FOUND', `No ${kind} payout ${id} in the history.`);
      return details;
    },
    syncNow: ({ profileId }) => {
      profiles.requireProfile(profileId);
      return scheduler.syncNow(profileId);
    },
    getSyncStatus: ({ profileId }) => {
      profiles.requireProfile(profileId);
      return scheduler.status(profileId);
    },
    listWithdrawals: ({ profileId, dealId, offset, limit }) => {
      profiles.requireProfile(profileId);
      return listWithdrawals(profileId, dealId, offset, limit);
    },
    exportHistory: (query) => {
      profiles.requireProfile(query.profileId);
      return exportHistoryCsv(db, query, now());
    },
  };
}
