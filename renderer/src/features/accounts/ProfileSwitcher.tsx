import { useShallow } from 'zustand/react/shallow';
import { environmentLabel } from '../../lib/environment';
import { formatCount, formatDateTime } from '../../lib/format';
import { selectActiveProfile, selectActiveSyncStatus } from '../../stores/selectors';
import { useDeskStore } from '../../stores/store';
import { syncStepText } from '../history/SyncProgressBar';

/** The sidebar's profile picker, with the active profile's environment and last sync. */
export function ProfileSwitcher() {
  const { profiles, activeProfileId, selectProfile, active, status, progress } = useDeskStore(
    useShallow((state) => ({
      profiles: state.profiles,
      activeProfileId: state.activeProfileId,
      selectProfile: state.selectProfile,
      active: selectActiveProfile(state),
      status: selectActiveSyncStatus(state),
      progress:
        state.activeProfileId === null ? undefined : state.syncProgress[state.activeProfileId],
    })),
  );
  const lastSynced = status?.lastSyncedAtMs ?? active?.lastSyncedAtMs ?? null;
  return (
    <div className="profile-switcher">
      <label htmlFor="profile-switcher">Profile</label>
      <select
        id="profile-switcher"
        value={activeProfileId ?? ''}
        onChange={(event) => {
          selectProfile(event.target.value);
        }}
      >
        {profiles.length === 0 && <option value="">No profiles yet</option>}
        {profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profile.name}
          </option>
        ))}
      </select>
      {active && (
        <p className={`environment-tag environment-${active.environment}`}>
          {environmentLabel(active)}
        </p>
      )}
      {active && (
        <p className="sync-line">
          {status?.state === 'syncing'
            ? `Syncing…${progress ? ` ${syncStepText(progress)}` : ''}`
            : lastSynced !== null
              ? `Last synced ${formatDateTime(lastSynced)}`
              : 'Not synced yet'}
          {status !== undefined && status.pendingCount > 0 && (
            <>
              {' · '}
              <span className="explained" title={inFlightMeaning(status.pendingCount)}>
                {formatCount(status.pendingCount)} in flight
              </span>
            </>
          )}
        </p>
      )}
    </div>
  );
}

/** What "N in flight" counts, in words (its tooltip). */
export function inFlightMeaning(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'payout is' : 'payouts are'} not finished yet (being created, waiting for approval or being sent). Payout Desk keeps asking Calypso about ${count === 1 ? 'it' : 'them'} until ${count === 1 ? 'it is' : 'they are'} delivered, failed or cancelled.`;
}
