/**
 * The history methods of the handler table: the cached payouts (a page, one payout's
 * details, a mass payout's recipients, the CSV export) and their sync. Each names its
 * profile, which must exist: an unknown one is NOT_FOUND, not an empty history.
 */
import type { CacheDatabase, PayoutsRepo } from '../db';
import { createWithdrawalsQuery, queryHistory, queryHistoryTotals, queryPaidByMonth } from '../db';
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
  | 'getPaidByMonth'
  | 'getHistoryTotals'
  | 'listWithdrawals'
  | 'exportHistory';

export type HistoryHandlerDeps = {
  db: CacheDatabase;
  payouts: Pick<PayoutsRepo, 'getDetails'>;
  listWithdrawals: ReturnType<typeof createWithdrawalsQuery>;
  profiles: Pick<ProfilesService, 'requireProfile'>;
  scheduler: Pick<SyncScheduler, 'syncNow' | 'status'>;
  now: () => number;
  /** The address book's label of an address (address-book-service.ts labelOf). */
  labelOf: (profileId: string, currency: string, address: string | null) => string | null;
};

export function createHistoryHandlers({
  db,
  payouts,
  listWithdrawals,
  profiles,
  scheduler,
  now,
  labelOf,
}: HistoryHandlerDeps): HandlerPart<HistoryMethod> {
  return {
    queryHistory: (query) => {
      profiles.requireProfile(query.profileId);
      const page = queryHistory(db, query, { nowMs: now() });
      return {
        ...page,
        items: page.items.map((item) => ({
          ...item,
          recipientLabel: labelOf(query.profileId, item.currency, item.depositAddress),
        })),
      };
    },
    getPayoutDetails: ({ profileId, kind, id }) => {
      const details = payouts.getDetails(profileId, kind, id);
      if (!details) throw new DeskFailure('NOT_FOUND', `No ${kind} payout ${id} in the history.`);
      const { item } = details;
      return {
        ...details,
        item: { ...item, recipientLabel: labelOf(profileId, item.currency, item.depositAddress) },
      };
    },
    syncNow: ({ profileId }) => {
      profiles.requireProfile(profileId);
      return scheduler.syncNow(profileId);
    },
    getSyncStatus: ({ profileId }) => {
      profiles.requireProfile(profileId);
      return scheduler.status(profileId);
    },
    getPaidByMonth: (query) => {
      profiles.requireProfile(query.profileId);
      return queryPaidByMonth(db, query);
    },
    getHistoryTotals: (query) => {
      profiles.requireProfile(query.profileId);
      return queryHistoryTotals(db, query, { nowMs: now() });
    },
    listWithdrawals: ({ profileId, dealId, offset, limit }) => {
      profiles.requireProfile(profileId);
      const page = listWithdrawals(profileId, dealId, offset, limit);
      const labels: Record<string, string> = {};
      for (const item of page.items) {
        const label = labelOf(profileId, item.currency, item.depositAddress);
        if (label !== null) labels[item.id] = label;
      }
      return { ...page, labels };
    },
    exportHistory: (query) => {
      profiles.requireProfile(query.profileId);
      return exportHistoryCsv(db, query, now());
    },
  };
}
