/**
 * Merchant profiles. Holds no secret: the API secret is in the OS keychain (vault/), and
 * `keyHint` is a masked fragment of the public Key, never the Key itself.
 */
import { PROFILE_ENVIRONMENTS, type ProfileEnvironment } from '../../../shared/ipc';
import type { CacheDatabase } from './database';
import type { ProfileRecord } from './rows';

/**
 * A profile as the cache holds it. The UI gets `Profile` (shared/ipc.ts) instead, made by
 * profiles-service.ts: a key hint that is never null and whether the keychain has a secret.
 */
export type StoredProfile = {
  id: string;
  name: string;
  environment: ProfileEnvironment;
  baseUrl: string;
  account: string;
  /** e.g. "c529…2430" (vault's maskKey); at most 12 characters. */
  keyHint: string | null;
  createdAt: number;
  lastSyncedAt: number | null;
};

export type NewProfile = Omit<StoredProfile, 'lastSyncedAt'>;
/**
 * What may change on a profile. Environment, base URL and account never do: intents are
 * bound to them (docs/intents.md), and another account is another profile.
 */
export type ProfilePatch = Partial<Pick<StoredProfile, 'name' | 'keyHint'>>;
/** The built-in simulator's address and account come from the simulator of this run. */
export type BuiltInSimulatorPatch = Pick<StoredProfile, 'baseUrl' | 'account' | 'keyHint'>;

export type ProfilesRepo = {
  insert: (profile: NewProfile) => StoredProfile;
  /** Returns the updated profile, or undefined when there is no such profile. */
  update: (id: string, patch: ProfilePatch) => StoredProfile | undefined;
  /** Points the built-in simulator profile at this run's simulator (environment simulator only). */
  updateBuiltInSimulator: (id: string, patch: BuiltInSimulatorPatch) => StoredProfile | undefined;
  markSynced: (id: string, atMs: number) => void;
  get: (id: string) => StoredProfile | undefined;
  list: () => StoredProfile[];
  /**
   * Deletes the profile with all its cached payouts, withdrawals and sync state. Its outbox
   * rows stay (their profile id becomes NULL); the schema refuses the deletion while one of
   * them is unresolved.
   */
  delete: (id: string) => boolean;
};

export const MAX_KEY_HINT_LENGTH = 12;

function checkKeyHint(keyHint: string | null): void {
  if (keyHint !== null && keyHint.length > MAX_KEY_HINT_LENGTH) {
    throw new RangeError(
      `keyHint must be a masked fragment of at most ${MAX_KEY_HINT_LENGTH} characters, not a whole key`,
    );
  }
}

function toEnvironment(value: string): ProfileEnvironment {
  const found = PROFILE_ENVIRONMENTS.find((environment) => environment === value);
  if (found === undefined) throw new RangeError(`unknown profile environment "${value}"`);
  return found;
}

function toProfile(row: ProfileRecord): StoredProfile {
  return {
    id: row.id,
    name: row.name,
    environment: toEnvironment(row.environment),
    baseUrl: row.base_url,
    account: row.account,
    keyHint: row.key_hint,
    createdAt: row.created_at,
    lastSyncedAt: row.last_synced_at,
  };
}

export function createProfilesRepo(db: CacheDatabase): ProfilesRepo {
  const { sqlite } = db;
  const insert = sqlite.prepare<[string, string, string, string, string, string | null, number]>(
    `INSERT INTO profiles (id, name, environment, base_url, account, key_hint, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = sqlite.prepare<[string, string | null, string]>(
    'UPDATE profiles SET name = ?, key_hint = ? WHERE id = ?',
  );
  const updateSimulator = sqlite.prepare<[string, string, string | null, string]>(
    `UPDATE profiles SET base_url = ?, account = ?, key_hint = ?
     WHERE id = ? AND environment = 'simulator'`,
  );
  const markSynced = sqlite.prepare<[number, string]>(
    'UPDATE profiles SET last_synced_at = max(coalesce(last_synced_at, 0), ?) WHERE id = ?',
  );
  const select = sqlite.prepare<[string], ProfileRecord>('SELECT * FROM profiles WHERE id = ?');
  const selectAll = sqlite.prepare<[], ProfileRecord>(
    'SELECT * FROM profiles ORDER BY name COLLATE NOCASE, id',
  );
  const remove = sqlite.prepare<[string]>('DELETE FROM profiles WHERE id = ?');

  const get = (id: string): StoredProfile | undefined => {
    const row = select.get(id);
    return row === undefined ? undefined : toProfile(row);
  };

  return {
    insert: (profile) => {
      checkKeyHint(profile.keyHint);
      toEnvironment(profile.environment);
      insert.run(
        profile.id,
        profile.name,
        profile.environment,
        profile.baseUrl,
        profile.account,
        profile.keyHint,
        profile.createdAt,
      );
      return { ...profile, lastSyncedAt: null };
    },
    update: sqlite.transaction((id: string, patch: ProfilePatch) => {
      const current = get(id);
      if (current === undefined) return undefined;
      const next: StoredProfile = {
        ...current,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.keyHint !== undefined ? { keyHint: patch.keyHint } : {}),
      };
      checkKeyHint(next.keyHint);
      update.run(next.name, next.keyHint, id);
      return next;
    }),
    updateBuiltInSimulator: sqlite.transaction((id: string, patch: BuiltInSimulatorPatch) => {
      checkKeyHint(patch.keyHint);
      if (updateSimulator.run(patch.baseUrl, patch.account, patch.keyHint, id).changes === 0) {
        return undefined;
      }
      return get(id);
    }),
    markSynced: (id, atMs) => {
      markSynced.run(atMs, id);
    },
    get,
    list: () => selectAll.all().map(toProfile),
    // Foreign keys cascade to payouts, withdrawals and sync_state; a trigger drops the
    // payouts from the search index. One transaction, so a crash leaves all or nothing.
    delete: sqlite.transaction((id: string) => remove.run(id).changes > 0),
  };
}
