/**
 * Merchant profiles, which one is active, its sync status and connection checks, and whether
 * the browser thinks it is online. Secrets only ever travel outwards (add/update); nothing
 * here can hold one after the call returns.
 */
import type {
  ConnectionCheck,
  DeskArgument,
  DeskError,
  DeskEvents,
  DeskResult,
  Profile,
  SyncStatus,
} from '../../../../shared/ipc';
import { profilesService, syncService } from '../../services/desk-service';
import type { SliceCreator } from '../../stores/types';

const ACTIVE_PROFILE_KEY = 'payout-desk.active-profile';

export type ConnectionCheckState =
  | { status: 'checking' }
  | { status: 'ok'; result: ConnectionCheck }
  | { status: 'failed'; error: DeskError };

export type ProfilesSlice = {
  profiles: Profile[];
  profilesLoaded: boolean;
  profilesError: DeskError | null;
  activeProfileId: string | null;
  syncStatuses: Record<string, SyncStatus>;
  syncProgress: Record<string, DeskEvents['syncProgress']>;
  connectionChecks: Record<string, ConnectionCheckState>;
  browserOnline: boolean;
  initialize: () => Promise<void>;
  loadProfiles: () => Promise<void>;
  selectProfile: (profileId: string) => void;
  addProfile: (input: DeskArgument<'addProfile'>) => Promise<DeskResult<Profile>>;
  updateProfile: (input: DeskArgument<'updateProfile'>) => Promise<DeskResult<Profile>>;
  removeProfile: (profileId: string) => Promise<DeskResult<{ removed: true }>>;
  checkConnection: (profileId: string) => Promise<void>;
  syncNow: (profileId?: string) => Promise<void>;
  setBrowserOnline: (online: boolean) => void;
  applySyncStatus: (status: SyncStatus) => void;
  applySyncProgress: (progress: DeskEvents['syncProgress']) => void;
};

function rememberedProfileId(): string | null {
  try {
    return window.localStorage.getItem(ACTIVE_PROFILE_KEY);
  } catch {
    return null;
  }
}

function rememberProfileId(profileId: string): void {
  try {
    window.localStorage.setItem(ACTIVE_PROFILE_KEY, profileId);
  } catch {
    // Remembering the choice is a convenience; the app works without storage.
  }
}

function withoutEntry<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([entry]) => entry !== key));
}

function pickActive(profiles: Profile[], wanted: string | null): string | null {
  if (wanted !== null && profiles.some((profile) => profile.id === wanted)) return wanted;
  return (
    profiles.find((profile) => profile.environment === 'simulator')?.id ?? profiles[0]?.id ?? null
  );
}

export const createProfilesSlice: SliceCreator<ProfilesSlice> = (set, get) => {
  let initializing: Promise<void> | undefined;

  return {
    profiles: [],
    profilesLoaded: false,
    profilesError: null,
    activeProfileId: null,
    syncStatuses: {},
    syncProgress: {},
    connectionChecks: {},
    browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,

    initialize: () => {
      initializing ??= (async () => {
        await get().loadProfiles();
        const active = pickActive(get().profiles, rememberedProfileId());
        if (active !== null) {
          get().selectProfile(active);
          // A reload or a new window re-checks the server at once (and learns "offline").
          await get().syncNow(active);
        }
      })();
      return initializing;
    },

    loadProfiles: async () => {
      const result = await profilesService.list();
      if (!result.ok) {
        set({ profilesError: result.error, profilesLoaded: true });
        return;
      }
      set({ profiles: result.value, profilesError: null, profilesLoaded: true });
      const active = get().activeProfileId;
      if (active !== null && !result.value.some((profile) => profile.id === active)) {
        const next = pickActive(result.value, null);
        if (next !== null) get().selectProfile(next);
        else set({ activeProfileId: null });
      }
    },

    selectProfile: (profileId) => {
      if (get().activeProfileId === profileId) return;
      rememberProfileId(profileId);
      set({ activeProfileId: profileId });
      // What the screens show about the profile being left stays with it (issue 11, part 6):
      // its details, its New payout card, its open draft and its messages.
      get().closeDetails();
      get().leavePayoutFlow();
      get().clearNotices();
      const openDraft = get().draft;
      if (get().openDraftId !== null && (openDraft === null || openDraft.profileId !== profileId)) {
        get().closeDraft();
      }
      get().reloadHistory();
      void syncService.status(profileId).then((result) => {
        if (result.ok) get().applySyncStatus(result.value);
      });
    },

    addProfile: async (input) => {
      const result = await profilesService.add(input);
      if (result.ok) {
        // Shown at once, then listed again: a profile of an account already here changes
        // what the others say of themselves too (sameAccountAs). Should that read fail, the
        // new profile is still in the list.
        set((state) => ({ profiles: [...state.profiles, result.value] }));
        await get().loadProfiles();
      }
      return result;
    },

    updateProfile: async (input) => {
      const result = await profilesService.update(input);
      if (!result.ok) return result;
      set((state) => ({
        profiles: state.profiles.map((profile) =>
          profile.id === result.value.id ? result.value : profile,
        ),
      }));
      if (input.key !== undefined || input.secret !== undefined) {
        // Main checked the new credentials with Calypso before saving them: a refusal shown
        // for the old ones is out of date, and the next sync uses the new ones at once.
        set((state) => ({
          connectionChecks: withoutEntry(state.connectionChecks, input.id),
          ...(state.payoutProfileId === input.id && state.payoutError?.code === 'AUTH_REJECTED'
            ? { payoutError: null }
            : {}),
          ...(state.draft?.profileId === input.id &&
          state.draftSubmitError?.code === 'AUTH_REJECTED'
            ? { draftSubmitError: null }
            : {}),
        }));
        void get().syncNow(input.id);
      }
      return result;
    },

    removeProfile: async (profileId) => {
      const result = await profilesService.remove(profileId);
      if (result.ok) await get().loadProfiles();
      return result;
    },

    checkConnection: async (profileId) => {
      set((state) => ({
        connectionChecks: { ...state.connectionChecks, [profileId]: { status: 'checking' } },
      }));
      const result = await profilesService.checkConnection(profileId);
      const outcome: ConnectionCheckState = result.ok
        ? { status: 'ok', result: result.value }
        : { status: 'failed', error: result.error };
      set((state) => ({ connectionChecks: { ...state.connectionChecks, [profileId]: outcome } }));
    },

    syncNow: async (profileId) => {
      const target = profileId ?? get().activeProfileId;
      if (target === null) return;
      const result = await syncService.syncNow(target);
      if (result.ok) get().applySyncStatus(result.value);
    },

    setBrowserOnline: (online) => {
      set({ browserOnline: online });
      if (online) void get().syncNow();
    },

    applySyncStatus: (status) => {
      set((state) => ({
        syncStatuses: { ...state.syncStatuses, [status.profileId]: status },
        // A new pass starts from nothing: the last pass's "40 of 40 pages" is not its progress.
        syncProgress:
          status.state === 'syncing' && status.profileId in state.syncProgress
            ? withoutKey(state.syncProgress, status.profileId)
            : state.syncProgress,
        profiles:
          status.lastSyncedAtMs === null
            ? state.profiles
            : state.profiles.map((profile) =>
                profile.id === status.profileId && profile.lastSyncedAtMs !== status.lastSyncedAtMs
                  ? { ...profile, lastSyncedAtMs: status.lastSyncedAtMs }
                  : profile,
              ),
      }));
    },

    applySyncProgress: (progress) => {
      set((state) => ({ syncProgress: { ...state.syncProgress, [progress.profileId]: progress } }));
    },
  };
};

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
}
