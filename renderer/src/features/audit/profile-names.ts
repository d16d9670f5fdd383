/**
 * Audit entries name profiles by id; people know them by name. A profile that no longer
 * exists keeps its id, marked "(removed)": its name is in its `profile.removed` entry.
 */
import type { Profile } from '../../../../shared/ipc';

export function profileNamer(profiles: readonly Profile[]): (profileId: string) => string {
  const names = new Map(profiles.map((profile) => [profile.id, profile.name]));
  return (profileId) => names.get(profileId) ?? `${profileId} (removed)`;
}
