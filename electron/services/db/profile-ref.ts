/**
 * Profiles are known by their id; the big tables carry the profile's small integer `ref`
 * instead (see 001-initial). This resolves one to the other.
 */
import type { CacheDatabase } from './database';

export class UnknownProfileError extends Error {
  override readonly name = 'UnknownProfileError';
  readonly code = 'UNKNOWN_PROFILE';
  constructor(readonly profileId: string) {
    super(`no profile "${profileId}" in the local cache`);
  }
}

export type ProfileRefs = {
  /** undefined when the profile does not exist (a read then finds nothing). */
  find: (profileId: string) => number | undefined;
  /** Throws UnknownProfileError: writing rows for a missing profile is a bug upstream. */
  require: (profileId: string) => number;
};

export function createProfileRefs(db: CacheDatabase): ProfileRefs {
  const select = db.sqlite
    .prepare<[string], number>('SELECT ref FROM profiles WHERE id = ?')
    .pluck();
  return {
    find: (profileId) => select.get(profileId),
    require: (profileId) => {
      const ref = select.get(profileId);
      if (ref === undefined) throw new UnknownProfileError(profileId);
      return ref;
    },
  };
}
