/** Derived reads shared by several components. */
import type { PayoutState } from '../../../shared/calypso/types';
import type { Profile, SubmittedPayout, SyncStatus } from '../../../shared/ipc';
import { noticeKey, type Notice, type NoticeTopic } from './notices-slice';
import { payoutStateKey } from './payout-states-slice';
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

/** The New payout result card, only on the profile it was sent from. */
export function selectPayoutResult(state: DeskStore): SubmittedPayout | null {
  return state.payoutProfileId !== null && state.payoutProfileId === state.activeProfileId
    ? state.payoutResult
    : null;
}

/** The state the result card's payout is in now: the latest heard of, else as created. */
export function selectResultPayoutState(state: DeskStore): PayoutState | null {
  const result = selectPayoutResult(state);
  if (result?.state !== 'done' || state.payoutProfileId === null) return null;
  const { kind, id } = result.item;
  return state.payoutStates[payoutStateKey(state.payoutProfileId, kind, id)] ?? result.item.state;
}

/** The active profile's message about `object` on `topic`, if there is one. */
export function selectNotice(state: DeskStore, object: string, topic: NoticeTopic): Notice | null {
  if (state.activeProfileId === null) return null;
  return state.notices[noticeKey(state.activeProfileId, object, topic)] ?? null;
}
