/**
 * The one contract between the UI and main: every method the renderer may call, the runtime
 * schema of its argument, its result type, and the events main pushes. The preload, the
 * browser host, main's registration and the renderer's types all derive from this file;
 * nothing else crosses the boundary.
 */
import { z } from 'zod';
import { DESK_EVENT_NAMES, DESK_METHOD_NAMES } from './ipc-names';
import { PAYOUT_STATES } from './calypso/types';
import { NETWORK_IDS } from './networks';
import type { Balance, PayoutCreateRequest, Withdrawal } from './calypso/types';
import { ADDRESS_BOOK_CSV_MAX_CHARS, type AddressBookEntry } from './address-book';
import { ACCEPTABLE_RISKS, type AddressRisk } from './address-risk';
import {
  APPROVAL_FILE_MAX_CHARS,
  type ApprovalFile,
  type ApprovalPolicy,
  type ApprovalRequestView,
  type ApproverKey,
  type DraftApprovals,
} from './approvals';
import type { DebitEstimate } from './debit-estimate';
import type { DraftBatch, DraftRow, DraftSummary } from './drafts';
import type { HistoryItem, HistoryPage, HistoryTotals, PayoutDetails } from './history';
import type { ColumnMappingInput } from './import/types';
import type { ReadingSummary } from './import/reading-summary';
import type { ImportHistory } from './import/import-history';
import { EXTRA_CELL_MAX_LENGTH, MAX_EXTRA_COLUMNS } from './import/extra-columns';
import { DRAFT_MAX_ROWS, DRAFT_PAGE_ROWS } from './import/row-limit';
import type { DecimalString } from './money';
import type { ProgressCount } from './progress';
import { MONTH_KEY_PATTERN, type PaidByMonth } from './paid-by-month';
import type { ReconciliationExport } from './reconciliation';
import type { RunBaselines, RunComparison } from './run-diff';
import type {
  TEST_PAYMENT_PENDING,
  TestPaymentAmount,
  TestPaymentHold,
  TestPaymentOffer,
} from './test-payments';

// ---- Errors are values at the boundary ---------------------------------------------------

export const DESK_ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'NO_NETWORK',
  'AUTH_REJECTED',
  'CLOCK_SKEW',
  'KEYCHAIN_UNAVAILABLE',
  'CALYPSO_REJECTED',
  'DATABASE',
  'INTERNAL',
] as const;
export type DeskErrorCode = (typeof DESK_ERROR_CODES)[number];

export type DeskError = { code: DeskErrorCode; message: string; details?: unknown };
export type DeskResult<T> = { ok: true; value: T } | { ok: false; error: DeskError };

// ---- Argument schemas --------------------------------------------------------------------

const id = z.string().trim().min(1).max(200);
const profileId = id;
const environment = z.enum(['production', 'custom', 'simulator']);
const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((value) => /^https?:\/\/[^\s/]+/i.test(value), 'must be an http(s) URL');

/**
 * A page of the audit log, newest first, filtered in main (the log only grows): by profile
 * (its own entries and its removal), by action names, and by time (`fromMs` inclusive,
 * `toMs` exclusive).
 */
const auditTime = z.number().int().min(0).max(8_640_000_000_000_000);
const auditQuery = z
  .object({
    profileId: profileId.optional(),
    actions: z
      .array(
        z
          .string()
          .max(64)
          .regex(
            /^[a-z][a-z-]*\.[a-z][a-z-]*$/,
            'must be an action name such as "payout.submitted"',
          ),
      )
      .min(1)
      .max(50)
      .optional(),
    fromMs: auditTime.optional(),
    toMs: auditTime.optional(),
    beforeId: z.number().int().positive().optional(),
    limit: z.number().int().positive().max(1000).optional(),
  })
  .strict()
  .refine(
    (query) => query.fromMs === undefined || query.toMs === undefined || query.fromMs <= query.toMs,
    {
      message: 'the end of the date range (toMs) is before its start (fromMs)',
      path: ['toMs'],
    },
  );
export type AuditQuery = z.infer<typeof auditQuery>;

export const PROFILE_ENVIRONMENTS = environment.options;
export type ProfileEnvironment = z.infer<typeof environment>;

const profileInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    environment,
    /** Required for `custom`; ignored for `production` and `simulator`. */
    baseUrl: httpUrl.optional(),
    account: z.string().trim().min(1).max(200),
    key: z.string().trim().min(1).max(200),
    secret: z.string().min(1).max(500),
  })
  .strict()
  .refine((value) => value.environment !== 'custom' || value.baseUrl !== undefined, {
    path: ['baseUrl'],
    message: 'a custom environment needs its base URL',
  });

const profileUpdate = z
  .object({
    id: profileId,
    name: z.string().trim().min(1).max(100).optional(),
    baseUrl: httpUrl.optional(),
    account: z.string().trim().min(1).max(200).optional(),
    key: z.string().trim().min(1).max(200).optional(),
    secret: z.string().min(1).max(500).optional(),
  })
  .strict();

const historyQuery = z
  .object({
    profileId,
    kinds: z
      .array(z.enum(['single', 'mass']))
      .max(2)
      .optional(),
    states: z.array(z.enum(PAYOUT_STATES)).max(PAYOUT_STATES.length).optional(),
    currencies: z.array(z.string().trim().min(1).max(20)).max(50).optional(),
    fromMs: z.number().int().nonnegative().optional(),
    toMs: z.number().int().nonnegative().optional(),
    scheduledOnly: z.boolean().optional(),
    search: z.string().max(200).optional(),
    sort: z
      .object({
        field: z.enum(['date', 'amount', 'state', 'currency']),
        direction: z.enum(['asc', 'desc']),
      })
      .strict()
      .optional(),
    offset: z.number().int().nonnegative().max(10_000_000).optional(),
    limit: z.number().int().positive().max(1000).optional(),
  })
  .strict();

const payoutRef = z.object({ profileId, kind: z.enum(['single', 'mass']), id }).strict();
const decimalText = z
  .string()
  .trim()
  .max(80)
  .regex(/^\d+(\.\d+)?$/, 'must be a plain decimal number such as 1234.56');
const isoDate = z
  .string()
  .max(40)
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO date-time');

const singlePayoutInput = z
  .object({
    profileId,
    /** Made by the confirmation dialog, once: a second click sends the same request. */
    requestId: z.uuid(),
    depositAddress: z.string().trim().min(1).max(200),
    amount: decimalText,
    currency: z.string().trim().min(1).max(20),
    comment: z.string().max(500).optional(),
    executionDate: isoDate.optional(),
  })
  .strict();

/** hex SHA-256 of the payload text the confirmation showed (previewPayout). */
const payloadHashText = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be the payloadHash previewPayout returned');

/** The payout as confirmed: the previewed payload's hash binds the send to what was shown. */
const confirmedPayoutInput = singlePayoutInput
  .extend({
    payloadHash: payloadHashText,
    /** Risk errors the person checked and accepted in the confirmation (a look-alike). */
    acceptedRisks: z.array(z.enum(ACCEPTABLE_RISKS)).max(ACCEPTABLE_RISKS.length).optional(),
    /**
     * The codes of every risk the confirmation showed (previewPayout's `risks`): a risk found
     * at the send that was not shown, a repeat of a payout made meanwhile above all, sends
     * nothing and asks for the review again (docs/intents.md, "The same payout again").
     */
    shownRisks: z.array(z.string().trim().min(1).max(64)).max(50).optional(),
  })
  .strict();

const intentRef = z.object({ requestId: z.uuid() }).strict();

const cancelInput = z
  .object({
    profileId,
    kind: z.enum(['single', 'mass']),
    id,
    message: z.string().trim().min(1).max(500),
  })
  .strict();

const draftId = id;
const draftRef = z.object({ draftId }).strict();
// Generous: an oversized cell is reported on its row by the rules, not refused wholesale.
const rowText = z.string().max(5000);
const columnMapping = z
  .object({
    address: z.union([z.string().max(200), z.number().int().nonnegative()]).optional(),
    amount: z.union([z.string().max(200), z.number().int().nonnegative()]).optional(),
    currency: z.union([z.string().max(200), z.number().int().nonnegative()]).optional(),
    comment: z.union([z.string().max(200), z.number().int().nonnegative()]).optional(),
    name: z.union([z.string().max(200), z.number().int().nonnegative()]).optional(),
  })
  .strict();

/** One row as the importer read it; main validates each again. */
const importedRow = z
  .object({
    line: z.number().int().positive().nullable(),
    address: rowText,
    amount: rowText,
    currency: z.string().max(200),
    comment: rowText,
    /** The recipient's name from the file's name column. */
    name: rowText.optional(),
    /** The row's cells of the draft's extraColumns, in their order. */
    extra: z.array(z.string().max(EXTRA_CELL_MAX_LENGTH)).max(MAX_EXTRA_COLUMNS).optional(),
    /** What the importer found that only the file shows (e.g. an unclosed quote). */
    problems: z
      .array(z.object({ code: z.string().max(60), message: z.string().max(1000) }).strict())
      .max(50)
      .optional(),
  })
  .strict();

/** What a draft is made from besides its rows: the file, its reading, the mapping. */
const draftSource = {
  profileId,
  name: z.string().trim().min(1).max(200),
  sourceFile: z.string().max(500).optional(),
  encoding: z.string().max(40).optional(),
  delimiter: z.string().max(4).optional(),
  decimalSeparator: z.enum(['.', ',']),
  mapping: columnMapping.optional(),
  headerSignature: z.string().max(2000).optional(),
  /**
   * The chosen mapping by column names, remembered with `sourceFile` for the next file of
   * that source (shared/import/source-name.ts); sent with `mapping` when a person chose it.
   */
  sourceMapping: columnMapping.optional(),
  /** The file's columns no role used, kept with every row (docs/import.md). */
  extraColumns: z.array(z.string().max(500)).max(MAX_EXTRA_COLUMNS).optional(),
  /** The file started with a byte-order mark (its reconciliation is written with one). */
  bom: z.boolean().optional(),
};

const createDraftInput = z
  .object({
    ...draftSource,
    /** The rows as the importer read them; larger files go through startDraftImport. */
    rows: z
      .array(importedRow)
      .max(
        100_000,
        'createDraft takes at most 100,000 rows; send a larger file in pages (startDraftImport, appendDraftImportRows, finishDraftImport).',
      ),
  })
  .strict();

const importRef = z.object({ importId: z.uuid() }).strict();

/**
 * The largest file the desk reads itself, in bytes (docs/import.md, "Files the desk reads"):
 * the same size above which the importer streams. A larger file is read in the page's
 * import worker and sent in pages.
 */
export const FILE_READ_MAX_BYTES = 8 * 1024 * 1024;
/** Base64 of FILE_READ_MAX_BYTES: four characters for every three bytes, padded. */
const FILE_READ_MAX_BASE64 = Math.ceil(FILE_READ_MAX_BYTES / 3) * 4;

/** A workbook's sheet, by name or 0-based tab position (docs/spreadsheets.md). */
const sheetChoice = z.union([z.string().min(1).max(255), z.number().int().min(0).max(65_535)], {
  error: 'sheet must be the name of a sheet of the workbook, or its position from 0.',
});

/** What a person chose on the import screen: the file is read again with these. */
const importChoices = z
  .object({
    mapping: columnMapping.optional(),
    currency: z.string().max(40).optional(),
    decimalSeparator: z.enum(['.', ',']).optional(),
    /** The delimiter a person chose over the detected one (a text file). */
    delimiter: z.enum([',', ';', '\t']).optional(),
    sheet: sheetChoice.optional(),
  })
  .strict();

const fileToRead = z
  .object({
    profileId,
    fileName: z.string().max(500),
    /** The file's bytes, base64-encoded (JSON and IPC carry text). */
    bytes: z
      .base64('bytes must be the file encoded as base64.')
      .max(
        FILE_READ_MAX_BASE64,
        'This file is larger than 8 MiB: the app reads it in the page and sends it in pages.',
      ),
    choices: importChoices,
    /** Apply the mapping remembered for this header, when the choices carry none. */
    recall: z.boolean(),
  })
  .strict();

const readingRef = { readingId: z.uuid() };

/**
 * A draft made in pages (docs/import.md): announced with its row count, filled in order,
 * and only then made a draft. Limits are checked in main with a sentence of their own.
 */
const draftImportStart = z
  .object({
    ...draftSource,
    totalRows: z
      .number()
      .int()
      .positive('totalRows must be at least 1: a file without rows makes no draft.')
      .max(100_000_000),
  })
  .strict();

const draftImportPage = z
  .object({
    importId: z.uuid(),
    /** The rowNo of the page's first row: 1, then one past the last row sent. */
    firstRowNo: z.number().int().positive(),
    rows: z
      .array(importedRow)
      .min(1, 'A page holds at least one row.')
      .max(
        DRAFT_PAGE_ROWS,
        `A page holds at most ${DRAFT_PAGE_ROWS.toLocaleString('en-US')} rows; send the rest in the next page.`,
      ),
  })
  .strict();

/** Text looked for in the rows' address, name, comment and amount. */
const draftSearch = z.string().max(200, 'search may be at most 200 characters');

const draftRowsQuery = z
  .object({
    draftId,
    offset: z.number().int().nonnegative().max(10_000_000).optional(),
    limit: z.number().int().positive().max(1000).optional(),
    verdict: z.enum(['ok', 'warning', 'error']).optional(),
    search: draftSearch.optional(),
  })
  .strict();

const draftRowEdit = z
  .object({
    draftId,
    rowNo: z.number().int().positive(),
    address: rowText.optional(),
    amount: rowText.optional(),
    currency: z.string().max(40).optional(),
    comment: rowText.optional(),
    name: rowText.optional(),
  })
  .strict();

/** The fingerprint reviewDraft returned: Submit sends exactly the plan it names. */
const draftSubmission = z
  .object({
    draftId,
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be the fingerprint the review of this draft returned'),
  })
  .strict();

/** The address of a draft row to send a test payment to first (docs/test-payments.md). */
const testPaymentStart = z
  .object({
    draftId,
    address: z.string().trim().min(1, 'must be the address of a row of the draft').max(200),
    currency: z.string().trim().min(1).max(20).optional(),
  })
  .strict();

const testPaymentAmount = z
  .object({
    profileId,
    currency: z.string().trim().min(1).max(20),
    /** A plain decimal; null goes back to the default amount for the currency. */
    amount: z.string().trim().min(1).max(40).nullable(),
  })
  .strict();

/** A draft and the earlier run it is compared with (docs/run-diff.md). */
const runComparisonQuery = z.object({ draftId, baseline: z.object({ draftId }).strict() }).strict();

const repeatDraftInput = z
  .object({ draftId, name: z.string().trim().min(1).max(200).optional() })
  .strict();

const debitQuery = z
  .object({ profileId, currency: z.string().trim().min(1).max(20), amount: decimalText })
  .strict();

const withdrawalsPage = z
  .object({
    profileId,
    dealId: id,
    offset: z.number().int().nonnegative().max(10_000_000).optional(),
    limit: z.number().int().positive().max(1000).optional(),
  })
  .strict();
const profileRef = z.object({ profileId }).strict();
const monthKey = z
  .string()
  .regex(MONTH_KEY_PATTERN, 'must be a month written YYYY-MM, such as 2026-03');
const paidByMonthQuery = z
  .object({ profileId, fromMonth: monthKey.optional(), toMonth: monthKey.optional() })
  .strict()
  .refine(
    (value) =>
      value.fromMonth === undefined ||
      value.toMonth === undefined ||
      value.fromMonth <= value.toMonth,
    { message: 'fromMonth must not be after toMonth', path: ['fromMonth'] },
  );
const noArgument = z.undefined();

const networkId = z.enum(NETWORK_IDS);
const addressBookQuery = z
  .object({
    profileId,
    search: z.string().max(200).optional(),
    network: networkId.optional(),
    offset: z.number().int().nonnegative().optional(),
    limit: z.number().int().positive().max(1000).optional(),
  })
  .strict();
// Lengths are checked again by the service, which says which field is too long.
const addressBookEdit = z
  .object({
    profileId,
    network: networkId,
    address: z.string().min(1).max(200),
    label: z.string().max(10_000).nullable().optional(),
    notes: z.string().max(10_000).nullable().optional(),
    trusted: z.boolean().optional(),
  })
  .strict();
const addressBookFile = z
  .object({ profileId, csv: z.string().max(ADDRESS_BOOK_CSV_MAX_CHARS) })
  .strict();

// ---- Approvals (docs/approvals.md) -------------------------------------------------------

const publicKeyText = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, 'must be an approver public key: 64 hex characters');
const personName = z
  .string()
  .trim()
  .min(1, 'must name the person (1 to 100 characters)')
  .max(100, 'must name the person in at most 100 characters');
const fingerprintText = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be the fingerprint the review of this draft returned');
const approvalFileText = z
  .string()
  .min(1, 'is empty: choose the approval file again')
  .max(APPROVAL_FILE_MAX_CHARS, 'is too large to be an approval file');

/** Main checks again what a schema cannot (curve points, unique keys, M within N). */
const approvalPolicyInput = z
  .object({
    approvers: z
      .array(z.object({ name: personName, publicKey: publicKeyText }).strict())
      .min(1, 'must list at least one approver')
      .max(50, 'may list at most 50 approvers'),
    required: z
      .number()
      .int('must be a whole number of approvals')
      .min(1, 'must ask for at least 1 approval'),
    thresholds: z
      .array(
        z
          .object({
            currency: z.string().trim().toUpperCase().min(1, 'must name a currency').max(20),
            above: z
              .string()
              .trim()
              .max(80)
              .regex(/^\d+(\.\d+)?$/, 'must be a plain decimal number such as 1000 or 0.5'),
          })
          .strict(),
      )
      .max(200, 'may list at most 200 currencies'),
    firstPaymentNeedsApproval: z.boolean(),
  })
  .strict();

export const DESK_SCHEMAS = {
  listProfiles: noArgument,
  addProfile: profileInput,
  updateProfile: profileUpdate,
  removeProfile: profileRef,
  checkConnection: profileRef,
  queryHistory: historyQuery,
  getPayoutDetails: payoutRef,
  syncNow: profileRef,
  getSyncStatus: profileRef,
  getPaidByMonth: paidByMonthQuery,
  getHistoryTotals: historyQuery,
  listWithdrawals: withdrawalsPage,
  previewPayout: singlePayoutInput,
  createPayout: confirmedPayoutInput,
  cancelIntent: intentRef,
  estimateDebit: debitQuery,
  cancelPayout: cancelInput,
  exportHistory: historyQuery,
  createDraft: createDraftInput,
  readPayoutFile: fileToRead,
  rereadPayoutFile: z.object({ ...readingRef, choices: importChoices }).strict(),
  createDraftFromReading: z
    .object({
      ...readingRef,
      profileId,
      name: z.string().trim().min(1).max(200),
      /** Remember the reading's mapping for the next file with this header (chosen by hand). */
      rememberMapping: z.boolean(),
    })
    .strict(),
  startDraftImport: draftImportStart,
  appendDraftImportRows: draftImportPage,
  finishDraftImport: importRef,
  cancelDraftImport: importRef,
  listDrafts: profileRef,
  getDraft: draftRef,
  getDraftRows: draftRowsQuery,
  updateDraftRow: draftRowEdit,
  acceptDraftRowRisk: z
    .object({
      draftId,
      rowNo: z.number().int().positive(),
      risk: z.enum(ACCEPTABLE_RISKS, {
        error: `risk must be one a person may accept: ${ACCEPTABLE_RISKS.join(', ')} (a token contract never is).`,
      }),
    })
    .strict(),
  addDraftRow: draftRef,
  deleteDraftRows: z
    .object({ draftId, rowNos: z.array(z.number().int().positive()).min(1).max(100_000) })
    .strict(),
  deleteMatchingDraftRows: z
    .object({
      draftId,
      verdict: z.enum(['ok', 'warning', 'error']).optional(),
      search: draftSearch.optional(),
      /** Rows the person unticked after "Select all". */
      exceptRowNos: z.array(z.number().int().positive()).max(100_000).optional(),
    })
    .strict(),
  // As many as a draft holds: the undo of a "Select all" names every row it deleted.
  restoreDraftRows: z
    .object({ draftId, rowNos: z.array(z.number().int().positive()).min(1).max(DRAFT_MAX_ROWS) })
    .strict(),
  discardDraft: draftRef,
  reviewDraft: draftRef,
  submitDraft: draftSubmission,
  getDraftBatches: draftRef,
  retryFailedRows: draftRef,
  exportReconciliation: z.object({ draftId, format: z.enum(['csv', 'xlsx']).optional() }).strict(),
  recallMapping: z.object({ headerSignature: z.string().max(2000) }).strict(),
  getImportHistory: profileRef,
  listRunBaselines: draftRef,
  compareDraft: runComparisonQuery,
  exportRunDiff: runComparisonQuery,
  repeatDraft: repeatDraftInput,
  listAudit: auditQuery,
  verifyAudit: noArgument,
  exportAudit: noArgument,
  getStartupNotices: noArgument,
  listAddressBook: addressBookQuery,
  updateAddressBookEntry: addressBookEdit,
  exportAddressBook: profileRef,
  importAddressBook: addressBookFile,
  getApprovalPolicy: profileRef,
  setApprovalPolicy: z.object({ profileId, policy: approvalPolicyInput.nullable() }).strict(),
  listApproverKeys: noArgument,
  createApproverKey: z.object({ name: personName }).strict(),
  getDraftApprovals: draftRef,
  exportApprovalRequest: z
    .object({ draftId, fingerprint: fingerprintText, preparerKey: publicKeyText })
    .strict(),
  openApprovalRequest: z.object({ json: approvalFileText }).strict(),
  signApprovalRequest: z.object({ json: approvalFileText, approverKey: publicKeyText }).strict(),
  importApproval: z.object({ json: approvalFileText }).strict(),
  approveDraft: z
    .object({ draftId, fingerprint: fingerprintText, approverKey: publicKeyText })
    .strict(),
  startTestPayment: testPaymentStart,
  listTestPayments: draftRef,
  reviewHeldRows: draftRef,
  sendHeldRows: draftSubmission,
  getTestPaymentAmounts: profileRef,
  setTestPaymentAmount: testPaymentAmount,
} as const;

export type DeskMethod = keyof typeof DESK_SCHEMAS;
export const DESK_METHODS: readonly DeskMethod[] = DESK_METHOD_NAMES;

/** True only when two unions have exactly the same members. */
type SameMembers<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type MustBeTrue<T extends true> = T;
// Compile-time guard: a method added to the schemas or to ipc-names alone fails `tsc -b`.
export type MethodNamesMatch = MustBeTrue<
  SameMembers<DeskMethod, (typeof DESK_METHOD_NAMES)[number]>
>;
export type DeskArgument<M extends DeskMethod> = z.infer<(typeof DESK_SCHEMAS)[M]>;

// ---- Results -----------------------------------------------------------------------------

/**
 * A payout file as the desk read it: counts, the mapping and the first rows needing a look,
 * and an id to read it again with other choices or to make the draft from, without sending
 * it again.
 */
export type FileReading = {
  readingId: string;
  /** The reading without its rows (they stay in the desk), and the first needing a look. */
  result: ReadingSummary;
  /** headerSignature of the header row; null when the file has none. */
  signature: string | null;
  /** The remembered mapping that was applied, if any. */
  recalled: ColumnMappingInput | null;
  /** Remembered for this header, or for an earlier file of the same source name. */
  recalledBy: 'header' | 'source' | null;
  parseMs: number;
};

/** A merchant account as the UI sees it: never the secret, and the key only masked. */
export type Profile = {
  id: string;
  name: string;
  environment: ProfileEnvironment;
  baseUrl: string;
  account: string;
  keyHint: string;
  hasSecret: boolean;
  createdAtMs: number;
  lastSyncedAtMs: number | null;
  /**
   * The other profiles on the same Calypso account (server and account): one balance and one
   * history, so Payout Desk checks repeats and unsettled payouts across them (docs/intents.md,
   * "The same payout again"). Usually empty.
   */
  sameAccountAs: string[];
};

export type ConnectionCheck = {
  profileId: string;
  clockOffsetMs: number;
  balances: Balance[];
};

export type SyncStatus = {
  profileId: string;
  state: 'idle' | 'syncing' | 'offline' | 'error';
  /** When the server last answered a full sync of this profile. */
  lastSyncedAtMs: number | null;
  /** Items not yet final, still being polled. */
  pendingCount: number;
  lastError: DeskError | null;
};

export type DeskResults = {
  listProfiles: Profile[];
  addProfile: Profile;
  updateProfile: Profile;
  removeProfile: { removed: true };
  checkConnection: ConnectionCheck;
  queryHistory: HistoryPage;
  getPayoutDetails: PayoutDetails;
  syncNow: SyncStatus;
  getSyncStatus: SyncStatus;
  getPaidByMonth: PaidByMonth;
  getHistoryTotals: HistoryTotals;
  listWithdrawals: {
    items: Withdrawal[];
    total: number;
    offset: number;
    /** The address book's label of each item's address, by withdrawal id, where it has one. */
    labels: Record<string, string>;
  };
  previewPayout: PayoutPreview;
  createPayout: SubmittedPayout;
  estimateDebit: { debit: DebitEstimate; balanceError: DeskError | null };
  cancelIntent: IntentStatus;
  cancelPayout: HistoryItem;
  exportHistory: { fileName: string; csv: string; rowCount: number };
  createDraft: DraftSummary;
  readPayoutFile: FileReading;
  rereadPayoutFile: FileReading;
  createDraftFromReading: DraftSummary;
  startDraftImport: { importId: string };
  appendDraftImportRows: { received: number; totalRows: number };
  finishDraftImport: DraftSummary;
  cancelDraftImport: { cancelled: boolean };
  listDrafts: DraftSummary[];
  getDraft: DraftSummary;
  getDraftRows: {
    rows: DraftRow[];
    total: number;
    offset: number;
    /** The address book's label of each row's address, by rowNo, where it has one. */
    labels: Record<number, string>;
  };
  updateDraftRow: { row: DraftRow; summary: DraftSummary };
  acceptDraftRowRisk: { row: DraftRow; summary: DraftSummary };
  addDraftRow: { row: DraftRow; summary: DraftSummary };
  deleteDraftRows: DraftSummary;
  /** Every row matching a filter and search deleted ("Select all"); the numbers, for Undo. */
  deleteMatchingDraftRows: { summary: DraftSummary; deletedRowNos: number[] };
  /** The deleted rows put back (an undo), revalidated. */
  restoreDraftRows: DraftSummary;
  discardDraft: { discarded: true };
  reviewDraft: DraftReview;
  submitDraft: DraftBatch[];
  getDraftBatches: DraftBatch[];
  retryFailedRows: DraftSummary;
  exportReconciliation: ReconciliationExport;
  recallMapping: { mapping: ColumnMappingInput | null };
  /** What a file read in the page's worker is checked against, as the desk checks it. */
  getImportHistory: ImportHistory;
  listRunBaselines: RunBaselines;
  compareDraft: RunComparison;
  exportRunDiff: { fileName: string; csv: string; rowCount: number };
  repeatDraft: DraftSummary;
  listAudit: AuditEntry[];
  verifyAudit: AuditVerification;
  exportAudit: { fileName: string; csv: string; rowCount: number };
  getStartupNotices: StartupNotice[];
  listAddressBook: { entries: AddressBookEntry[]; total: number; offset: number };
  updateAddressBookEntry: AddressBookEntry;
  exportAddressBook: { fileName: string; csv: string; rowCount: number };
  importAddressBook: { imported: number; refused: { line: number; message: string }[] };
  getApprovalPolicy: ApprovalPolicy | null;
  setApprovalPolicy: ApprovalPolicy | null;
  listApproverKeys: ApproverKey[];
  createApproverKey: ApproverKey;
  getDraftApprovals: DraftApprovals;
  exportApprovalRequest: ApprovalFile & { approvals: DraftApprovals };
  openApprovalRequest: ApprovalRequestView;
  signApprovalRequest: ApprovalFile;
  importApproval: DraftApprovals;
  approveDraft: DraftApprovals;
  startTestPayment: TestPaymentHold[];
  listTestPayments: TestPaymentHold[];
  reviewHeldRows: HeldRowsReview;
  sendHeldRows: DraftBatch[];
  getTestPaymentAmounts: TestPaymentAmount[];
  setTestPaymentAmount: TestPaymentAmount[];
};

/** One line of the local audit log (who did what, when), newest first in lists. */
export type AuditEntry = {
  id: number;
  atMs: number;
  profileId: string | null;
  action: string;
  detail: Readonly<Record<string, unknown>>;
};

/**
 * How far the audit log can be trusted (docs/audit-chain.md):
 * - `keyed`: sealed with this installation's key from the keychain, and checked with it;
 * - `unkeyed`: no key has ever sealed it (no keychain): the links are plain SHA-256, which
 *   anyone who can write the file could recompute;
 * - `key-unavailable`: it is sealed, but the keychain could not be read now, so only the
 *   links were checked, not the seals.
 */
export type AuditKeying = 'keyed' | 'unkeyed' | 'key-unavailable';

type AuditVerificationScope = {
  /** Audit entries checked before the first problem (all of them when ok). */
  checked: number;
  keying: AuditKeying;
  /** The first entry sealed with the key; the entries before it are covered by its seal. */
  keyedFromId: number | null;
  /** Outbox entries whose stored payload was checked against its audited hash. */
  outboxChecked: number;
};

export type AuditVerification =
  | ({ ok: true } & AuditVerificationScope)
  | ({ ok: false; firstBrokenId: number | null; reason: string } & AuditVerificationScope);

/**
 * Something the person must be told once the window opens: the local database was damaged
 * and restored from a backup, or the audit log cannot be sealed in this session.
 */
export type StartupNotice =
  | {
      kind: 'database-restored';
      atMs: number;
      /** Where the damaged file was kept (nothing is deleted). */
      damagedFile: string;
      /** The backup now in use, or null when none could be opened (an empty cache). */
      restoredFrom: string | null;
      backupAtMs: number | null;
      message: string;
    }
  | { kind: 'audit-unsealed'; message: string };

/** A mapping as the person chose it (by header name or column index), defined by the importer. */
export type { ColumnMappingInput } from './import/types';
// Compile-time guard: the schema main checks a mapping with accepts exactly that type.
export type ColumnMappingMatches = MustBeTrue<
  SameMembers<z.infer<typeof columnMapping>, ColumnMappingInput>
>;
export type { DraftBatch, DraftRetry, DraftRow, DraftSummary } from './drafts';
export type { DebitEstimate } from './debit-estimate';
export type { RunBaseline, RunBaselines, RunChange, RunComparison, RunDiff } from './run-diff';

/** What the review screen shows before the one Submit. */
export type DraftReview = {
  summary: DraftSummary;
  /**
   * Hex SHA-256 of the plan shown (docs/intents.md, "Fingerprint"): pass it to submitDraft,
   * which refuses, sending nothing, when the plan no longer hashes to it.
   */
  fingerprint: string;
  /** The mass payouts that Submit will create, one per currency within the size limits. */
  batches: DraftBatch[];
  totals: { currency: string; total: DecimalString; rowCount: number }[];
  /**
   * From the account endpoint; null when Calypso could not be asked. `needed` is the total
   * debit (amount plus the estimated fee), and `short` compares that with the balance.
   */
  balances:
    { currency: string; available: DecimalString; needed: DecimalString; short: boolean }[] | null;
  /** Per currency: amount, estimated fee, total debit, balance before and after. */
  debits: DebitEstimate[];
  balanceError: DeskError | null;
  /** Rows with an error verdict: not sent; fix or delete them first. */
  excludedRows: number;
  /** Test payments of this draft's new addresses (docs/test-payments.md). */
  testPayments: DraftTestPayments;
};

/** What the review says about test payments: holds, held rows and what could be tested. */
export type DraftTestPayments = {
  holds: TestPaymentHold[];
  /**
   * First-payment addresses without a test yet (a draft still being edited only), the first
   * 200 in row order; `offerCount` is how many there are.
   */
  offers: TestPaymentOffer[];
  offerCount: number;
  /** Each row left out of the batches for its address's test (TEST_PAYMENT_PENDING). */
  heldRows: { rowNo: number; code: typeof TEST_PAYMENT_PENDING; message: string }[];
};

/**
 * The fresh review of a submitted draft's released rows: the follow-up batches that
 * sendHeldRows would send, and their own fingerprint (docs/test-payments.md).
 */
export type HeldRowsReview = {
  draftId: string;
  fingerprint: string;
  batches: DraftBatch[];
  totals: { currency: string; total: DecimalString; rowCount: number }[];
  /** Released rows not sent (the rows of `leftOut`). */
  excludedRows: number;
  /**
   * Each released row not sent, and why: an error found now, or a problem it did not have
   * when it was held, such as a payment of the same amount to the same recipient since then
   * (docs/test-payments.md, "Follow-up batches"). At most 100; excludedRows counts them all.
   */
  leftOut: { rowNo: number; line: number | null; reason: string }[];
  /** Rows still held (their test is not COMPLETED or the address not trusted). */
  stillHeld: number;
};

/**
 * The six states of a payment intent (docs/intents.md): `not-sent` provably never reached
 * Calypso, `pending` may have, `done` and `rejected` are Calypso's answer, `cancelled` and
 * `expired` were never sent.
 */
export type IntentState = 'not-sent' | 'pending' | 'done' | 'rejected' | 'cancelled' | 'expired';

/**
 * What a single-payout submission ended as. `done` carries the payout; otherwise the intent
 * is not settled (`pending`: outcome unknown; `not-sent`: will be sent when Calypso can be
 * reached, unless cancelled) or ended without a payout (`cancelled`, `expired`). A refusal
 * by Calypso is a CALYPSO_REJECTED error. `payloadChanged`: the stored instruction was
 * edited outside Payout Desk and is never sent (the message says so).
 */
export type SubmittedPayout =
  | { state: 'done'; item: HistoryItem }
  | {
      state: 'pending' | 'not-sent' | 'cancelled' | 'expired';
      requestId: string;
      message: string;
      /** When a not-sent intent stops being sent and needs a new confirmation. */
      expiresAtMs: number;
      payloadChanged: boolean;
    };

/** Exactly what createPayout will store and sign for the same argument. */
export type PayoutPreview = {
  requestId: string;
  /** The create payload, field for field as it is sent (amount normalised, date in UTC). */
  payload: PayoutCreateRequest;
  /** hex SHA-256 of the payload text; createPayout must be given it back. */
  payloadHash: string;
  /** Where it goes: the profile's environment and Calypso account (bound at confirmation). */
  target: { environment: ProfileEnvironment; account: string };
  /** The address checked against what this account paid before (docs/address-book.md). */
  risks: AddressRisk[];
};

/** An intent after cancelIntent. */
export type IntentStatus = { requestId: string; state: IntentState };

export type DeskApi = {
  [M in DeskMethod]: (
    ...args: DeskArgument<M> extends undefined ? [] : [argument: DeskArgument<M>]
  ) => Promise<DeskResult<DeskResults[M]>>;
};

// ---- Events main pushes ------------------------------------------------------------------

export type PayoutChange = {
  kind: 'single' | 'mass';
  id: string;
  state: string;
  previousState: string | null;
  /** Created from this app (through its outbox): the user is told when it ends. */
  sentFromApp: boolean;
};

/**
 * How far a sync pass is (history-sync.ts). `fetched` counts the items read so far; `step`
 * is the current phase's count of a known total, from the API's page answers (`total`
 * pages): pages of single or mass payouts, then mass payouts whose recipients were read.
 * `firstSync` says the pass reads the whole history (a later pass stops at known pages, so
 * its page total is only an upper bound and is not drawn as a bar).
 */
export type SyncProgress = {
  profileId: string;
  phase: string;
  fetched: number;
  step: ProgressCount & { unit: 'pages' | 'mass payouts' };
  firstSync: boolean;
};

export type DeskEvents = {
  syncProgress: SyncProgress;
  syncStatus: SyncStatus;
  /** `changes` lists state transitions of known items; `newCount` counts items first seen. */
  payoutsChanged: { profileId: string; changes: PayoutChange[]; newCount: number };
  /** A batch of a submitted draft moved (sent, adopted, refused). */
  draftProgress: { draftId: string; batches: DraftBatch[] };
};
export type DeskEventName = keyof DeskEvents;
export const DESK_EVENTS: readonly DeskEventName[] = DESK_EVENT_NAMES;
export type EventNamesMatch = MustBeTrue<
  SameMembers<DeskEventName, (typeof DESK_EVENT_NAMES)[number]>
>;

/** What the page gets as `window.desk`: the methods plus a subscription to main's events. */
export type DeskBridge = DeskApi & {
  onEvent<E extends DeskEventName>(
    event: E,
    listener: (payload: DeskEvents[E]) => void,
  ): () => void;
};
