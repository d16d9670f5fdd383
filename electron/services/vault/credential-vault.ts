/**
 * API credentials per profile, in the OS keychain (account = profile id). Guards the rule
 * of DESIGN.md "Secrets": only `readCredentials` ever returns the secret, and it is for
 * main's signing code alone; everything else answers yes/no or a masked Key. Key and secret
 * are stored together as one entry, so they can never get out of step.
 */
import type { SecretStore } from './secret-store';

export type Credentials = { key: string; secret: string };

export type CredentialVault = {
  /** Replaces any entry of this profile. Throws KeychainUnavailableError. */
  saveCredentials: (profileId: string, credentials: Credentials) => Promise<void>;
  /** Main-only, for signing. null when nothing usable is stored for the profile. */
  readCredentials: (profileId: string) => Promise<Credentials | null>;
  hasCredentials: (profileId: string) => Promise<boolean>;
  /** true when an entry was removed. */
  deleteCredentials: (profileId: string) => Promise<boolean>;
};

type StoredEntry = { v: 1; key: string; secret: string };

function requireText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`${what} must be a non-empty string`);
  }
  return value;
}

/** Parses our own entry; anything else (edited by hand, another app) counts as absent. */
function parseEntry(text: string | null): Credentials | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { key, secret } = value as Partial<Record<'key' | 'secret', unknown>>;
    if (typeof key !== 'string' || key === '' || typeof secret !== 'string' || secret === '') {
      return null;
    }
    return { key, secret };
  } catch {
    return null;
  }
}

export function createCredentialVault(store: SecretStore): CredentialVault {
  return {
    saveCredentials: async (profileId, credentials) => {
      const account = requireText(profileId, 'profileId');
      const entry: StoredEntry = {
        v: 1,
        key: requireText(credentials.key, 'key'),
        secret: requireText(credentials.secret, 'secret'),
      };
      await store.set(account, JSON.stringify(entry));
    },
    readCredentials: async (profileId) =>
      parseEntry(await store.get(requireText(profileId, 'profileId'))),
    hasCredentials: async (profileId) =>
      parseEntry(await store.get(requireText(profileId, 'profileId'))) !== null,
    deleteCredentials: async (profileId) => store.delete(requireText(profileId, 'profileId')),
  };
}

/**
 * The Key as the UI shows it: first and last four characters ("c529…2430"). Shorter keys
 * show only their last two, so a mask never gives away most of a key. At most 9 characters
 * (it is stored as the profile's key_hint).
 */
export function maskKey(key: string): string {
  const chars = Array.from(key.trim());
  if (chars.length >= 12) return `${chars.slice(0, 4).join('')}…${chars.slice(-4).join('')}`;
  if (chars.length >= 6) return `…${chars.slice(-2).join('')}`;
  return '…';
}
