/** Public seam of the local cache: what sync, payouts, desk.ts and tests import. */
export { openDatabase, type CacheDatabase, type OpenDatabaseOptions } from './database';
export { DatabaseTooNewError, applyMigrations, readSchemaVersion } from './migrate';
export { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';
export { amountSortKey } from './amount-sort';
export {
  createProfilesRepo,
  type NewProfile,
  type ProfilePatch,
  type ProfilesRepo,
  type StoredProfile,
} from './profiles-repo';
export {
  createPayoutsRepo,
  type ChangedField,
  type ItemChange,
  type PayoutsRepo,
  type UpsertResult,
} from './payouts-repo';
export {
  buildHistorySql,
  queryHistory,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type QueryHistoryOptions,
} from './history-query';
export { queryPaidByMonth } from './paid-by-month';
export { queryHistoryTotals } from './history-query';
export {
  createSearchIndexer,
  DEFAULT_BACKLOG_CHUNK,
  type BacklogProgress,
  type SearchIndexer,
} from './search-index';
export {
  createSyncStateRepo,
  type SyncKind,
  type SyncState,
  type SyncStateRepo,
} from './sync-state-repo';
export {
  createAuditLog,
  type AuditEntryCheck,
  type AuditListOptions,
  type AuditLog,
  type AuditLogOptions,
  type NewAuditEntry,
} from './audit-log';
export { type AuditedIntent } from './audit-outbox-check';
export { BACKUPS_KEPT, createBackups, listBackups, type BackupInfo, type Backups } from './backups';
export {
  damageOf,
  openDatabaseWithRecovery,
  type DatabaseRestore,
  type RecoveredDatabase,
} from './recovery';
export {
  BUILT_IN_SIMULATOR_TARGET,
  createOutboxRepo,
  DEFAULT_INTENT_EXPIRY_MS,
  IntentConflictError,
  IntentProfileMissingError,
  PAYLOAD_CHANGED,
  UNRESOLVED_STATES,
  type IntentTarget,
  type NewOutboxEntry,
  type OutboxEntry,
  type OutboxRepo,
  type OutboxRepoOptions,
  type OutboxState,
} from './outbox-repo';
export { createWithdrawalsQuery } from './withdrawals-query';
export {
  createDraftsRepo,
  type DraftsRepo,
  type NewDraft,
  type NewDraftRow,
  type StoredBatch,
} from './drafts-repo';
export { createRecentPayments, type RecentPayment } from './recent-payments';
export { createPaidOrBeingPaid, type PaidOrBeingPaid } from './paid-or-being-paid';
export { createRecentFeePercentage } from './recent-fee-percentage';
export { createDraftImportStaging, type DraftImportStaging } from './draft-import-staging';
