/**
 * Approver keys (docs/approvals.md): an Ed25519 key pair per person, its secret half in the
 * OS keychain under the same service as the API credentials, one account per key
 * ("approver-key:" + its public key). The secret key never leaves this module: callers get
 * the public key and signatures, never the secret (not to SQLite, the renderer, logs,
 * exports or error messages).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/curves/utils.js';
import type { SecretStore } from './secret-store';

/** Profile ids are UUIDs or "simulator", so these accounts can never be a profile's. */
export const APPROVER_KEY_ACCOUNT_PREFIX = 'approver-key:';

type StoredKey = { v: 1; secretKey: string };

export type ApproverKeyVault = {
  /** A new key pair; returns its public key (hex). Throws KeychainUnavailableError. */
  create: () => Promise<string>;
  /** Whether the keychain holds the secret half of this public key. */
  has: (publicKey: string) => Promise<boolean>;
  /** The signature (hex) of `message` by this key; null when the keychain does not hold it. */
  sign: (publicKey: string, message: Uint8Array) => Promise<string | null>;
};

function parse(text: string | null, publicKey: string): Uint8Array | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<StoredKey>;
    if (value.v !== 1 || typeof value.secretKey !== 'string') return null;
    const secretKey = hexToBytes(value.secretKey);
    // An entry that does not belong to the public key it is filed under is not used.
    if (bytesToHex(ed25519.getPublicKey(secretKey)) !== publicKey) return null;
    return secretKey;
  } catch {
    return null;
  }
}

export function createApproverKeyVault(store: SecretStore): ApproverKeyVault {
  const account = (publicKey: string) => `${APPROVER_KEY_ACCOUNT_PREFIX}${publicKey}`;
  const read = async (publicKey: string) => parse(await store.get(account(publicKey)), publicKey);
  return {
    create: async () => {
      const secretKey = ed25519.utils.randomSecretKey();
      const publicKey = bytesToHex(ed25519.getPublicKey(secretKey));
      const entry: StoredKey = { v: 1, secretKey: bytesToHex(secretKey) };
      await store.set(account(publicKey), JSON.stringify(entry));
      if ((await read(publicKey)) === null) {
        throw new Error('the approver key could not be read back from the keychain');
      }
      return publicKey;
    },
    has: async (publicKey) => (await read(publicKey)) !== null,
    sign: async (publicKey, message) => {
      const secretKey = await read(publicKey);
      return secretKey === null ? null : bytesToHex(ed25519.sign(message, secretKey));
    },
  };
}
