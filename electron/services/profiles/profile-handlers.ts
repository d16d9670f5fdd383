/**
 * The profile methods of the handler table. A profile added or re-keyed is synced at once
 * (the person waits to see its history); a removed one leaves the sync schedule.
 */
import type { HandlerPart } from '../ipc/handler-table';
import type { SyncScheduler } from '../sync';
import type { ProfilesService } from './profiles-service';

export type ProfileMethod =
  'listProfiles' | 'addProfile' | 'updateProfile' | 'removeProfile' | 'checkConnection';

export type ProfileHandlerDeps = {
  profiles: ProfilesService;
  scheduler: Pick<SyncScheduler, 'syncNow' | 'forget'>;
};

export function createProfileHandlers({
  profiles,
  scheduler,
}: ProfileHandlerDeps): HandlerPart<ProfileMethod> {
  return {
    listProfiles: () => profiles.list(),
    addProfile: async (input) => {
      const profile = await profiles.add(input);
      void scheduler.syncNow(profile.id);
      return profile;
    },
    updateProfile: async (input) => {
      const profile = await profiles.update(input);
      void scheduler.syncNow(profile.id);
      return profile;
    },
    removeProfile: async ({ profileId }) => {
      await profiles.remove(profileId);
      scheduler.forget(profileId);
      return { removed: true };
    },
    checkConnection: async ({ profileId }) => ({
      profileId,
      ...(await profiles.check(profileId)),
    }),
  };
}
