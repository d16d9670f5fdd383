/** Public seam of the vault: credentials per profile, the audit key and approver keys, in the OS keychain. */
export {
  APPROVER_KEY_ACCOUNT_PREFIX,
  createApproverKeyVault,
  type ApproverKeyVault,
} from './approver-key';
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
