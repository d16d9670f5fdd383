/** Derived reads shared by several components. */
import type { Profile, SyncStatus } from '../../../shared/ipc';
import type { DeskStore } from './types';

export function selectActiveProfile(state: DeskStore): Profile | undefined {
  return state.profiles.find((profile) => profile.id === state.activeProfileId);
}

export function selectActiveSyncStatus(state: DeskStore): SyncStatus | undefined {
  return state.activeProfileId === null ? undefined : state.syncStatuses[state.activeProfileId];
}

/** Offline when the browser says so or when the last sync could not reach Calypso. */
export function selectIsOffline(state: DeskStore): boolean {
  return !state.browserOnline || selectActiveSyncStatus(state)?.state === 'offline';
}
