/**
 * The per-installation key that seals the audit log (docs/audit-chain.md): 32 random bytes in
 * the OS keychain under the same service as the API credentials, in an account of its own.
 * Someone who can edit the SQLite file but not read the keychain cannot forge a seal. The key
 * never leaves main: not to SQLite (only a key id), the renderer, logs or exports.
 */
import { randomBytes } from 'node:crypto';
import type { SecretStore } from './secret-store';

/** Profile ids are UUIDs or "simulator", so this account can never be a profile's. */
export const AUDIT_KEY_ACCOUNT = 'audit-chain-key';

const KEY_BYTES = 32;

type StoredKey = { v: 1; key: string };

export type AuditKeyVault = {
  /** The key, or null when none was ever created. Throws KeychainUnavailableError. */
  read: () => Promise<Buffer | null>;
  /** The key, created on the first call on this installation. Throws KeychainUnavailableError. */
  readOrCreate: () => Promise<{ key: Buffer; created: boolean }>;
};

function parseKey(text: string): Buffer | null {
  try {
    const value = JSON.parse(text) as Partial<StoredKey>;
    if (value.v !== 1 || typeof value.key !== 'string') return null;
    const key = Buffer.from(value.key, 'base64');
    return key.length === KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}

/**
 * null only when there is no entry. An entry we cannot read is never replaced: a new key
 * would make every seal written so far unverifiable.
 */
function parse(text: string | null): Buffer | null {
  if (text === null) return null;
  const key = parseKey(text);
  if (key === null) {
    throw new Error(
      `the keychain entry "${AUDIT_KEY_ACCOUNT}" is not an audit key Payout Desk wrote; it was left unchanged`,
    );
  }
  return key;
}

export function createAuditKeyVault(store: SecretStore): AuditKeyVault {
  const read = async () => parse(await store.get(AUDIT_KEY_ACCOUNT));
  return {
    read,
    readOrCreate: async () => {
      const existing = await read();
      if (existing) return { key: existing, created: false };
      const entry: StoredKey = { v: 1, key: randomBytes(KEY_BYTES).toString('base64') };
      await store.set(AUDIT_KEY_ACCOUNT, JSON.stringify(entry));
      // Read back: if another process created one at the same moment, both use the stored one.
      const stored = await read();
      if (!stored) throw new Error('the audit key could not be read back from the keychain');
      return { key: stored, created: true };
    },
  };
}
