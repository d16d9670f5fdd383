/**
 * Merchant profiles: where each one's secret goes (the OS keychain, via the vault) and what
 * the rest of the app may see (the SQLite row and a masked key). Adding or re-keying a
 * profile first proves the credentials with a real call; nothing is saved when that fails.
 * The built-in simulator profile takes its credentials from the simulator running in main,
 * so the app works on a machine with no keychain and no Calypso account.
 */
import { randomUUID } from 'node:crypto';
import { PRODUCTION_BASE_URL } from '../../../shared/calypso/endpoints';
import type { DeskArgument, Profile as PublicProfile } from '../../../shared/ipc';
import type { AuditLog, Profile, ProfilesRepo } from '../db';
import { DeskFailure } from '../ipc/desk-failure';
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

export type ProfilesServiceDeps = {
  profiles: ProfilesRepo;
  vault: CredentialVault;
  audit: AuditLog;
  now: () => number;
  simulator?: BuiltInSimulator;
};

export function createProfilesService(deps: ProfilesServiceDeps) {
  const { profiles, vault, audit, now } = deps;
  const clients = new Map<string, CalypsoClient>();

  /** The built-in simulator profile exists at every start, pointing at this run's port. */
  function ensureSimulatorProfile() {
    const simulator = deps.simulator;
    if (!simulator) return;
    const existing = profiles.get(SIMULATOR_PROFILE_ID);
    const fields = {
      baseUrl: simulator.baseUrl,
      account: simulator.account,
      keyHint: maskKey(simulator.key),
    };
    if (existing) profiles.update(SIMULATOR_PROFILE_ID, fields);
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

  function requireProfile(id: string): Profile {
    const profile = profiles.get(id);
    if (!profile) throw new DeskFailure('NOT_FOUND', `There is no profile "${id}".`);
    return profile;
  }

  async function hasSecret(profile: Profile): Promise<boolean> {
    if (profile.environment === 'simulator') return deps.simulator !== undefined;
    try {
      return await vault.hasCredentials(profile.id);
    } catch {
      // The list must still open when the keychain is locked; the profile shows "no secret".
      return false;
    }
  }

  async function toPublic(profile: Profile): Promise<PublicProfile> {
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
    };
  }

  function baseUrlFor(environment: Profile['environment'], given: string | undefined): string {
    if (environment === 'production') return PRODUCTION_BASE_URL;
    if (environment === 'custom' && given) return given.replace(/\/+$/, '');
    throw new DeskFailure(
      'VALIDATION',
      environment === 'simulator'
        ? 'The built-in simulator profile already exists; add a production or custom profile.'
        : 'baseUrl: a custom environment needs its base URL.',
    );
  }

  /** Credentials for signing: main-only, never returned through the contract. */
  async function credentialsOf(profile: Profile): Promise<Credentials> {
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

  ensureSimulatorProfile();

  return {
    clientOf,
    requireProfile,

    async list(): Promise<PublicProfile[]> {
      return Promise.all(profiles.list().map(toPublic));
    },

    async add(input: DeskArgument<'addProfile'>): Promise<PublicProfile> {
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

    async update(input: DeskArgument<'updateProfile'>): Promise<PublicProfile> {
      const current = requireProfile(input.id);
      if (
        current.environment === 'simulator' &&
        (input.key ?? input.secret ?? input.account ?? input.baseUrl) !== undefined
      ) {
        throw new DeskFailure('VALIDATION', 'The simulator profile only lets you change its name.');
      }
      const touchesCredentials = [input.key, input.secret, input.account, input.baseUrl].some(
        (value) => value !== undefined,
      );
      let nextKey: string | undefined;
      if (touchesCredentials) {
        const stored = await credentialsOf(current);
        if (input.baseUrl !== undefined && current.environment !== 'custom') {
          throw new DeskFailure(
            'VALIDATION',
            'baseUrl: only a custom environment has its own base URL.',
          );
        }
        const next: Credentials = {
          baseUrl: input.baseUrl?.replace(/\/+$/, '') ?? current.baseUrl,
          account: input.account ?? current.account,
          key: input.key ?? stored.key,
          secret: input.secret ?? stored.secret,
        };
        await checkConnection(clientFor(next));
        await vault.saveCredentials(current.id, { key: next.key, secret: next.secret });
        nextKey = next.key;
        clients.delete(current.id);
      }
      const updated = profiles.update(current.id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl.replace(/\/+$/, '') } : {}),
        ...(input.account !== undefined ? { account: input.account } : {}),
        ...(nextKey !== undefined ? { keyHint: maskKey(nextKey) } : {}),
      });
      if (!updated) throw new DeskFailure('NOT_FOUND', `There is no profile "${input.id}".`);
      audit.append({
        atMs: now(),
        profileId: current.id,
        action: 'profile.updated',
        detail: { credentialsChanged: touchesCredentials },
      });
      return toPublic(updated);
    },

    async remove(profileId: string): Promise<void> {
      const profile = requireProfile(profileId);
      if (profile.environment === 'simulator') {
        throw new DeskFailure('VALIDATION', 'The built-in simulator profile cannot be removed.');
      }
      await vault.deleteCredentials(profileId);
      profiles.delete(profileId);
      clients.delete(profileId);
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
