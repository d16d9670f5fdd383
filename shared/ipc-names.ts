/**
 * The names of the DeskApi methods and of the events main pushes, without their schemas: all
 * that the preload and the page-side bridge need. Kept free of zod, so neither bundle carries
 * the validator; shared/ipc.ts checks at compile time that these lists match the contract.
 */
export const DESK_METHOD_NAMES = [
  'listProfiles',
  'addProfile',
  'updateProfile',
  'removeProfile',
  'checkConnection',
  'queryHistory',
  'getPayoutDetails',
  'syncNow',
  'getSyncStatus',
  'listWithdrawals',
  'previewPayout',
  'createPayout',
  'estimateDebit',
  'cancelIntent',
  'cancelPayout',
  'exportHistory',
  'createDraft',
  'listDrafts',
  'getDraft',
  'getDraftRows',
  'updateDraftRow',
  'addDraftRow',
  'deleteDraftRows',
  'discardDraft',
  'reviewDraft',
  'submitDraft',
  'getDraftBatches',
  'retryFailedRows',
  'exportReconciliation',
  'recallMapping',
  'listAudit',
  'verifyAudit',
  'exportAudit',
  'getStartupNotices',
  'listAddressBook',
  'updateAddressBookEntry',
  'exportAddressBook',
  'importAddressBook',
] as const;

export const DESK_EVENT_NAMES = [
  'syncProgress',
  'syncStatus',
  'payoutsChanged',
  'draftProgress',
] as const;
