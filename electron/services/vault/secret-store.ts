/**
 * Where secrets live: one string per account under one service name. The vault depends on
 * this shape only, so the keychain binding (keytar today, perhaps @napi-rs/keyring later,
 * see SETUP.md) can change without touching it.
 */
export type SecretStore = {
  get: (account: string) => Promise<string | null>;
  set: (account: string, value: string) => Promise<void>;
  /** true when an entry was deleted, false when there was none. */
  delete: (account: string) => Promise<boolean>;
};

/** The service name under which every profile's entry is stored (DESIGN.md "Secrets"). */
export const KEYCHAIN_SERVICE = 'payout-desk';
