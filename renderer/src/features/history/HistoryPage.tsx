import { useShallow } from 'zustand/react/shallow';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatCount, formatDateTime } from '../../lib/format';
import { hasActiveFilters } from '../../lib/history-query';
import { selectActiveProfile, selectActiveSyncStatus } from '../../stores/selectors';
import { useDeskStore } from '../../stores/store';
import { ExportButton } from '../export/ExportButton';
import { HistoryFilters } from './HistoryFilters';
import { HistoryList } from './HistoryList';
import { HistoryPaidTotals } from './HistoryPaidTotals';
import { PaidByMonthChart } from './PaidByMonthChart';
import { SyncProgressBar, syncPhaseLabel } from './SyncProgressBar';

/** Every single and mass payout of the active profile, from the offline cache. */
export function HistoryPage() {
  const { profile, total, filtered, error, status, progress, reload } = useDeskStore(
    useShallow((state) => ({
      profile: selectActiveProfile(state),
      total: state.historyTotal,
      filtered: hasActiveFilters(state.historyFilters),
      error: state.historyError,
      status: selectActiveSyncStatus(state),
      progress:
        state.activeProfileId === null ? undefined : state.syncProgress[state.activeProfileId],
      reload: state.reloadHistory,
    })),
  );
  if (!profile) {
    return (
      <section className="page">
        <h2>History</h2>
        <p>Add a profile under Accounts to see its payouts.</p>
      </section>
    );
  }
  const lastSynced = status?.lastSyncedAtMs ?? profile.lastSyncedAtMs;
  return (
    <section className="page history-page" aria-labelledby="history-title">
      <header className="page-header">
        <h2 id="history-title">History</h2>
        <p
          className="count"
          aria-live="polite"
          data-testid="history-count"
          title={
            filtered
              ? 'The payouts of this profile, single and mass, that pass the filters and the search.'
              : 'Every payout of this profile, single and mass, in the history kept on this computer.'
          }
        >
          {total === null ? 'Loading…' : historyCountText(total, filtered)}
        </p>
        <p className="sync-line">
          {status?.state === 'syncing' ? (
            <>
              {progress ? `${syncPhaseLabel(progress)}… ` : 'Syncing…'}
              {progress && <SyncProgressBar progress={progress} />}
            </>
          ) : lastSynced !== null ? (
            `Last synced ${formatDateTime(lastSynced)}`
          ) : (
            'Not synced yet'
          )}
        </p>
        <ExportButton />
      </header>
      {status?.state === 'error' && status.lastError && <ErrorMessage error={status.lastError} />}
      <PaidByMonthChart profileId={profile.id} refreshKey={lastSynced} />
      <HistoryFilters />
      <HistoryPaidTotals />
      {error && <ErrorMessage error={error} onRetry={reload} />}
      <HistoryList />
    </section>
  );
}

/** "1 payout matches the filters", "406 payouts match the filters", or just the count. */
export function historyCountText(total: number, filtered: boolean): string {
  const payouts = `${formatCount(total)} ${total === 1 ? 'payout' : 'payouts'}`;
  if (!filtered) return payouts;
  return `${payouts} ${total === 1 ? 'matches' : 'match'} the filters`;
}
