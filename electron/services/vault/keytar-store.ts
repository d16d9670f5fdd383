/**
 * The OS keychain through keytar: macOS Keychain, Windows Credential Manager, or a Secret
 * Service (GNOME Keyring, KWallet) over D-Bus on Linux. Guards two things: every failure
 * becomes KeychainUnavailableError (never a plain-text fallback), and the native module is
 * loaded on first use, so a machine without libsecret still starts and shows that error.
 */
import type * as KeytarModule from 'keytar';
import { toKeychainError } from './keychain-errors';
import { KEYCHAIN_SERVICE, type SecretStore } from './secret-store';

type Keytar = Pick<typeof KeytarModule, 'getPassword' | 'setPassword' | 'deletePassword'>;

let loading: Promise<Keytar> | undefined;

async function importKeytar(): Promise<Keytar> {
  // keytar is CommonJS: depending on the loader its functions sit on the namespace or on
  // its default export.
  const loaded: Keytar & { default?: Keytar } = await import('keytar');
  return loaded.default ?? loaded;
}

function keytar(): Promise<Keytar> {
  loading ??= importKeytar().catch((error: unknown) => {
    loading = undefined;
    throw toKeychainError(error, 'load');
  });
  return loading;
}

export function createKeytarStore(service: string = KEYCHAIN_SERVICE): SecretStore {
  return {
    get: async (account) => {
      const binding = await keytar();
      try {
        return await binding.getPassword(service, account);
      } catch (error) {
        throw toKeychainError(error, 'read');
      }
    },
    set: async (account, value) => {
      const binding = await keytar();
      try {
        await binding.setPassword(service, account, value);
      } catch (error) {
        throw toKeychainError(error, 'write', [value]);
      }
    },
    delete: async (account) => {
      const binding = await keytar();
      try {
        return await binding.deletePassword(service, account);
      } catch (error) {
        throw toKeychainError(error, 'delete');
      }
    },
  };
}
