/**
 * Merchant profiles: where each one's secret goes (the OS keychain, via the vault) and what
 * the rest of the app may see (the SQLite row and a masked key). Adding or re-keying a
 * profile first proves the credentials with a real call; nothing is saved when that fails.
 * The built-in simulator profile takes its credentials from the simulator running in main,
 * so the app works on a machine with no keychain and no Calypso account.
 */
import { randomUUID } from 'node:crypto';
import type { ProfileChange } from '../../../shared/audit-words';
import { PRODUCTION_BASE_URL } from '../../../shared/calypso/endpoints';
import type { DeskArgument, Profile } from '../../../shared/ipc';
import {
  BUILT_IN_SIMULATOR_TARGET,
  type AuditLog,
  type IntentTarget,
  type ProfilesRepo,
  type StoredProfile,
} from '../db';
import { DeskFailure } from '../ipc/desk-failure';
import { canonicalBaseUrl, profilesOfSameAccount } from './calypso-target';
import type { CredentialVault } from '../vault';
import { maskKey } from '../vault';
import {
  checkConnection,
  clientFor,
  type CheckedConnection,
  type Credentials,
} from './connection-check';
import type { CalypsoClient } from '../calypso';

export const SIMULATOR_PROFILE_ID = 'simulator';

export type BuiltInSimulator = { baseUrl: string; account: string; key: string; secret: string };

/** What still depends on a profile; it cannot be removed while either count is above 0. */
/** What still depends on a profile; any of it refuses the profile's removal. */
export type ProfileUse = {
  unresolvedIntents: number;
  submittingDrafts: number;
  /** Drafts being edited would go with the profile: Payout Desk never loses a draft. */
  editingDrafts: number;
};

export type ProfilesServiceDeps = {
  profiles: ProfilesRepo;
  vault: CredentialVault;
  audit: AuditLog;
  now: () => number;
  simulator?: BuiltInSimulator;
  /** Unresolved intents and drafts being submitted of a profile (removal refuses if any). */
  useOf?: (profileId: string) => ProfileUse;
};

const IMMUTABLE_TARGET =
  'is fixed once a profile exists: payments are bound to the account they were confirmed ' +
  'for. Another account (or server) is another profile: add one.';

export function createProfilesService(deps: ProfilesServiceDeps) {
  const { profiles, vault, audit, now } = deps;
  const clients = new Map<string, CalypsoClient>();
  /** Clients for intents' stored targets, by profile id, base URL and account. */
  const targetClients = new Map<string, CalypsoClient>();

  function forgetClients(profileId: string) {
    clients.delete(profileId);
    for (const key of targetClients.keys()) {
      if (key.startsWith(`${profileId}\n`)) targetClients.delete(key);
    }
  }

  /**
   * The built-in simulator profile exists at every start, pointing at this run's port. Its
   * intents store the symbolic target `builtin:simulator` (see clientForTarget), so the new
   * port does not move them.
   */
  function ensureSimulatorProfile() {
    const simulator = deps.simulator;
    if (!simulator) return;
    const existing = profiles.get(SIMULATOR_PROFILE_ID);
    const fields = {
      baseUrl: simulator.baseUrl,
      account: simulator.account,
      keyHint: maskKey(simulator.key),
    };
    if (existing) profiles.updateBuiltInSimulator(SIMULATOR_PROFILE_ID, fields);
    else {
      profiles.insert({
        id: SIMULATOR_PROFILE_ID,
        name: 'Simulator (not real money)',
        environment: 'simulator',
        createdAt: now(),
        ...fields,
      });
    }
  }

  function requireProfile(id: string): StoredProfile {
    const profile = profiles.get(id);
    if (!profile) throw new DeskFailure('NOT_FOUND', `There is no profile "${id}".`);
    return profile;
  }

  async function hasSecret(profile: StoredProfile): Promise<boolean> {
    if (profile.environment === 'simulator') return deps.simulator !== undefined;
    try {
      return await vault.hasCredentials(profile.id);
    } catch {
      // The list must still open when the keychain is locked; the profile shows "no secret".
      return false;
    }
  }

  /** As the UI sees it, with the other profiles of `all` on the same Calypso account. */
  async function toPublic(
    profile: StoredProfile,
    all: readonly StoredProfile[] = profiles.list(),
  ): Promise<Profile> {
    return {
      id: profile.id,
      name: profile.name,
      environment: profile.environment,
      baseUrl: profile.baseUrl,
      account: profile.account,
      keyHint: profile.keyHint ?? '',
      hasSecret: await hasSecret(profile),
      createdAtMs: profile.createdAt,
      lastSyncedAtMs: profile.lastSyncedAt,
      sameAccountAs: profilesOfSameAccount(profile, all)
        .filter((other) => other.id !== profile.id)
        .map((other) => other.id),
    };
  }

  function baseUrlFor(
    environment: StoredProfile['environment'],
    given: string | undefined,
  ): string {
    if (environment === 'production') return PRODUCTION_BASE_URL;
    // Stored in one spelling (calypso-target.ts), so one server is one target everywhere.
    if (environment === 'custom' && given) return canonicalBaseUrl(given);
    throw new DeskFailure(
      'VALIDATION',
      environment === 'simulator'
        ? 'The built-in simulator profile already exists; add a production or custom profile.'
        : 'baseUrl: a custom environment needs its base URL.',
    );
  }

  /** Credentials for signing: main-only, never returned through the contract. */
  async function credentialsOf(profile: StoredProfile): Promise<Credentials> {
    if (profile.environment === 'simulator') {
      if (!deps.simulator)
        throw new DeskFailure('NO_NETWORK', 'The built-in simulator is not running.');
      return deps.simulator;
    }
    const stored = await vault.readCredentials(profile.id);
    if (!stored) {
      throw new DeskFailure(
        'AUTH_REJECTED',
        `No API secret is stored for "${profile.name}": edit the profile and enter it again.`,
      );
    }
    return {
      baseUrl: profile.baseUrl,
      account: profile.account,
      key: stored.key,
      secret: stored.secret,
    };
  }

  async function clientOf(profileId: string): Promise<CalypsoClient> {
    const cached = clients.get(profileId);
    if (cached) return cached;
    const client = clientFor(await credentialsOf(requireProfile(profileId)));
    clients.set(profileId, client);
    return client;
  }

  /**
   * A client for an intent's stored target, signed with the profile's CURRENT key and secret
   * (rotation stays allowed), never with the profile's base URL or account as they are now.
   */
  async function clientForTarget(profileId: string, target: IntentTarget): Promise<CalypsoClient> {
    const cacheKey = `${profileId}\n${target.baseUrl}\n${target.account}`;
    const cached = targetClients.get(cacheKey);
    if (cached) return cached;
    const profile = requireProfile(profileId);
    const credentials = await credentialsOf(profile);
    let baseUrl = target.baseUrl;
    if (target.baseUrl === BUILT_IN_SIMULATOR_TARGET) {
      if (profile.environment !== 'simulator' || !deps.simulator) {
        throw new DeskFailure('NO_NETWORK', 'The built-in simulator is not running.');
      }
      if (deps.simulator.account !== target.account) {
        // simulator.sqlite was replaced: this run's simulator is another merchant.
        throw new DeskFailure(
          'VALIDATION',
          `This payment was confirmed for simulator account ${target.account}, but the ` +
            `built-in simulator now runs account ${deps.simulator.account}: it is not sent.`,
        );
      }
      baseUrl = deps.simulator.baseUrl;
    }
    const client = clientFor({ ...credentials, baseUrl, account: target.account });
    targetClients.set(cacheKey, client);
    return client;
  }

  ensureSimulatorProfile();

  return {
    clientOf,
    clientForTarget,
    requireProfile,

    async list(): Promise<Profile[]> {
      const all = profiles.list();
      return Promise.all(all.map((profile) => toPublic(profile, all)));
    },

    async add(input: DeskArgument<'addProfile'>): Promise<Profile> {
      const credentials: Credentials = {
        baseUrl: baseUrlFor(input.environment, input.baseUrl),
        account: input.account,
        key: input.key,
        secret: input.secret,
      };
      await checkConnection(clientFor(credentials));
      const id = randomUUID();
      // Keychain first: if it is unavailable, no half-made profile is left in the database.
      await vault.saveCredentials(id, { key: input.key, secret: input.secret });
      const profile = profiles.insert({
        id,
        name: input.name,
        environment: input.environment,
        baseUrl: credentials.baseUrl,
        account: input.account,
        keyHint: maskKey(input.key),
        createdAt: now(),
      });
      audit.append({
        atMs: now(),
        profileId: id,
        action: 'profile.added',
        detail: { name: input.name, environment: input.environment },
      });
      return toPublic(profile);
    },

    async update(input: DeskArgument<'updateProfile'>): Promise<Profile> {
      const current = requireProfile(input.id);
      // The same value again (a form that sends every field) is not a change.
      if (
        input.baseUrl !== undefined &&
        (current.environment === 'simulator' ||
          canonicalBaseUrl(input.baseUrl) !== canonicalBaseUrl(current.baseUrl))
      ) {
        throw new DeskFailure('VALIDATION', `baseUrl: the base URL ${IMMUTABLE_TARGET}`);
      }
      if (input.account !== undefined && input.account !== current.account) {
        throw new DeskFailure('VALIDATION', `account: the Calypso account ${IMMUTABLE_TARGET}`);
      }
      if (current.environment === 'simulator' && (input.key ?? input.secret) !== undefined) {
        throw new DeskFailure('VALIDATION', 'The simulator profile only lets you change its name.');
      }
      const touchesCredentials = [input.key, input.secret].some((value) => value !== undefined);
      let nextKey: string | undefined;
      // What the audit entry says changed: the name with its old and new value, the key and
      // the secret only as "replaced" (their values never reach SQLite, docs/security.md).
      const changes: ProfileChange[] = [];
      if (input.name !== undefined && input.name !== current.name) {
        changes.push({ field: 'name', from: current.name, to: input.name });
      }
      if (touchesCredentials) {
        const stored = await credentialsOf(current);
        if (input.key !== undefined && input.key !== stored.key) changes.push({ field: 'key' });
        if (input.secret !== undefined && input.secret !== stored.secret) {
          changes.push({ field: 'secret' });
        }
        const next: Credentials = {
          baseUrl: current.baseUrl,
          account: current.account,
          key: input.key ?? stored.key,
          secret: input.secret ?? stored.secret,
        };
        await checkConnection(clientFor(next));
        await vault.saveCredentials(current.id, { key: next.key, secret: next.secret });
        nextKey = next.key;
        forgetClients(current.id);
      }
      const updated = profiles.update(current.id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(nextKey !== undefined ? { keyHint: maskKey(nextKey) } : {}),
      });
      if (!updated) throw new DeskFailure('NOT_FOUND', `There is no profile "${input.id}".`);
      audit.append({
        atMs: now(),
        profileId: current.id,
        action: 'profile.updated',
        detail: {
          credentialsChanged: changes.some((change) => change.field !== 'name'),
          changes,
        },
      });
      return toPublic(updated);
    },

    async remove(profileId: string): Promise<void> {
      const profile = requireProfile(profileId);
      if (profile.environment === 'simulator') {
        throw new DeskFailure('VALIDATION', 'The built-in simulator profile cannot be removed.');
      }
      const use = deps.useOf?.(profileId) ?? {
        unresolvedIntents: 0,
        submittingDrafts: 0,
        editingDrafts: 0,
      };
      if (use.unresolvedIntents > 0 || use.submittingDrafts > 0 || use.editingDrafts > 0) {
        const what = [
          use.unresolvedIntents > 0
            ? `${use.unresolvedIntents} ${use.unresolvedIntents === 1 ? 'payment' : 'payments'} not sent or not yet confirmed by Calypso`
            : '',
          use.submittingDrafts > 0
            ? `${use.submittingDrafts} ${use.submittingDrafts === 1 ? 'draft' : 'drafts'} being submitted`
            : '',
          use.editingDrafts > 0
            ? `${use.editingDrafts} ${use.editingDrafts === 1 ? 'draft' : 'drafts'} not yet submitted (discard ${use.editingDrafts === 1 ? 'it' : 'them'} first if ${use.editingDrafts === 1 ? 'it is' : 'they are'} not needed)`
            : '',
        ]
          .filter((part) => part !== '')
          .join(' and ');
        throw new DeskFailure(
          'VALIDATION',
          `"${profile.name}" cannot be removed: it has ${what}.` +
            (use.unresolvedIntents > 0 || use.submittingDrafts > 0
              ? ' Wait until Calypso has answered them (or cancel what was not sent), then ' +
                'remove the profile.'
              : ''),
          use,
        );
      }
      // The row first: the schema refuses it while an intent is unresolved (another process
      // may have confirmed one since the check above), and then the secret stays.
      try {
        profiles.delete(profileId);
      } catch (error) {
        if (error instanceof Error && /outcome is not settled/.test(error.message)) {
          throw new DeskFailure(
            'VALIDATION',
            `"${profile.name}" cannot be removed: a payment of it was just confirmed and ` +
              'Calypso has not answered it yet.',
          );
        }
        throw error;
      }
      forgetClients(profileId);
      await vault.deleteCredentials(profileId);
      audit.append({
        atMs: now(),
        profileId: null,
        action: 'profile.removed',
        detail: { profileId, name: profile.name },
      });
    },

    async check(profileId: string): Promise<CheckedConnection> {
      return checkConnection(await clientOf(profileId));
    },
  };
}

export type ProfilesService = ReturnType<typeof createProfilesService>;
