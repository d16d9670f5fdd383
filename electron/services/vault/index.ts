/** Public seam of the vault: credentials per profile and the audit key, in the OS keychain. */
export { AUDIT_KEY_ACCOUNT, createAuditKeyVault, type AuditKeyVault } from './audit-key';
export {
  createCredentialVault,
  maskKey,
  type Credentials,
  type CredentialVault,
} from './credential-vault';
export { createKeytarStore } from './keytar-store';
export {
  KeychainUnavailableError,
  toKeychainError,
  type KeychainOperation,
  type KeychainUnavailableReason,
} from './keychain-errors';
export { KEYCHAIN_SERVICE, type SecretStore } from './secret-store';
