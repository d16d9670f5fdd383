import { useShallow } from 'zustand/react/shallow';
import { formatDateTime } from '../lib/format';
import { selectActiveProfile, selectActiveSyncStatus } from '../stores/selectors';
import { useDeskStore } from '../stores/store';

/** Shown while Calypso cannot be reached: the history on screen is the offline copy. */
export function OfflineBanner() {
  const { browserOnline, status, lastSyncedAtMs } = useDeskStore(
    useShallow((state) => ({
      browserOnline: state.browserOnline,
      status: selectActiveSyncStatus(state),
      lastSyncedAtMs: selectActiveProfile(state)?.lastSyncedAtMs ?? null,
    })),
  );
  const offline = !browserOnline || status?.state === 'offline';
  if (!offline) return null;
  const synced = status?.lastSyncedAtMs ?? lastSyncedAtMs;
  return (
    <div className="banner banner-offline" role="status" aria-label="Offline">
      <strong>Offline.</strong>{' '}
      {browserOnline
        ? 'Calypso cannot be reached right now.'
        : 'This computer has no network connection.'}{' '}
      You are seeing the saved history
      {synced !== null ? ` as of ${formatDateTime(synced)}` : ''}; it updates when the connection is
      back.
    </div>
  );
}
