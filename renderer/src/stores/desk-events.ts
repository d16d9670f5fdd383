/**
 * Feeds main's events into the store: sync status per profile, and a refresh of the visible
 * history page (at most one every REFRESH_GAP_MS) when payouts change or a sync moves on,
 * the open draft's batches as they are sent and as their payouts move, and each payout's
 * latest state (payout-states-slice.ts), which cards made earlier show.
 */
import { subscribeDeskEvents } from '../services/desk-service';
import { useDeskStore, type DeskStoreApi } from './store';

const REFRESH_GAP_MS = 250;

export function connectDeskEvents(store: DeskStoreApi = useDeskStore): () => void {
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleRefresh = () => {
    if (refreshTimer !== undefined) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      const state = store.getState();
      void state.refreshHistory();
      if (state.detailsRef !== null) void state.reloadDetails();
      if (state.openDraftId !== null) void state.refreshDraftTracking();
    }, REFRESH_GAP_MS);
  };

  const stop = subscribeDeskEvents({
    syncStatus: (status) => {
      const state = store.getState();
      state.applySyncStatus(status);
      if (status.profileId === state.activeProfileId && status.state !== 'syncing') {
        scheduleRefresh();
      }
    },
    syncProgress: (progress) => {
      const state = store.getState();
      state.applySyncProgress(progress);
      // A first sync of a big account fills the list while it reads.
      if (progress.profileId === state.activeProfileId) scheduleRefresh();
    },
    payoutsChanged: (event) => {
      const state = store.getState();
      state.applyPayoutChanges(event);
      void state.handlePayoutsChanged(event);
      if (event.profileId === state.activeProfileId) scheduleRefresh();
    },
    draftProgress: (event) => {
      store.getState().applyDraftProgress(event);
    },
  });

  return () => {
    clearTimeout(refreshTimer);
    stop();
  };
}
