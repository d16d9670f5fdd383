/**
 * Mass payouts from spreadsheets, main's side: drafts saved on every edit, the shared import
 * rules run again on every row main stores and once more before anything is signed, and
 * submission through the outbox with one idempotencyKey per batch, fixed in the same
 * transaction that marks the draft as submitting. Submitting again (a double click, a second
 * window, a restart) never plans new batches: it only delivers what is still pending.
 *
 * The review returns the plan's fingerprint and Submit must present it: the check, the state
 * change and the fixing of the batches are one IMMEDIATE write transaction, and so is every
 * edit with its "still editing?" check, so that even a second process on the same data folder
 * can neither slip an edit in after the review nor save one after signing (docs/intents.md).
 * An edit revalidates only the rows it touches and the duplicate groups of the addresses it
 * touches; counts and totals are kept by the repository in the same write (docs/drafts.md).
 */
import { randomUUID } from 'node:crypto';
import type { Balance, MassPayoutCreateRequest } from '../../../shared/calypso/types';
import { estimateDebit } from '../../../shared/debit-estimate';
import type { DraftBatch, DraftRow, DraftSummary, RowProblem } from '../../../shared/drafts';
import type { ColumnMappingInput } from '../../../shared/import/types';
import { tallyRecipients } from '../../../shared/recipient-tally';
import type { DeskArgument, DraftReview, HeldRowsReview } from '../../../shared/ipc';
import {
  TEST_PAYMENT_PENDING,
  type TestPaymentHold,
  type TestPaymentOffer,
} from '../../../shared/test-payments';
import { flagDuplicates, splitIntoBatches, type PayoutBatch } from '../../../shared/import';
import { addressKey } from '../../../shared/import/address-key';
import { severityOf } from '../../../shared/import/problems';
import type { RecentPayout } from '../../../shared/import/types';
import type { PaidAddresses } from '../../../shared/address-risk';
import { normalizeDecimal, sumDecimals, type DecimalString } from '../../../shared/money';
import type { CalypsoClient } from '../calypso';
import type { AuditLog, CacheDatabase, DraftsRepo, OutboxRepo, PayoutsRepo } from '../db';
import type { RowMatch } from '../db/drafts-repo';
import type { ImportHistory } from '../../../shared/import/import-history';
import { DeskFailure } from '../ipc/desk-failure';
import { toDeskError } from '../ipc/to-desk-error';
import {
  followUpFingerprint,
  planFingerprint,
  type HeldRow,
  type PlannedBatch,
  type PlanTarget,
} from './draft-fingerprint';
import { rowHoldKey } from './test-payments';
import { matchWithdrawals } from './match-withdrawals';
import { reconcileDraft } from './reconciliation';
import { reconciliationCsv, reconciliationXlsx } from '../export/reconciliation-files';
import { xlsxTooLarge, type ReconciliationExport } from '../../../shared/reconciliation';
import { validateStoredRow } from './draft-row-rules';
import { immediateWrite } from '../db/immediate-write';
import {
  importedDraft,
  recordImport,
  requireKeptCellsFit,
  type ImportSource,
} from './imported-draft';
import { requireDraftOf } from './require-draft';
import { fixedRows } from '../run-diff/run-rows';
import { payloadHash, serializePayload } from './payload-hash';
import type { Submission } from './submission';
import { rowCountOf, toRowRanges } from '../../../shared/row-ranges';
import { utcMinute } from './utc-minute';

/** The refusal of a Submit whose fingerprint no longer matches the plan. */
export const DRAFT_CHANGED_MESSAGE =
  'The draft changed since you reviewed it: review it again before submitting.';
export const DRAFT_CHANGED_REASON = 'DRAFT_CHANGED';
/** The reason a Submit refused for want of approvals (docs/approvals.md). */
export const APPROVALS_MISSING_REASON = 'APPROVALS_MISSING';

/** A draft's current plan: what its review shows and what Submit would send. */
export type CurrentPlan = {
  summary: DraftSummary;
  target: PlanTarget;
  fingerprint: string;
  planned: { currency: string; rows: DraftRow[] }[];
  /**
   * What an approval of this plan covers, per currency: the planned batches AND the held
   * rows, which a follow-up sends later without another approval (docs/test-payments.md).
   * Holding rows back never lowers what needs approving.
   */
  totals: { currency: string; total: DecimalString; rowCount: number }[];
  /** Rows left out for a test payment of their address; the fingerprint names them. */
  held: (HeldRow & { rowNo: number })[];
};

/** What the drafts need of test payments (test-payments.ts, docs/test-payments.md). */
export type DraftTestHolds = {
  /** The draft's holds by hold key, each with its state read now. */
  heldKeys: (draftId: string) => Map<string, TestPaymentHold>;
  offersOf: (
    summary: DraftSummary,
    rows: readonly DraftRow[],
  ) => { offers: TestPaymentOffer[]; total: number };
  hasFollowUp: (draftId: string, fingerprint: string) => boolean;
  recordFollowUp: (draftId: string, fingerprint: string, atMs: number) => void;
};

export type MassDraftsDeps = {
  db: CacheDatabase;
  drafts: DraftsRepo;
  outbox: OutboxRepo;
  payouts: PayoutsRepo;
  submission: Submission;
  audit: AuditLog;
  clientOf: (profileId: string) => Promise<CalypsoClient>;
  /** Withdrawals of one payout as cached by sync (all of them). */
  withdrawalsOf: (
    profileId: string,
    dealId: string,
  ) => import('../../../shared/calypso/types').Withdrawal[];
  /** Payments a row would repeat: already paid, or being paid (paid-or-being-paid.ts). */
  recentPayouts: (
    profileId: string,
  ) => { depositAddress: string; amount: string; currency: string }[];
  /**
   * What the account paid before, for the address risk checks of each row; `fresh` reads
   * the history again (review and Submit), otherwise a per-profile cache serves (edits).
   */
  paidAddresses: (profileId: string, options?: { fresh?: boolean }) => PaidAddresses;
  /** The profile's base URL and account, which the fingerprint binds the plan to. */
  targetOf: (profileId: string) => Omit<PlanTarget, 'profileId'>;
  /** Calypso's recent fee percentage for this account and currency; null when unknown. */
  feePercentageOf: (profileId: string, currency: string) => DecimalString | null;
  now: () => number;
  /** The address book's label of an address, shown beside it (address-book-service.ts). */
  labelOf: (profileId: string, currency: string, address: string) => string | null;
  onProgress?: (draftId: string, batches: DraftBatch[]) => void;
  /** The batches are fixed and about to be sent: backed up before any request leaves. */
  onIntentsStored?: () => void;
  /**
   * The maker-checker gate (docs/approvals.md): the sentence refusing this plan, or null
   * when the profile's approval policy is met on its fingerprint. Run inside Submit's write
   * transaction, after the fingerprint check, before anything is fixed or sent.
   */
  approvalGate?: (plan: CurrentPlan) => string | null;
  /** Test payments holding rows of new addresses; none when absent. */
  testHolds?: DraftTestHolds;
};

type RowInput = Pick<DraftRow, 'address' | 'amount' | 'currency' | 'comment'> & {
  line: number | null;
  name?: string;
  extra?: readonly string[];
};

/** The draft a set of rows is validated for: its account, and whether it is a retry. */
type DraftContext = Pick<DraftSummary, 'profileId' | 'parentDraftId'>;

/** Whether a stored row and its revalidation say the same thing. */
function sameRow(a: DraftRow, b: DraftRow): boolean {
  return (
    a.address === b.address &&
    a.amount === b.amount &&
    a.currency === b.currency &&
    a.comment === b.comment &&
    a.name === b.name &&
    a.verdict === b.verdict &&
    JSON.stringify(a.problems) === JSON.stringify(b.problems)
  );
}

/** Why a released row is not in the follow-up: its error, or what is new since it was held. */
function leftOutReason(row: DraftRow, asHeld: DraftRow | undefined): string {
  if (row.verdict === 'error') {
    return row.problems
      .filter((problem) => severityOf(problem) === 'error')
      .map((problem) => problem.message)
      .join(' ');
  }
  const seen = new Set(asHeld?.problems.map((problem) => problem.code));
  const found = row.problems.filter((problem) => !seen.has(problem.code));
  return `${found.map((problem) => problem.message).join(' ')} This was found after the draft was submitted, so the row is not sent: pay it as a payout of its own if it is still owed.`;
}

/** A batch as the review shows it before anything is sent: no outbox row, no payout yet. */
function plannedBatch(
  batch: Pick<PayoutBatch, 'currency' | 'total' | 'rowNos'>,
  index: number,
): DraftBatch {
  return {
    batchNo: index + 1,
    requestId: '',
    currency: batch.currency,
    total: batch.total,
    rowCount: batch.rowNos.length,
    delivery: 'planned',
    payoutId: null,
    payoutState: null,
    errorMessage: null,
  };
}

function changedDraft(): DeskFailure {
  return new DeskFailure('VALIDATION', DRAFT_CHANGED_MESSAGE, { reason: DRAFT_CHANGED_REASON });
}

export function createMassDrafts(deps: MassDraftsDeps) {
  const { drafts, outbox, payouts, audit, now } = deps;

  const write = <T>(body: () => T): T => immediateWrite(deps.db, body);
  const requireDraft = (draftId: string): DraftSummary => requireDraftOf(drafts, draftId);

  function requireEditable(draftId: string): DraftSummary {
    const summary = requireDraft(draftId);
    if (summary.state !== 'editing') {
      throw new DeskFailure('VALIDATION', 'This draft was submitted: it can no longer be edited.');
    }
    return summary;
  }

  /**
   * Refuses to put a retry draft's deleted row back without the failed row it retries: its
   * link was not kept (deleted before schema 14), or another retry draft took that failed
   * row meanwhile (draft_rows_by_origin allows one retry per failed row).
   */
  function refuseLostOrTakenOrigin(
    rowNo: number,
    origin: { draftId: string; rowNo: number } | null | undefined,
  ): void {
    if (origin === undefined) {
      throw new DeskFailure(
        'VALIDATION',
        `Row ${rowNo} was deleted from this retry draft before Payout Desk kept which failed row it retries, so it cannot be put back: make a new retry of the failed rows instead. Nothing was restored.`,
      );
    }
    if (origin === null) return; // a row added in the retry draft retries nothing
    const takenBy = drafts.retryDraftOfRow(origin.draftId, origin.rowNo);
    if (takenBy === undefined) return;
    const other = requireDraft(takenBy);
    throw new DeskFailure(
      'VALIDATION',
      `Row ${rowNo} retries row ${origin.rowNo} of "${requireDraft(origin.draftId).name}", and another retry draft ("${other.name}", made ${utcMinute(other.createdMs)}) retries that row now: putting it back could pay that recipient twice. Nothing was restored.`,
    );
  }

  /**
   * The shared rules, the same as the importer's, with duplicates across the whole draft.
   * What is stored is what the rules normalised (no invisible characters, upper-case codes,
   * a plain decimal), since that is what will be paid. Problems only the file could show
   * (a row swallowed by an unclosed quote) stay until the row is edited.
   */
  function validateAll(
    draft: DraftContext,
    rows: readonly (RowInput & { rowNo: number; problems?: readonly RowProblem[] })[],
    decimalSeparator: '.' | ',',
    options: { fresh?: boolean } = {},
  ): DraftRow[] {
    const recent = deps.recentPayouts(draft.profileId);
    const paid = deps.paidAddresses(draft.profileId, { fresh: options.fresh });
    return withDuplicates(
      rows.map((row) => validateOne(draft, row, decimalSeparator, recent, paid)),
    );
  }

  /** Duplicate warnings recomputed across `rows` (flagDuplicates), as stored rows. */
  function withDuplicates(rows: readonly DraftRow[]): DraftRow[] {
    return flagDuplicates(rows).map((row) => ({
      ...row,
      problems: row.problems.map(({ code, message }) => ({ code, message })),
    }));
  }

  /** One row through the shared row rules (draft-row-rules.ts), as this draft stores it. */
  function validateOne(
    draft: DraftContext,
    row: RowInput & { rowNo: number; problems?: readonly RowProblem[] },
    decimalSeparator: '.' | ',',
    recent: readonly RecentPayout[],
    paid: PaidAddresses,
  ): DraftRow {
    return validateStoredRow(row, {
      decimalSeparator,
      recentPayouts: recent,
      isRetry: draft.parentDraftId !== null,
      paid,
    });
  }

  /**
   * The duplicate groups of `keys` after a change, each recomputed whole (docs/drafts.md):
   * a row's duplicate warning depends only on the rows sharing its key, so this gives what
   * flagDuplicates over the whole draft would give those rows, and nothing else can move.
   * `replacing` is a row about to be written: it leaves its stored group and joins the one
   * of its new address. Returns the rows whose problems or verdict changed, and `replacing`
   * as its group makes it when it has one.
   */
  function regroup(draftId: string, keys: Iterable<string>, replacing?: DraftRow): DraftRow[] {
    const changed: DraftRow[] = [];
    const newKey = replacing === undefined ? null : addressKey(replacing.address);
    for (const key of new Set(keys)) {
      if (key === '') continue;
      const stored = drafts.duplicateGroup(draftId, key);
      let group = stored;
      if (replacing !== undefined) {
        group = stored.filter((row) => row.rowNo !== replacing.rowNo);
        if (key === newKey) {
          group.push(replacing);
          group.sort((a, b) => a.rowNo - b.rowNo);
        }
      }
      // The replacing row is always returned: it is written whatever its group says.
      const before = new Map(
        stored.filter((row) => row.rowNo !== replacing?.rowNo).map((row) => [row.rowNo, row]),
      );
      for (const row of withDuplicates(group)) {
        const was = before.get(row.rowNo);
        if (was === undefined || !sameRow(was, row)) changed.push(row);
      }
    }
    return changed;
  }

  function batchesOf(summary: DraftSummary): DraftBatch[] {
    return drafts.batches(summary.id).map((batch) => {
      const entry = outbox.get(batch.requestId);
      const payoutId = entry?.resultId ?? null;
      const cached =
        payoutId === null ? undefined : payouts.getDetails(summary.profileId, 'mass', payoutId);
      return {
        ...batch,
        delivery: entry?.state ?? 'not-sent',
        payoutId,
        payoutState: cached?.item.state ?? null,
        errorMessage: entry?.errorMessage ?? null,
        recipients:
          cached === undefined || cached.withdrawals.length === 0
            ? null
            : tallyRecipients(cached.withdrawals.map((withdrawal) => withdrawal.state)),
      };
    });
  }

  /** Saves the rows whose revalidation changed something; nothing when none did. */
  function saveChanged(draftId: string, before: readonly DraftRow[], after: readonly DraftRow[]) {
    const old = new Map(before.map((row) => [row.rowNo, row]));
    const changed = after.filter((row) => {
      const was = old.get(row.rowNo);
      return was === undefined || !sameRow(was, row);
    });
    if (changed.length > 0) drafts.saveRows(draftId, changed, now());
  }

  /** The rules once more, saved: what the review shows is what Submit recomputes. */
  function revalidateSaved(summary: DraftSummary): DraftRow[] {
    return revalidate(summary).after;
  }

  /** revalidateSaved, with the rows as they were saved before (the last review's verdicts). */
  function revalidate(summary: DraftSummary): { before: DraftRow[]; after: DraftRow[] } {
    const before = drafts.allRows(summary.id);
    // Fresh: what is reviewed and signed is checked against the history as it is now.
    const after = validateAll(summary, before, summary.decimalSeparator, { fresh: true });
    saveChanged(summary.id, before, after);
    return { before, after };
  }

  /**
   * The planned rows that have a problem now that their saved verdict (the last review's)
   * did not have: a payment synced since the review that the row repeats, above all. The
   * plan and its fingerprint are the same, so without this Submit sent what nobody saw
   * flagged and paid the recipient twice (test/integration/desk/repeat-after-review.test.ts).
   */
  function newProblemsSinceReview(
    before: readonly DraftRow[],
    planned: readonly { rows: readonly DraftRow[] }[],
  ): number[] {
    const saved = new Map(before.map((row) => [row.rowNo, row]));
    const rowNos: number[] = [];
    for (const batch of planned) {
      for (const row of batch.rows) {
        const seen = new Set(saved.get(row.rowNo)?.problems.map((problem) => problem.code));
        if (row.problems.some((problem) => !seen.has(problem.code))) rowNos.push(row.rowNo);
      }
    }
    return rowNos.sort((a, b) => a - b);
  }

  /** The draft's holds, by hold key, as they are now. */
  function holdsNow(draftId: string): Map<string, TestPaymentHold> {
    return deps.testHolds?.heldKeys(draftId) ?? new Map<string, TestPaymentHold>();
  }

  /** Whether this row is held out of the batches by its address's test payment now. */
  function isHeld(row: DraftRow, holds: ReadonlyMap<string, TestPaymentHold>): boolean {
    if (holds.size === 0 || row.verdict === 'error') return false;
    const key = rowHoldKey(row);
    const hold = key === null ? undefined : holds.get(key);
    return hold !== undefined && hold.state !== 'released';
  }

  /**
   * Batches as Submit would make them from these rows; rows with an error are left out, and
   * so are rows held for a test payment of their address (listed, for the fingerprint).
   */
  function plan(
    rows: readonly DraftRow[],
    holds: ReadonlyMap<string, TestPaymentHold> = new Map(),
  ) {
    const heldRows = rows.filter((row) => isHeld(row, holds));
    const heldNos = new Set(heldRows.map((row) => row.rowNo));
    const sendable = rows.filter((row) => row.verdict !== 'error' && !heldNos.has(row.rowNo));
    const held = heldRows.map((row) => ({
      rowNo: row.rowNo,
      currency: row.currency,
      address: row.address,
      amount: row.amount,
      comment: row.comment,
    }));
    const batches = splitIntoBatches(sendable);
    const byRowNo = new Map(rows.map((row) => [row.rowNo, row]));
    const planned = batches.map((batch) => ({
      currency: batch.currency,
      rows: batch.rowNos.map((rowNo) => {
        const row = byRowNo.get(rowNo);
        if (!row) throw new Error(`row ${rowNo} vanished while planning`);
        return row;
      }),
    }));
    return { sendable, batches, planned, held, heldRows };
  }

  function totalsOf(batches: readonly PayoutBatch[]) {
    const totals = new Map<string, { total: string; rowCount: number }>();
    for (const batch of batches) {
      const entry = totals.get(batch.currency) ?? { total: '0', rowCount: 0 };
      totals.set(batch.currency, {
        total: sumDecimals([entry.total, batch.total]),
        rowCount: entry.rowCount + batch.rowNos.length,
      });
    }
    return totals;
  }

  /** Totals of the batches and the held rows together: what an approval covers. */
  function coveredTotals(batches: readonly PayoutBatch[], held: readonly HeldRow[]) {
    const totals = totalsOf(batches);
    for (const row of held) {
      const entry = totals.get(row.currency) ?? { total: '0', rowCount: 0 };
      totals.set(row.currency, {
        total: sumDecimals([entry.total, normalizeDecimal(row.amount)]),
        rowCount: entry.rowCount + 1,
      });
    }
    return [...totals].map(([currency, value]) => ({ currency, ...value }));
  }

  function targetOf(summary: DraftSummary): PlanTarget {
    return { profileId: summary.profileId, ...deps.targetOf(summary.profileId) };
  }

  function fingerprintOf(
    summary: DraftSummary,
    planned: readonly PlannedBatch[],
    held: readonly HeldRow[] = [],
  ): string {
    return planFingerprint(targetOf(summary), planned, held);
  }

  /** The fingerprint of a draft whose batches are fixed: the one checked when they were. */
  function fixedFingerprint(summary: DraftSummary): string {
    const stored = drafts.submittedFingerprint(summary.id);
    if (stored !== null) return stored;
    // Submitted before fingerprints were stored (schema 6): the plan of its fixed batches.
    return fingerprintOf(
      summary,
      drafts.batches(summary.id).map((batch) => ({
        currency: batch.currency,
        rows: drafts
          .batchRowNos(batch.requestId)
          .flatMap((rowNo) => drafts.row(summary.id, rowNo) ?? []),
      })),
    );
  }

  function payloadFor(
    summary: DraftSummary,
    requestId: string,
    currency: string,
    rows: readonly DraftRow[],
    batchNo: number,
    batchCount: number,
    followUp = false,
  ): MassPayoutCreateRequest {
    const base = followUp ? `${summary.name} (held rows)` : summary.name;
    return {
      currency,
      name: batchCount > 1 ? `${base} (${batchNo}/${batchCount})` : base,
      idempotencyKey: requestId,
      massAddresses: rows.map((row) => ({
        depositAddress: row.address,
        amount: normalizeDecimal(row.amount),
        ...(row.comment ? { comment: row.comment } : {}),
      })),
    };
  }

  /**
   * Fixes the planned batches: outbox rows, draft batches, the state and the audit entry
   * with the fingerprint. Called only inside submit's write transaction, after the check,
   * with the target the fingerprint was computed for (the intents' target). A follow-up
   * (the released rows of a submitted draft, docs/test-payments.md) numbers its batches
   * after the draft's, keeps the draft's submitted fingerprint and is audited as such.
   */
  function fixBatches(
    current: DraftSummary,
    target: PlanTarget,
    batches: readonly PayoutBatch[],
    planned: readonly { rows: readonly DraftRow[] }[],
    fingerprint: string,
    followUp = false,
  ): void {
    const firstNo = followUp ? drafts.batches(current.id).length + 1 : 1;
    const intents: {
      requestId: string;
      payloadHash: string;
      target: { baseUrl: string; account: string };
    }[] = [];
    const stored = batches.map((batch, index) => {
      const requestId = randomUUID();
      const payload = payloadFor(
        current,
        requestId,
        batch.currency,
        planned[index]?.rows ?? [],
        index + 1,
        batches.length,
        followUp,
      );
      outbox.insertPending({
        requestId,
        profileId: current.profileId,
        kind: 'mass',
        sourceId: current.id,
        payload,
        atMs: now(),
      });
      intents.push({
        requestId,
        payloadHash: payloadHash(serializePayload(payload)),
        target: { baseUrl: target.baseUrl, account: target.account },
      });
      return {
        draftId: current.id,
        batchNo: firstNo + index,
        requestId,
        currency: batch.currency,
        total: batch.total,
        rowNos: batch.rowNos,
      };
    });
    drafts.insertBatches(stored);
    if (!followUp) drafts.setSubmittedFingerprint(current.id, fingerprint);
    drafts.setState(current.id, 'submitting', now());
    audit.append({
      atMs: now(),
      profileId: current.profileId,
      action: followUp ? 'draft.held-rows-submitted' : 'draft.submitted',
      detail: {
        draftId: current.id,
        fingerprint,
        target: { baseUrl: target.baseUrl, account: target.account },
        intents,
        batches: stored.map((batch) => ({
          requestId: batch.requestId,
          currency: batch.currency,
          total: batch.total,
          rows: batch.rowNos.length,
        })),
      },
    });
  }

  /** The rows of a submitted draft whose withdrawal FAILED, in batch order. */
  function failedRowsOf(summary: DraftSummary): DraftRow[] {
    const failed: DraftRow[] = [];
    for (const batch of batchesOf(summary)) {
      if (batch.payoutId === null) continue;
      const rows = drafts
        .batchRowNos(batch.requestId)
        .flatMap((rowNo) => drafts.row(summary.id, rowNo) ?? []);
      const matched = matchWithdrawals(rows, deps.withdrawalsOf(summary.profileId, batch.payoutId));
      for (const row of rows) {
        if (matched.get(row.rowNo)?.state === 'FAILED') failed.push(row);
      }
    }
    return failed;
  }

  /** Per currency: amount, estimated fee, total debit and the balances (shared/debit-estimate). */
  async function debitsOf(
    summary: DraftSummary,
    totals: ReadonlyMap<string, { total: string; rowCount: number }>,
  ): Promise<{ debits: DraftReview['debits']; balanceError: DraftReview['balanceError'] }> {
    let balances: Balance[] | null = null;
    let balanceError: DraftReview['balanceError'] = null;
    try {
      balances = (await (await deps.clientOf(summary.profileId)).getAccount()).balances;
    } catch (error) {
      balanceError = toDeskError(error);
    }
    const debits = [...totals].map(([currency, { total }]) =>
      estimateDebit({
        currency,
        amount: total,
        feePercentage: deps.feePercentageOf(summary.profileId, currency),
        balances,
      }),
    );
    return { debits, balanceError };
  }

  async function deliverAll(summary: DraftSummary): Promise<DraftBatch[]> {
    for (const batch of drafts.batches(summary.id)) {
      const entry = outbox.get(batch.requestId);
      if (!entry || (entry.state !== 'pending' && entry.state !== 'not-sent')) continue;
      await deps.submission.deliver(entry);
      deps.onProgress?.(summary.id, batchesOf(summary));
    }
    const batches = batchesOf(summary);
    // Submitted once every batch is final (docs/intents.md); not-sent and pending are not.
    const final: readonly DraftBatch['delivery'][] = ['done', 'rejected', 'cancelled', 'expired'];
    if (batches.every((batch) => final.includes(batch.delivery))) {
      drafts.setState(summary.id, 'submitted', now());
    }
    return batches;
  }

  /** The review's part about test payments: holds, the rows they hold, what could be tested. */
  function testPaymentsOf(
    summary: DraftSummary,
    rows: readonly DraftRow[],
    holds: ReadonlyMap<string, TestPaymentHold>,
  ): DraftReview['testPayments'] {
    const all = [...holds.values()];
    const heldRows = all
      .filter((hold) => hold.state !== 'released' || summary.state !== 'editing')
      .flatMap((hold) =>
        hold.rowNos.map((rowNo) => ({ rowNo, code: TEST_PAYMENT_PENDING, message: hold.message })),
      );
    const sent = summary.state === 'editing' ? new Set<number>() : batchedRowNos(summary.id);
    const offered =
      summary.state === 'editing' ? deps.testHolds?.offersOf(summary, rows) : undefined;
    return {
      holds: all,
      offers: offered?.offers ?? [],
      offerCount: offered?.total ?? 0,
      heldRows: heldRows.filter((row) => !sent.has(row.rowNo)).sort((a, b) => a.rowNo - b.rowNo),
    };
  }

  function batchedRowNos(draftId: string): Set<number> {
    return new Set(drafts.batches(draftId).flatMap((batch) => drafts.batchRowNos(batch.requestId)));
  }

  /**
   * The follow-up plan of a submitted draft: the rows of released holds that no batch holds,
   * checked once more against the history as it is now (docs/test-payments.md). Rows with
   * an error then are left out, and so are rows with a problem they did not have when they
   * were held: days may pass before a follow-up, and a repeat found now (the recipient paid
   * the same amount another way meanwhile) is a warning no review of the draft showed, so
   * sending it could pay twice (held-rows-repeat.test.ts). Each is listed with why; rows of
   * holds not released are only counted.
   */
  function followUpPlan(summary: DraftSummary) {
    const holds = holdsNow(summary.id);
    const sent = batchedRowNos(summary.id);
    const released = new Set<number>();
    let stillHeld = 0;
    for (const hold of holds.values()) {
      for (const rowNo of hold.rowNos) {
        if (sent.has(rowNo)) continue;
        if (hold.state === 'released') released.add(rowNo);
        else stillHeld += 1;
      }
    }
    const stored = [...released]
      .sort((a, b) => a - b)
      .flatMap((rowNo) => drafts.row(summary.id, rowNo) ?? []);
    // The rows as they were held and fingerprinted: only the verdict is looked at again.
    const checked = validateAll(summary, stored, summary.decimalSeparator, { fresh: true });
    const changed = new Set(
      newProblemsSinceReview(stored, [{ rows: checked.filter((row) => row.verdict !== 'error') }]),
    );
    const { sendable, batches, planned } = plan(checked.filter((row) => !changed.has(row.rowNo)));
    const target = targetOf(summary);
    const held = new Map(stored.map((row) => [row.rowNo, row]));
    const leftOut = checked
      .filter((row) => row.verdict === 'error' || changed.has(row.rowNo))
      .map((row) => ({
        rowNo: row.rowNo,
        line: row.line,
        reason: leftOutReason(row, held.get(row.rowNo)),
      }));
    return {
      target,
      batches,
      planned,
      fingerprint: followUpFingerprint(target, summary.id, planned),
      excludedRows: stored.length - sendable.length,
      leftOut,
      stillHeld,
    };
  }

  function auditedRows(rowNos: readonly number[]) {
    const rowRanges = toRowRanges(rowNos);
    return { rows: rowCountOf(rowRanges), rowRanges };
  }

  /**
   * Deletes rows of a draft being edited (its check done by the caller, in the same write),
   * audited; a deleted duplicate may clear the warning of the rows it repeated, so the groups
   * of the deleted addresses are recomputed. Returns the numbers of the rows deleted.
   */
  function deleteIn(summary: DraftSummary, rowNos: readonly number[]): number[] {
    const deleted = drafts.deleteRows(summary.id, rowNos, now());
    audit.append({
      atMs: now(),
      profileId: summary.profileId,
      action: 'draft.rows-deleted',
      // As runs, so a select-all on a million rows is not a million numbers (row-ranges.ts).
      detail: { draftId: summary.id, ...auditedRows(rowNos) },
    });
    const regrouped = regroup(
      summary.id,
      deleted.map((row) => addressKey(row.address)),
    );
    if (regrouped.length > 0) drafts.saveRows(summary.id, regrouped, now());
    return deleted.map((row) => row.rowNo);
  }

  /**
   * A search as the rows are stored: trimmed, and for the amounts also as the draft's
   * canonical decimals write them ("1.000,50" in a decimal-comma draft finds "1000.50").
   */
  function matchOf(summary: DraftSummary, input: { search?: string }): RowMatch {
    const search = input.search?.trim() ?? '';
    if (search === '') return {};
    const amountSearch =
      summary.decimalSeparator === ','
        ? search.replace(/\./g, '').replace(',', '.')
        : search.replace(/,/g, '');
    return { search, amountSearch };
  }

  function requireSubmitted(draftId: string): DraftSummary {
    const summary = requireDraft(draftId);
    if (summary.state === 'editing') {
      throw new DeskFailure(
        'VALIDATION',
        'This draft is not submitted yet: rows a test payment released go out with its Submit.',
      );
    }
    return summary;
  }

  return {
    create(input: DeskArgument<'createDraft'>): DraftSummary {
      requireKeptCellsFit(input.extraColumns ?? [], input.rows);
      const id = randomUUID();
      const rows = validateAll(
        { profileId: input.profileId, parentDraftId: null },
        input.rows.map((row, index) => ({ ...row, rowNo: index + 1 })),
        input.decimalSeparator,
      );
      const atMs = now();
      drafts.create(importedDraft(input, id, atMs), rows);
      recordImport({ drafts, audit }, input, id, rows.length, atMs);
      return requireDraft(id);
    },

    /**
     * A draft of rows this desk validated itself a moment ago (its own reading of a file,
     * file-readings.ts), with the same rules, the same recent payments and paid addresses,
     * duplicates over the whole file: stored as they are, not validated a second time.
     * Like an edit, a verdict can age until the review, which recomputes every row with
     * the history as it is then (and Submit does again), so nothing is signed on it.
     */
    createChecked(source: ImportSource, rows: readonly DraftRow[]): DraftSummary {
      const id = randomUUID();
      const atMs = now();
      drafts.create(importedDraft(source, id, atMs), rows);
      recordImport({ drafts, audit }, source, id, rows.length, atMs);
      return requireDraft(id);
    },

    list: (profileId: string) => drafts.list(profileId),
    get: requireDraft,
    rows: (input: DeskArgument<'getDraftRows'>) => {
      const summary = requireDraft(input.draftId);
      const page = drafts.rows(
        input.draftId,
        input.offset ?? 0,
        input.limit ?? 200,
        input.verdict,
        matchOf(summary, input),
      );
      const labels: Record<number, string> = {};
      for (const row of page.rows) {
        const label = deps.labelOf(summary.profileId, row.currency, row.address);
        if (label !== null) labels[row.rowNo] = label;
      }
      return { ...page, labels };
    },

    /**
     * A look-alike the person checked with the recipient (the whole address): the row's
     * error becomes a warning that says so, for this address only, audited with what was
     * accepted. A token contract is never accepted (the schema allows only ACCEPTABLE_RISKS).
     */
    acceptRowRisk(input: DeskArgument<'acceptDraftRowRisk'>) {
      return write(() => {
        const summary = requireEditable(input.draftId);
        const current = drafts.row(input.draftId, input.rowNo);
        if (!current) throw new DeskFailure('NOT_FOUND', `The draft has no row ${input.rowNo}.`);
        const found = current.problems.find((problem) => problem.code === input.risk);
        if (!found) {
          throw new DeskFailure(
            'VALIDATION',
            `Row ${input.rowNo} has no look-alike warning to confirm (the address may have changed, or the warning was already confirmed).`,
          );
        }
        const accepted: RowProblem = {
          code: 'ADDRESS_LOOKALIKE_ACCEPTED',
          message: `You confirmed this address with the recipient. ${found.message.replace(/ Check the whole address with the recipient before confirming it\.$/, '')}`,
        };
        const validated = validateOne(
          summary,
          { ...current, problems: [...current.problems, accepted] },
          summary.decimalSeparator,
          deps.recentPayouts(summary.profileId),
          deps.paidAddresses(summary.profileId, { fresh: true }),
        );
        const regrouped = regroup(input.draftId, [addressKey(current.address)], validated);
        const row = regrouped.find((entry) => entry.rowNo === input.rowNo) ?? validated;
        drafts.saveRows(
          input.draftId,
          [row, ...regrouped.filter((entry) => entry.rowNo !== input.rowNo)],
          now(),
        );
        audit.append({
          atMs: now(),
          profileId: summary.profileId,
          action: 'draft.risk-accepted',
          detail: {
            draftId: input.draftId,
            rowNo: input.rowNo,
            line: current.line,
            address: current.address,
            currency: current.currency,
            risk: input.risk,
            warning: found.message,
          },
        });
        return { row, summary: requireDraft(input.draftId) };
      });
    },

    updateRow(input: DeskArgument<'updateDraftRow'>) {
      return write(() => {
        const summary = requireEditable(input.draftId);
        const current = drafts.row(input.draftId, input.rowNo);
        if (!current) throw new DeskFailure('NOT_FOUND', `The draft has no row ${input.rowNo}.`);
        const edited = {
          ...current,
          // The person has looked at this row: what only the file could show no longer applies,
          // except an ambiguous amount, which only a new amount resolves, and a look-alike
          // they confirmed, which holds for this address and network only.
          problems: current.problems.filter(
            (problem) =>
              (problem.code === 'AMOUNT_AMBIGUOUS' && input.amount === undefined) ||
              (problem.code === 'ADDRESS_LOOKALIKE_ACCEPTED' &&
                input.address === undefined &&
                input.currency === undefined),
          ),
          ...(input.address !== undefined ? { address: input.address } : {}),
          ...(input.amount !== undefined ? { amount: input.amount } : {}),
          ...(input.currency !== undefined ? { currency: input.currency } : {}),
          ...(input.comment !== undefined ? { comment: input.comment } : {}),
          ...(input.name !== undefined ? { name: input.name } : {}),
        };
        const validated = validateOne(
          summary,
          edited,
          summary.decimalSeparator,
          deps.recentPayouts(summary.profileId),
          deps.paidAddresses(summary.profileId),
        );
        // Duplicates are about the whole draft, but only the groups of the old and the new
        // address can move: those are recomputed, every other row stays as saved.
        const regrouped = regroup(
          input.draftId,
          [addressKey(current.address), addressKey(validated.address)],
          validated,
        );
        const row = regrouped.find((entry) => entry.rowNo === input.rowNo) ?? validated;
        const changed = [row, ...regrouped.filter((entry) => entry.rowNo !== input.rowNo)];
        // The state check, the edit and its audit entry are one write transaction: an edit
        // reported as "could not save" (full disk, lock) is not on disk anyway, and one
        // reported as saved was saved while the draft was still being edited.
        drafts.saveRows(input.draftId, changed, now());
        audit.append({
          atMs: now(),
          profileId: summary.profileId,
          action: 'draft.row-edited',
          detail: {
            draftId: input.draftId,
            rowNo: input.rowNo,
            line: current.line,
            before: {
              address: current.address,
              amount: current.amount,
              currency: current.currency,
              comment: current.comment,
              name: current.name,
            },
            after: {
              address: edited.address,
              amount: edited.amount,
              currency: edited.currency,
              comment: edited.comment,
              name: edited.name,
            },
          },
        });
        return { row, summary: requireDraft(input.draftId) };
      });
    },

    addRow(draftId: string) {
      return write(() => {
        const summary = requireEditable(draftId);
        const [row] = validateAll(
          summary,
          [{ rowNo: 0, line: null, address: '', amount: '', currency: '', comment: '' }],
          summary.decimalSeparator,
        );
        if (!row) throw new Error('validation returned no row');
        const rowNo = drafts.addRow(draftId, row, now());
        return { row: { ...row, rowNo }, summary: requireDraft(draftId) };
      });
    },

    deleteRows(draftId: string, rowNos: readonly number[]) {
      return write(() => {
        deleteIn(requireEditable(draftId), rowNos);
        return requireDraft(draftId);
      });
    },

    /**
     * "Select all" of a filter and a search, deleted in main: every matching row, not only
     * those the grid has loaded, except the ones the person unticked. Returns the rows'
     * numbers, which an undo puts back.
     */
    deleteMatchingRows(input: DeskArgument<'deleteMatchingDraftRows'>) {
      return write(() => {
        const summary = requireEditable(input.draftId);
        const except = new Set(input.exceptRowNos ?? []);
        const rowNos = drafts
          .matchingRowNos(input.draftId, { verdict: input.verdict, ...matchOf(summary, input) })
          .filter((rowNo) => !except.has(rowNo));
        if (rowNos.length === 0) {
          throw new DeskFailure(
            'VALIDATION',
            'No row matches the filter and search: nothing was deleted.',
          );
        }
        const deleted = deleteIn(summary, rowNos);
        return { summary: requireDraft(input.draftId), deletedRowNos: deleted };
      });
    },

    /**
     * Undo of a delete: the rows kept as they were (draft_deleted_rows, schema 12) go back
     * under their own numbers, with their line, name and kept cells, through the rules again
     * (the history may have moved since) and with their duplicate groups recomputed whole, so
     * verdicts, warnings and totals are what they would be had the rows never left. One
     * IMMEDIATE write with its audit entry. In a retry draft a row goes back with the failed
     * row it retries (schema 14), the link that keeps a failed recipient from being retried
     * twice. Refused, with nothing restored, once submitted, for a row that is not deleted
     * (never, or already put back), and in a retry draft for a row whose failed row another
     * retry took meanwhile, or that was deleted before its link was kept.
     */
    restoreRows(input: DeskArgument<'restoreDraftRows'>) {
      return write(() => {
        const summary = requireEditable(input.draftId);
        const deleted = new Map(
          drafts.deletedRows(input.draftId).map((entry) => [entry.row.rowNo, entry]),
        );
        const kept = new Map([...deleted].map(([rowNo, entry]) => [rowNo, entry.row]));
        const rowNos = [...new Set(input.rowNos)].sort((a, b) => a - b);
        const missing = rowNos.filter(
          (rowNo) => !kept.has(rowNo) || drafts.row(input.draftId, rowNo) !== undefined,
        );
        if (missing.length > 0) {
          const named = missing.slice(0, 10).join(', ');
          const more = missing.length > 10 ? ` and ${missing.length - 10} more` : '';
          throw new DeskFailure(
            'VALIDATION',
            `${missing.length === 1 ? 'Row' : 'Rows'} ${named}${more} ${missing.length === 1 ? 'is' : 'are'} not deleted from this draft (never, or already put back): nothing was restored.`,
          );
        }
        if (summary.parentDraftId !== null) {
          for (const rowNo of rowNos) refuseLostOrTakenOrigin(rowNo, deleted.get(rowNo)?.origin);
        }
        const recent = deps.recentPayouts(summary.profileId);
        const paid = deps.paidAddresses(summary.profileId);
        const restored = rowNos.flatMap((rowNo) => {
          const entry = deleted.get(rowNo);
          return entry === undefined
            ? []
            : [
                {
                  ...validateOne(summary, entry.row, summary.decimalSeparator, recent, paid),
                  ...(entry.origin ? { origin: entry.origin } : {}),
                },
              ];
        });
        drafts.restoreRows(input.draftId, restored, now());
        // Back in their groups: the duplicate warnings of those groups are recomputed whole.
        const regrouped = regroup(
          input.draftId,
          restored.map((row) => addressKey(row.address)),
        );
        if (regrouped.length > 0) drafts.saveRows(input.draftId, regrouped, now());
        audit.append({
          atMs: now(),
          profileId: summary.profileId,
          action: 'draft.rows-restored',
          detail: { draftId: input.draftId, ...auditedRows(rowNos) },
        });
        return requireDraft(input.draftId);
      });
    },

    discard(draftId: string) {
      return write(() => {
        requireEditable(draftId);
        drafts.discard(draftId);
        return { discarded: true as const };
      });
    },

    async review(draftId: string): Promise<DraftReview> {
      // Revalidated and saved first, as Submit does: a verdict that moved since the last
      // edit (a payment synced meanwhile) shows here, not as a surprise refusal later.
      const editing = write(() => {
        const current = requireDraft(draftId);
        if (current.state !== 'editing') return null;
        const revalidated = revalidateSaved(current);
        return { summary: requireDraft(draftId), rows: revalidated };
      });
      if (editing === null) {
        // Submitted (perhaps a moment ago, from another window): the plan it fixed.
        const found = requireDraft(draftId);
        return {
          summary: found,
          fingerprint: fixedFingerprint(found),
          batches: batchesOf(found),
          totals: [],
          balances: null,
          debits: [],
          balanceError: null,
          excludedRows: found.counts.error,
          testPayments: testPaymentsOf(found, [], holdsNow(draftId)),
        };
      }
      const { summary, rows } = editing;
      const holds = holdsNow(draftId);
      const { sendable, batches, planned, held } = plan(rows, holds);
      const fingerprint = fingerprintOf(summary, planned, held);
      const totals = totalsOf(batches);
      const { debits, balanceError } = await debitsOf(summary, totals);
      const balances: DraftReview['balances'] =
        balanceError !== null
          ? null
          : debits.map((debit) => ({
              currency: debit.currency,
              available: debit.balance ?? '0',
              needed: debit.totalDebit,
              short: debit.short,
            }));
      return {
        summary,
        fingerprint,
        batches: batches.map(plannedBatch),
        totals: [...totals].map(([currency, value]) => ({ currency, ...value })),
        balances,
        debits,
        balanceError,
        excludedRows: summary.rowCount - sendable.length - held.length,
        testPayments: testPaymentsOf(summary, rows, holds),
      };
    },

    /**
     * Sends exactly the plan that hashes to `fingerprint`, or nothing. The check, the
     * revalidation (saved), the state change and the fixing of the batches are one write
     * transaction; a draft already submitting only delivers what it fixed.
     */
    async submit(draftId: string, fingerprint: string): Promise<DraftBatch[]> {
      const fixed = write(() => {
        const current = requireDraft(draftId);
        if (current.state !== 'editing') {
          // A second Submit (double click, second window, restart) of the plan it fixed.
          if (fixedFingerprint(current) !== fingerprint) throw changedDraft();
          return false;
        }
        // The rules once more, on exactly what will be signed.
        const { before, after: rows } = revalidate(current);
        const { batches, planned, held } = plan(rows, holdsNow(draftId));
        if (batches.length === 0) {
          throw new DeskFailure(
            'VALIDATION',
            held.length > 0
              ? 'Every row of this draft that can be sent is held for a test payment: submit it once a test has released its rows.'
              : 'Every row of this draft has an error: nothing can be sent.',
          );
        }
        const target = targetOf(current);
        if (planFingerprint(target, planned, held) !== fingerprint) throw changedDraft();
        // Same plan, but a row now says something the review did not (nothing is written:
        // the throw rolls the revalidation back, and the review again saves and shows it).
        const flagged = newProblemsSinceReview(before, planned);
        if (flagged.length > 0) {
          const named = flagged.slice(0, 10).join(', ');
          const more = flagged.length > 10 ? ` and ${flagged.length - 10} more` : '';
          throw new DeskFailure(
            'VALIDATION',
            `${flagged.length === 1 ? 'Row' : 'Rows'} ${named}${more} ${flagged.length === 1 ? 'has' : 'have'} a warning your review did not show (a payment made since may repeat ${flagged.length === 1 ? 'it' : 'them'}): nothing was sent. Review the draft again before submitting.`,
            { reason: DRAFT_CHANGED_REASON, rowNos: flagged },
          );
        }
        const refusal =
          deps.approvalGate?.({
            summary: current,
            target,
            fingerprint,
            planned,
            totals: coveredTotals(batches, held),
            held,
          }) ?? null;
        // Nothing is written when refused; the refusal is audited after this transaction,
        // which a throw here would roll back with it.
        if (refusal !== null) return { refusal, profileId: current.profileId };
        fixBatches(current, target, batches, planned, fingerprint);
        return true;
      });
      if (typeof fixed === 'object') {
        audit.append({
          atMs: now(),
          profileId: fixed.profileId,
          action: 'draft.submit-refused',
          detail: {
            draftId,
            fingerprint,
            reason: APPROVALS_MISSING_REASON,
            message: fixed.refusal,
          },
        });
        throw new DeskFailure('VALIDATION', fixed.refusal, { reason: APPROVALS_MISSING_REASON });
      }
      if (fixed) deps.onIntentsStored?.();
      return deliverAll(requireDraft(draftId));
    },

    batches: (draftId: string) => batchesOf(requireDraft(draftId)),

    /** The fresh review of a submitted draft's released rows, with its own fingerprint. */
    reviewHeldRows(draftId: string): HeldRowsReview {
      const summary = requireSubmitted(draftId);
      const followUp = followUpPlan(summary);
      return {
        draftId,
        fingerprint: followUp.fingerprint,
        batches: followUp.batches.map(plannedBatch),
        totals: [...totalsOf(followUp.batches)].map(([currency, value]) => ({
          currency,
          ...value,
        })),
        excludedRows: followUp.excludedRows,
        leftOut: followUp.leftOut.slice(0, 100),
        stillHeld: followUp.stillHeld,
      };
    },

    /**
     * Sends the released rows of a submitted draft as follow-up batches, exactly the plan
     * that hashes to `fingerprint` (reviewHeldRows), or nothing. The check and the fixing
     * are one IMMEDIATE write, as Submit's: a row is fixed in one batch only, and a repeat
     * of a follow-up already fixed (double click, second window) only delivers it.
     */
    async sendHeldRows(draftId: string, fingerprint: string): Promise<DraftBatch[]> {
      const fixed = write(() => {
        const current = requireSubmitted(draftId);
        if (deps.testHolds?.hasFollowUp(draftId, fingerprint)) return false;
        const followUp = followUpPlan(current);
        if (followUp.fingerprint !== fingerprint) throw changedDraft();
        if (followUp.batches.length === 0) {
          throw new DeskFailure(
            'VALIDATION',
            followUp.stillHeld > 0
              ? 'No held row is released yet: a test payment must be COMPLETED and its address marked trusted first.'
              : 'This draft has no held rows left to send.',
          );
        }
        deps.testHolds?.recordFollowUp(draftId, fingerprint, now());
        fixBatches(current, followUp.target, followUp.batches, followUp.planned, fingerprint, true);
        return true;
      });
      if (fixed) deps.onIntentsStored?.();
      return deliverAll(requireDraft(draftId));
    },

    /**
     * The plan of a draft still being edited, revalidated and saved as the review does:
     * what an approval request carries (docs/approvals.md). Refused once submitted.
     */
    currentPlan(draftId: string): CurrentPlan {
      return write(() => {
        const summary = requireEditable(draftId);
        const { batches, planned, held } = plan(revalidateSaved(summary), holdsNow(draftId));
        const target = targetOf(summary);
        return {
          summary: requireDraft(draftId),
          target,
          fingerprint: planFingerprint(target, planned, held),
          planned,
          totals: coveredTotals(batches, held),
          held,
        };
      });
    },

    /** Resumes every draft left submitting (after a crash or while offline). */
    async resumeSubmitting(profileId: string): Promise<void> {
      for (const summary of drafts.list(profileId)) {
        if (summary.state === 'submitting') await deliverAll(summary);
      }
    },

    /**
     * A new draft with the failed recipients not retried yet, each row linked to the row it
     * retries (a unique index: one retry per row). Asking again returns the retry draft that
     * already holds them, whatever its state, so a failed recipient is paid again once.
     */
    retryFailedRows(draftId: string): DraftSummary {
      return write(() => {
        const summary = requireDraft(draftId);
        const failed = failedRowsOf(summary);
        if (failed.length === 0) {
          throw new DeskFailure('VALIDATION', 'No recipient of this draft failed.');
        }
        const retried = new Set(drafts.retriedRowNos(draftId));
        const fresh = failed.filter((row) => !retried.has(row.rowNo));
        if (fresh.length === 0) {
          const holding = new Set(
            failed.flatMap((row) => drafts.retryDraftOfRow(draftId, row.rowNo) ?? []),
          );
          // Newest first: the retry the person most likely has in mind.
          const existing = summary.retries.find((retry) => holding.has(retry.id));
          if (existing) return requireDraft(existing.id);
          throw new Error('retried rows without a retry draft');
        }
        const id = randomUUID();
        const rows = validateAll(
          { profileId: summary.profileId, parentDraftId: summary.id },
          fresh.map((row) => ({ ...row, amount: normalizeDecimal(row.amount) })),
          '.',
        );
        drafts.create(
          {
            id,
            profileId: summary.profileId,
            name: `${summary.name} — retry of failed rows`,
            sourceFile: summary.sourceFile,
            encoding: null,
            delimiter: null,
            decimalSeparator: '.',
            mapping: undefined,
            parentDraftId: summary.id,
            extraColumns: summary.extraColumns,
            atMs: now(),
          },
          rows.map((row, index) => ({
            ...row,
            origin: { draftId: summary.id, rowNo: fresh[index]?.rowNo ?? row.rowNo },
          })),
        );
        audit.append({
          atMs: now(),
          profileId: summary.profileId,
          action: 'draft.retry-created',
          detail: {
            draftId: id,
            originDraftId: summary.id,
            originRowNos: fresh.map((row) => row.rowNo),
          },
        });
        return requireDraft(id);
      });
    },

    /**
     * "Repeat this run" (docs/run-diff.md): a new draft being edited with the rows of an
     * earlier one (address, amount, currency, comment, line), validated by createDraft's
     * rules against today's payments, so today's verdicts apply. A submitted draft gives the
     * rows it sent (its batches); one still being edited gives all its rows, errors too, so
     * nothing is dropped without the person seeing it. One write, with its audit entry.
     */
    repeat(input: DeskArgument<'repeatDraft'>): DraftSummary {
      return write(() => {
        const origin = requireDraft(input.draftId);
        const source =
          origin.state === 'editing' ? drafts.allRows(origin.id) : fixedRows(drafts, origin.id);
        if (source.length === 0) {
          throw new DeskFailure('VALIDATION', `"${origin.name}" has no rows to repeat.`);
        }
        const id = randomUUID();
        // The origin's separator: a stored canonical amount reads the same under either, and
        // an amount that never read is read again as it was the first time.
        const rows = validateAll(
          { profileId: origin.profileId, parentDraftId: null },
          source.map((row, index) => ({
            rowNo: index + 1,
            line: row.line,
            address: row.address,
            amount: row.amount,
            currency: row.currency,
            comment: row.comment,
            name: row.name,
            extra: row.extra,
            // What only the file could show (an unclosed quote) still holds for this row.
            problems: row.problems,
          })),
          origin.decimalSeparator,
        );
        const atMs = now();
        drafts.create(
          {
            id,
            profileId: origin.profileId,
            name: input.name ?? `${origin.name} (repeat)`,
            sourceFile: origin.sourceFile,
            encoding: null,
            delimiter: null,
            decimalSeparator: origin.decimalSeparator,
            mapping: undefined,
            parentDraftId: null,
            extraColumns: origin.extraColumns,
            atMs,
          },
          rows,
        );
        audit.append({
          atMs,
          profileId: origin.profileId,
          action: 'draft.repeated',
          detail: { draftId: id, originDraftId: origin.id, rows: rows.length },
        });
        return requireDraft(id);
      });
    },

    /**
     * One line per line of the draft's file, in file order, with what became of it across
     * its retries (reconciliation.ts), as CSV in the file's own dialect or as .xlsx.
     */
    exportReconciliation(input: DeskArgument<'exportReconciliation'>): ReconciliationExport {
      const summary = requireDraft(input.draftId);
      const { lineCount, lines } = reconcileDraft(
        {
          drafts,
          batchesOf,
          massPayout: (profileId, payoutId) => {
            const details = payouts.getDetails(profileId, 'mass', payoutId);
            return details === undefined
              ? undefined
              : { withdrawals: details.withdrawals, executedMs: details.item.executionDateMs };
          },
          finalSeenOf: (profileId, payoutId) => payouts.finalSeenOf(profileId, payoutId),
          submittedMs: (requestId) => outbox.get(requestId)?.createdMs ?? null,
          heldRowNos: (draft, rows) => {
            const holds = holdsNow(draft.id);
            return new Set(rows.filter((row) => isHeld(row, holds)).map((row) => row.rowNo));
          },
          labelOf: deps.labelOf,
        },
        summary,
      );
      const format = input.format ?? 'csv';
      const base = `reconciliation-${summary.name.replace(/[^\w.-]+/g, '_')}`;
      if (format === 'xlsx') {
        const tooLarge = xlsxTooLarge(lineCount);
        if (tooLarge !== null) throw new DeskFailure('VALIDATION', tooLarge);
        const bytes = reconciliationXlsx(lines, summary.extraColumns);
        return {
          fileName: `${base}.xlsx`,
          format,
          csv: '',
          base64: Buffer.from(bytes).toString('base64'),
          rowCount: lineCount,
        };
      }
      const dialect = drafts.dialect(summary.id);
      return {
        fileName: `${base}.csv`,
        format,
        csv: reconciliationCsv(lines, summary.extraColumns, {
          ...dialect,
          decimalSeparator: summary.decimalSeparator,
        }),
        base64: '',
        rowCount: lineCount,
      };
    },

    recallMapping: (signature: string) => drafts.recallMapping(signature),
    /** A mapping remembered under another key than a header signature (a source name). */
    rememberMapping: (key: string, mapping: ColumnMappingInput) => {
      drafts.rememberMapping(key, mapping, now());
    },

    /**
     * The history a file read in the page's worker is checked against: the same recent
     * payments and paid addresses this desk reads small files and validates draft rows with,
     * so the import screen counts what the draft will (shared/import/import-history.ts).
     * Addresses and labels only: the address book the page lists anyway.
     */
    importHistory: (profileId: string): ImportHistory => ({
      recentPayouts: deps.recentPayouts(profileId).map(({ depositAddress, amount, currency }) => ({
        depositAddress,
        amount,
        currency,
      })),
      paidAddresses: deps.paidAddresses(profileId).entries(),
    }),
  };
}

export type MassDrafts = ReturnType<typeof createMassDrafts>;
