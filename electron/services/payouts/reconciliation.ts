/**
 * The reconciliation of a draft (docs/reconciliation.md): one line per line of its file, in
 * file order, deleted and unsent lines included, each with its outcome and the reason in
 * words, the batch, withdrawal, transaction, fee and times, and the final outcome across the
 * retries made of its failed rows (the retry that paid a row is named on the original line).
 */
import type { Withdrawal } from '../../../shared/calypso/types';
import { isFinalWithdrawalState } from '../../../shared/calypso/states';
import type { DraftBatch, DraftRow, DraftSummary } from '../../../shared/drafts';
import { explorerUrl } from '../../../shared/explorers';
import { severityOf } from '../../../shared/import/problems';
import { findCurrency, NETWORKS } from '../../../shared/networks';
import type { ReconciliationOutcome } from '../../../shared/reconciliation';
import type { DraftsRepo } from '../db';
import { matchWithdrawals } from './match-withdrawals';

export type ReconciliationDeps = {
  drafts: Pick<DraftsRepo, 'summary' | 'allRows' | 'deletedRows' | 'batchRowNos' | 'retryRowOf'>;
  batchesOf: (summary: DraftSummary) => DraftBatch[];
  /** The cached mass payout: its withdrawals and the execution date it was given, if any. */
  massPayout: (
    profileId: string,
    payoutId: string,
  ) => { withdrawals: Withdrawal[]; executedMs: number | null } | undefined;
  /** When a sync first saw each of the mass payout's withdrawals final, by id. */
  finalSeenOf: (profileId: string, payoutId: string) => Map<string, number>;
  /** When the batch's intent was written: the moment Submit fixed it. */
  submittedMs: (requestId: string) => number | null;
  /** Rows of a draft held out of its batches by a test payment now. */
  heldRowNos: (summary: DraftSummary, rows: readonly DraftRow[]) => Set<number>;
  labelOf: (profileId: string, currency: string, address: string) => string | null;
};

/** What became of one row in its own draft. */
type RowResult = {
  outcome: ReconciliationOutcome;
  reason: string;
  batchNo: number | null;
  payoutId: string | null;
  requestId: string | null;
  withdrawal: Withdrawal | null;
  submittedMs: number | null;
  executedMs: number | null;
  completedMs: number | null;
};

export type ReconciliationLine = RowResult & {
  sourceFile: string;
  line: number | null;
  rowNo: number;
  row: DraftRow;
  network: string;
  label: string;
  explorer: string;
  /** After the retries made of this line: what became of the payment in the end. */
  finalOutcome: ReconciliationOutcome;
  /** The retry drafts that took this line up, oldest first. */
  retriedIn: string[];
  /** The draft whose payout paid this line, when one did. */
  paidBy: string;
};

/** Outcomes a later retry can change: the payment did not happen in this draft. */
const RETRIABLE = new Set<ReconciliationOutcome>([
  'failed',
  'cancelled',
  'not-sent-refused',
  'not-sent-expired',
]);

function result(outcome: ReconciliationOutcome, reason: string): RowResult {
  return {
    outcome,
    reason,
    batchNo: null,
    payoutId: null,
    requestId: null,
    withdrawal: null,
    submittedMs: null,
    executedMs: null,
    completedMs: null,
  };
}

function errorReason(row: DraftRow): string {
  const errors = row.problems.filter((problem) => severityOf(problem) === 'error');
  return (errors.length > 0 ? errors : row.problems).map((problem) => problem.message).join(' ');
}

function withdrawalOutcome(withdrawal: Withdrawal): {
  outcome: ReconciliationOutcome;
  reason: string;
} {
  const errors = withdrawal.withdrawalErrors.map((error) => error.errorMessage).filter(Boolean);
  switch (withdrawal.state) {
    case 'COMPLETED':
      return { outcome: 'paid', reason: '' };
    case 'FAILED':
      return {
        outcome: 'failed',
        reason:
          errors.length > 0 ? errors.join(' ') : 'Calypso reported that this withdrawal failed.',
      };
    case 'CANCELED':
      return {
        outcome: 'cancelled',
        reason: errors.length > 0 ? errors.join(' ') : 'Calypso cancelled this withdrawal.',
      };
    default:
      return {
        outcome: isFinalWithdrawalState(withdrawal.state) ? 'failed' : 'in-progress',
        reason: `Calypso shows the withdrawal as ${withdrawal.state}.`,
      };
  }
}

function batchNotSent(
  batch: DraftBatch,
): { outcome: ReconciliationOutcome; reason: string } | null {
  switch (batch.delivery) {
    case 'rejected':
      return {
        outcome: 'not-sent-refused',
        reason: batch.errorMessage ?? 'Calypso refused this batch.',
      };
    case 'expired':
      return {
        outcome: 'not-sent-expired',
        reason: batch.errorMessage ?? 'The batch could not be sent in time and was never sent.',
      };
    case 'cancelled':
      return {
        outcome: 'cancelled',
        reason: 'The batch was cancelled before Calypso received it.',
      };
    case 'not-sent':
    case 'pending':
    case 'planned':
      return {
        outcome: 'in-progress',
        reason:
          batch.delivery === 'pending'
            ? 'Calypso has not confirmed this batch yet.'
            : 'The batch is waiting to be sent.',
      };
    case 'done':
      return null;
  }
}

/** Every row of one draft, current and deleted, with its result in that draft. */
function resultsOf(deps: ReconciliationDeps, summary: DraftSummary) {
  const rows = deps.drafts.allRows(summary.id);
  const results = new Map<number, RowResult>();
  const deleted = deps.drafts.deletedRows(summary.id);
  for (const { row, deletedMs } of deleted) {
    results.set(
      row.rowNo,
      result(
        'deleted',
        `Deleted from the draft on ${utcText(deletedMs)} (UTC) before it was sent.`,
      ),
    );
  }
  if (summary.state === 'editing') {
    // One answer for every row: a draft being edited has no per-row outcome yet.
    const notSubmitted = Object.freeze(
      result('not-submitted', 'The draft has not been submitted yet.'),
    );
    for (const row of rows) results.set(row.rowNo, notSubmitted);
    return { rows: [...rows, ...deleted.map((entry) => entry.row)], results };
  }
  const byRowNo = new Map(rows.map((row) => [row.rowNo, row]));
  for (const batch of deps.batchesOf(summary)) {
    const batchRows = deps.drafts
      .batchRowNos(batch.requestId)
      .flatMap((rowNo) => byRowNo.get(rowNo) ?? []);
    const notSent = batchNotSent(batch);
    const cached =
      batch.payoutId === null ? undefined : deps.massPayout(summary.profileId, batch.payoutId);
    const matched =
      cached === undefined
        ? new Map<number, Withdrawal>()
        : matchWithdrawals(batchRows, cached.withdrawals);
    const finalSeen =
      batch.payoutId === null
        ? new Map<string, number>()
        : deps.finalSeenOf(summary.profileId, batch.payoutId);
    const submittedMs = deps.submittedMs(batch.requestId);
    for (const row of batchRows) {
      const withdrawal = matched.get(row.rowNo) ?? null;
      const state =
        notSent ??
        (withdrawal === null
          ? {
              outcome: 'in-progress' as const,
              reason: 'Calypso has not listed this withdrawal yet: sync again later.',
            }
          : withdrawalOutcome(withdrawal));
      results.set(row.rowNo, {
        ...state,
        batchNo: batch.batchNo,
        payoutId: batch.payoutId,
        requestId: batch.requestId,
        withdrawal,
        submittedMs,
        // Calypso creates a withdrawal when it executes the payout; a scheduled payout not
        // executed yet shows the time it is scheduled for.
        executedMs:
          withdrawal !== null
            ? (isoMs(withdrawal.createdDate) ?? cached?.executedMs ?? null)
            : (cached?.executedMs ?? null),
        completedMs:
          withdrawal !== null && withdrawal.state === 'COMPLETED'
            ? (finalSeen.get(withdrawal.id) ?? null)
            : null,
      });
    }
  }
  const held = deps.heldRowNos(summary, rows);
  for (const row of rows) {
    if (results.has(row.rowNo)) continue;
    results.set(
      row.rowNo,
      held.has(row.rowNo)
        ? result(
            'not-sent-held',
            'Held out of the batches until the test payment to this address is completed and the address is trusted.',
          )
        : result('not-sent-error', errorReason(row) || 'This row was in no batch of the draft.'),
    );
  }
  return { rows: [...rows, ...deleted.map((entry) => entry.row)], results };
}

function isoMs(iso: string): number | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

export function utcText(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '');
}

function byFileOrder(a: DraftRow, b: DraftRow): number {
  if (a.line !== null && b.line !== null && a.line !== b.line) return a.line - b.line;
  if (a.line === null && b.line !== null) return 1;
  if (a.line !== null && b.line === null) return -1;
  return a.rowNo - b.rowNo;
}

/**
 * The lines of a draft's reconciliation, in file order, and how many there are. The lines are
 * made one at a time as they are read (a generator), so a file writer consumes each before the
 * next exists: a 1,000,000-row draft's lines are never all held at once.
 */
export function reconcileDraft(
  deps: ReconciliationDeps,
  root: DraftSummary,
): { lineCount: number; lines: Iterable<ReconciliationLine> } {
  const cache = new Map<string, ReturnType<typeof resultsOf>>();
  const resultsFor = (summary: DraftSummary) => {
    let found = cache.get(summary.id);
    if (!found) {
      found = resultsOf(deps, summary);
      cache.set(summary.id, found);
    }
    return found;
  };

  /** Follows the retries of a row that was not paid, to the draft that paid it (if any). */
  const followRetries = (draft: DraftSummary, rowNo: number, own: RowResult) => {
    const retriedIn: string[] = [];
    let outcome = own.outcome;
    let paidBy = own.outcome === 'paid' ? draft.name : '';
    let at = { draft, rowNo, result: own };
    // A retry of a retry is followed too; the depth is bounded by the drafts that exist.
    for (let depth = 0; depth < 50 && RETRIABLE.has(at.result.outcome); depth += 1) {
      const retry = deps.drafts.retryRowOf(at.draft.id, at.rowNo);
      const retryDraft = retry === undefined ? undefined : deps.drafts.summary(retry.draftId);
      if (retry === undefined || retryDraft === undefined) break;
      const retryResult = resultsFor(retryDraft).results.get(retry.row.rowNo);
      if (retryResult === undefined) break;
      retriedIn.push(retryDraft.name);
      outcome = retryResult.outcome;
      if (retryResult.outcome === 'paid') paidBy = retryDraft.name;
      at = { draft: retryDraft, rowNo: retry.row.rowNo, result: retryResult };
    }
    return { finalOutcome: outcome, retriedIn, paidBy };
  };

  const { rows, results } = resultsFor(root);
  const ordered = [...rows].sort(byFileOrder);
  function* lines(): Generator<ReconciliationLine> {
    for (const row of ordered) {
      const own = results.get(row.rowNo) ?? result('not-sent-error', errorReason(row));
      const currency = findCurrency(row.currency);
      const hash = own.withdrawal?.transactionHash ?? null;
      yield {
        ...own,
        ...followRetries(root, row.rowNo, own),
        sourceFile: root.sourceFile ?? '',
        line: row.line,
        rowNo: row.rowNo,
        row,
        network: currency ? NETWORKS[currency.network].label : '',
        label: deps.labelOf(root.profileId, row.currency, row.address) ?? '',
        explorer: currency ? (explorerUrl(currency.network, hash) ?? '') : '',
      };
    }
  }
  return { lineCount: ordered.length, lines: lines() };
}
