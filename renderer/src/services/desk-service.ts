/**
 * The service layer between the store and main. Slices call these functions; nothing else in
 * the renderer touches the bridge, so the whole UI talks to main through this one file and
 * every answer stays a `DeskResult` value (errors are never thrown across the boundary).
 */
import { DESK_EVENT_NAMES as DESK_EVENTS } from '../../../shared/ipc-names';
import type {
  DeskArgument,
  DeskBridge,
  DeskEventName,
  DeskEvents,
  DeskResult,
  DeskResults,
} from '../../../shared/ipc';
import { desk, readPayoutFileOf } from '../lib/desk-bridge';
import { createDraftOfRows, type DraftRows, type DraftSource } from './paged-draft';

type Call<M extends keyof DeskResults> = Promise<DeskResult<DeskResults[M]>>;

export const profilesService = {
  list: (): Call<'listProfiles'> => desk().listProfiles(),
  add: (input: DeskArgument<'addProfile'>): Call<'addProfile'> => desk().addProfile(input),
  update: (input: DeskArgument<'updateProfile'>): Call<'updateProfile'> =>
    desk().updateProfile(input),
  remove: (profileId: string): Call<'removeProfile'> => desk().removeProfile({ profileId }),
  checkConnection: (profileId: string): Call<'checkConnection'> =>
    desk().checkConnection({ profileId }),
};

export const syncService = {
  syncNow: (profileId: string): Call<'syncNow'> => desk().syncNow({ profileId }),
  status: (profileId: string): Call<'getSyncStatus'> => desk().getSyncStatus({ profileId }),
};

export const historyService = {
  query: (query: DeskArgument<'queryHistory'>): Call<'queryHistory'> => desk().queryHistory(query),
  export: (query: DeskArgument<'exportHistory'>): Call<'exportHistory'> =>
    desk().exportHistory(query),
  paidByMonth: (query: DeskArgument<'getPaidByMonth'>): Call<'getPaidByMonth'> =>
    desk().getPaidByMonth(query),
  totals: (query: DeskArgument<'getHistoryTotals'>): Call<'getHistoryTotals'> =>
    desk().getHistoryTotals(query),
};

export const payoutsService = {
  details: (ref: DeskArgument<'getPayoutDetails'>): Call<'getPayoutDetails'> =>
    desk().getPayoutDetails(ref),
  withdrawals: (page: DeskArgument<'listWithdrawals'>): Call<'listWithdrawals'> =>
    desk().listWithdrawals(page),
  preview: (input: DeskArgument<'previewPayout'>): Call<'previewPayout'> =>
    desk().previewPayout(input),
  create: (input: DeskArgument<'createPayout'>): Call<'createPayout'> => desk().createPayout(input),
  estimateDebit: (query: DeskArgument<'estimateDebit'>): Call<'estimateDebit'> =>
    desk().estimateDebit(query),
  cancelIntent: (requestId: string): Call<'cancelIntent'> => desk().cancelIntent({ requestId }),
  cancel: (input: DeskArgument<'cancelPayout'>): Call<'cancelPayout'> => desk().cancelPayout(input),
};

export const auditService = {
  /** Filtered in main (the log only grows): profile, actions, time range, page size. */
  list: (query: DeskArgument<'listAudit'>): Call<'listAudit'> => desk().listAudit(query),
  verify: (): Call<'verifyAudit'> => desk().verifyAudit(),
  export: (): Call<'exportAudit'> => desk().exportAudit(),
};

export const recordsService = {
  startupNotices: (): Call<'getStartupNotices'> => desk().getStartupNotices(),
};

export const draftsService = {
  /**
   * A draft of a file the page's worker read, its rows asked for a page at a time: one
   * createDraft call for up to one page, more in pages (paged-draft.ts).
   */
  createOfRows: (source: DraftSource, totalRows: number, rowsAt: DraftRows): Call<'createDraft'> =>
    createDraftOfRows(source, totalRows, rowsAt),
  /** A file of up to FILE_READ_MAX_BYTES, read by the desk itself (docs/import.md). */
  readFile: (
    input: Omit<DeskArgument<'readPayoutFile'>, 'bytes'>,
    file: Blob,
  ): Call<'readPayoutFile'> => readPayoutFileOf(input, file),
  importHistory: (profileId: string): Call<'getImportHistory'> =>
    desk().getImportHistory({ profileId }),
  rereadFile: (input: DeskArgument<'rereadPayoutFile'>): Call<'rereadPayoutFile'> =>
    desk().rereadPayoutFile(input),
  createFromReading: (
    input: DeskArgument<'createDraftFromReading'>,
  ): Call<'createDraftFromReading'> => desk().createDraftFromReading(input),
  list: (profileId: string): Call<'listDrafts'> => desk().listDrafts({ profileId }),
  get: (draftId: string): Call<'getDraft'> => desk().getDraft({ draftId }),
  rows: (query: DeskArgument<'getDraftRows'>): Call<'getDraftRows'> => desk().getDraftRows(query),
  updateRow: (edit: DeskArgument<'updateDraftRow'>): Call<'updateDraftRow'> =>
    desk().updateDraftRow(edit),
  acceptRisk: (input: DeskArgument<'acceptDraftRowRisk'>): Call<'acceptDraftRowRisk'> =>
    desk().acceptDraftRowRisk(input),
  addRow: (draftId: string): Call<'addDraftRow'> => desk().addDraftRow({ draftId }),
  deleteRows: (draftId: string, rowNos: number[]): Call<'deleteDraftRows'> =>
    desk().deleteDraftRows({ draftId, rowNos }),
  deleteMatching: (
    query: DeskArgument<'deleteMatchingDraftRows'>,
  ): Call<'deleteMatchingDraftRows'> => desk().deleteMatchingDraftRows(query),
  restoreRows: (draftId: string, rowNos: number[]): Call<'restoreDraftRows'> =>
    desk().restoreDraftRows({ draftId, rowNos }),
  discard: (draftId: string): Call<'discardDraft'> => desk().discardDraft({ draftId }),
  review: (draftId: string): Call<'reviewDraft'> => desk().reviewDraft({ draftId }),
  /** `fingerprint` is the one the review returned: main sends that plan or nothing. */
  submit: (draftId: string, fingerprint: string): Call<'submitDraft'> =>
    desk().submitDraft({ draftId, fingerprint }),
  batches: (draftId: string): Call<'getDraftBatches'> => desk().getDraftBatches({ draftId }),
  retryFailedRows: (draftId: string): Call<'retryFailedRows'> =>
    desk().retryFailedRows({ draftId }),
  exportReconciliation: (draftId: string, format: 'csv' | 'xlsx'): Call<'exportReconciliation'> =>
    desk().exportReconciliation({ draftId, format }),
  recallMapping: (headerSignature: string): Call<'recallMapping'> =>
    desk().recallMapping({ headerSignature }),
};

/** "What changed since the last run" and "Repeat this run" (docs/run-diff.md). */
export const runDiffService = {
  baselines: (draftId: string): Call<'listRunBaselines'> => desk().listRunBaselines({ draftId }),
  compare: (draftId: string, baselineId: string): Call<'compareDraft'> =>
    desk().compareDraft({ draftId, baseline: { draftId: baselineId } }),
  export: (draftId: string, baselineId: string): Call<'exportRunDiff'> =>
    desk().exportRunDiff({ draftId, baseline: { draftId: baselineId } }),
  repeat: (draftId: string, name?: string): Call<'repeatDraft'> =>
    desk().repeatDraft(name === undefined ? { draftId } : { draftId, name }),
};

export type DeskEventHandlers = { [E in DeskEventName]?: (payload: DeskEvents[E]) => void };

function subscribe<E extends DeskEventName>(
  bridge: DeskBridge,
  event: E,
  handler: DeskEventHandlers[E],
): () => void {
  return handler ? bridge.onEvent(event, handler) : () => undefined;
}

/** Subscribes to the events main pushes; returns one function that ends them all. */
export function subscribeDeskEvents(handlers: DeskEventHandlers): () => void {
  const bridge = desk();
  const stops = DESK_EVENTS.map((event) => subscribe(bridge, event, handlers[event]));
  return () => {
    for (const stop of stops) stop();
  };
}

export const addressBookService = {
  list: (query: DeskArgument<'listAddressBook'>): Call<'listAddressBook'> =>
    desk().listAddressBook(query),
  update: (edit: DeskArgument<'updateAddressBookEntry'>): Call<'updateAddressBookEntry'> =>
    desk().updateAddressBookEntry(edit),
  export: (profileId: string): Call<'exportAddressBook'> => desk().exportAddressBook({ profileId }),
  import: (profileId: string, csv: string): Call<'importAddressBook'> =>
    desk().importAddressBook({ profileId, csv }),
};

/** Test payments before a mass payout (docs/test-payments.md). */
export const testPaymentsService = {
  start: (input: DeskArgument<'startTestPayment'>): Call<'startTestPayment'> =>
    desk().startTestPayment(input),
  list: (draftId: string): Call<'listTestPayments'> => desk().listTestPayments({ draftId }),
  reviewHeldRows: (draftId: string): Call<'reviewHeldRows'> => desk().reviewHeldRows({ draftId }),
  sendHeldRows: (draftId: string, fingerprint: string): Call<'sendHeldRows'> =>
    desk().sendHeldRows({ draftId, fingerprint }),
  setAmount: (input: DeskArgument<'setTestPaymentAmount'>): Call<'setTestPaymentAmount'> =>
    desk().setTestPaymentAmount(input),
};

/** Maker-checker approvals (docs/approvals.md): the policy, this desk's keys, the files. */
export const approvalsService = {
  policy: (profileId: string): Call<'getApprovalPolicy'> => desk().getApprovalPolicy({ profileId }),
  setPolicy: (input: DeskArgument<'setApprovalPolicy'>): Call<'setApprovalPolicy'> =>
    desk().setApprovalPolicy(input),
  keys: (): Call<'listApproverKeys'> => desk().listApproverKeys(),
  createKey: (name: string): Call<'createApproverKey'> => desk().createApproverKey({ name }),
  status: (draftId: string): Call<'getDraftApprovals'> => desk().getDraftApprovals({ draftId }),
  exportRequest: (input: DeskArgument<'exportApprovalRequest'>): Call<'exportApprovalRequest'> =>
    desk().exportApprovalRequest(input),
  openRequest: (json: string): Call<'openApprovalRequest'> => desk().openApprovalRequest({ json }),
  signRequest: (json: string, approverKey: string): Call<'signApprovalRequest'> =>
    desk().signApprovalRequest({ json, approverKey }),
  importApproval: (json: string): Call<'importApproval'> => desk().importApproval({ json }),
  approve: (input: DeskArgument<'approveDraft'>): Call<'approveDraft'> =>
    desk().approveDraft(input),
};
