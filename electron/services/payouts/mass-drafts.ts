/**
 * Mass payouts from spreadsheets, main's side: drafts saved on every edit, the shared import
 * rules run again on every row main stores and once more before anything is signed, and
 * submission through the outbox with one idempotencyKey per batch, fixed in the same
 * transaction that marks the draft as submitting. Submitting again (a double click, a second
 * window, a restart) never plans new batches: it only delivers what is still pending.
 */
import { randomUUID } from 'node:crypto';
import Papa from 'papaparse';
import type { MassPayoutCreateRequest, Withdrawal } from '../../../shared/calypso/types';
import type { DraftBatch, DraftRow, DraftSummary, RowProblem } from '../../../shared/drafts';
import type { DeskArgument, DraftReview } from '../../../shared/ipc';
import {
  flagDuplicates,
  IMPORT_ONLY_CODES,
  splitIntoBatches,
  validateDraftRow,
  verdictOf,
  type ImportProblemCode,
} from '../../../shared/import';
import { compareDecimals, normalizeDecimal, sumDecimals } from '../../../shared/money';
import type { CalypsoClient } from '../calypso';
import type { AuditLog, CacheDatabase, DraftsRepo, OutboxRepo, PayoutsRepo } from '../db';
import { DeskFailure } from '../ipc/desk-failure';
import { toDeskError } from '../ipc/to-desk-error';
import { matchWithdrawals } from './match-withdrawals';
import type { Submission } from './submission';

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
  recentPayouts: (
    profileId: string,
  ) => { depositAddress: string; amount: string; currency: string }[];
  now: () => number;
  onProgress?: (draftId: string, batches: DraftBatch[]) => void;
};

type RowInput = Pick<DraftRow, 'address' | 'amount' | 'currency' | 'comment'> & {
  line: number | null;
};

export function createMassDrafts(deps: MassDraftsDeps) {
  const { drafts, outbox, payouts, audit, now } = deps;

  function requireDraft(draftId: string): DraftSummary {
    const summary = drafts.summary(draftId);
    if (!summary) throw new DeskFailure('NOT_FOUND', `There is no draft "${draftId}".`);
    return summary;
  }

  function requireEditable(draftId: string): DraftSummary {
    const summary = requireDraft(draftId);
    if (summary.state !== 'editing') {
      throw new DeskFailure('VALIDATION', 'This draft was submitted: it can no longer be edited.');
    }
    return summary;
  }

  /**
   * The shared rules, the same as the importer's, with duplicates across the whole draft.
   * What is stored is what the rules normalised (no invisible characters, upper-case codes,
   * a plain decimal), since that is what will be paid. Problems only the file could show
   * (a row swallowed by an unclosed quote) stay until the row is edited.
   */
  function validateAll(
    profileId: string,
    rows: readonly (RowInput & { rowNo: number; problems?: readonly RowProblem[] })[],
    decimalSeparator: '.' | ',',
  ): DraftRow[] {
    const recent = deps.recentPayouts(profileId);
    const validated = rows.map((row) => {
      const result = validateDraftRow(row, { decimalSeparator, recentPayouts: recent });
      const fromFile = (row.problems ?? []).filter((problem) =>
        IMPORT_ONLY_CODES.has(problem.code as ImportProblemCode),
      );
      const problems = [
        ...fromFile,
        ...result.problems.map(({ code, message }) => ({ code, message })),
      ];
      return {
        rowNo: row.rowNo,
        line: row.line,
        address: result.address,
        amount: result.amount,
        currency: result.currency,
        comment: result.comment,
        verdict: verdictOf(problems),
        problems,
      };
    });
    return flagDuplicates(validated).map((row) => ({
      ...row,
      problems: row.problems.map(({ code, message }) => ({ code, message })),
    }));
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
      };
    });
  }

  /** Batches as Submit would make them now; rows with an error are left out. */
  function plan(summary: DraftSummary) {
    const rows = drafts.allRows(summary.id);
    const sendable = rows.filter((row) => row.verdict !== 'error');
    return { rows, sendable, batches: splitIntoBatches(sendable) };
  }

  function payloadFor(
    summary: DraftSummary,
    requestId: string,
    currency: string,
    rows: readonly DraftRow[],
    batchNo: number,
    batchCount: number,
  ): MassPayoutCreateRequest {
    return {
      currency,
      name: batchCount > 1 ? `${summary.name} (${batchNo}/${batchCount})` : summary.name,
      idempotencyKey: requestId,
      massAddresses: rows.map((row) => ({
        depositAddress: row.address,
        amount: normalizeDecimal(row.amount),
        ...(row.comment ? { comment: row.comment } : {}),
      })),
    };
  }

  function fixBatches(summary: DraftSummary): void {
    deps.db.sqlite.transaction(() => {
      // Re-read inside the transaction: a second Submit must find the first one's batches.
      const current = requireDraft(summary.id);
      if (current.state !== 'editing') return;
      const { rows, batches } = plan(current);
      const byRowNo = new Map(rows.map((row) => [row.rowNo, row]));
      const stored = batches.map((batch, index) => {
        const requestId = randomUUID();
        const batchRows = batch.rowNos.map((rowNo) => {
          const row = byRowNo.get(rowNo);
          if (!row) throw new Error(`row ${rowNo} vanished while planning`);
          return row;
        });
        const intent = outbox.insertPending({
          requestId,
          profileId: current.profileId,
          kind: 'mass',
          sourceId: current.id,
          payload: payloadFor(
            current,
            requestId,
            batch.currency,
            batchRows,
            index + 1,
            batches.length,
          ),
          atMs: now(),
        });
        return {
          payloadHash: intent.payloadHash,
          draftId: current.id,
          batchNo: index + 1,
          requestId,
          currency: batch.currency,
          total: batch.total,
          rowNos: batch.rowNos,
        };
      });
      drafts.insertBatches(stored);
      drafts.setState(current.id, 'submitting', now());
      audit.append({
        atMs: now(),
        profileId: current.profileId,
        action: 'draft.submitted',
        detail: {
          draftId: current.id,
          // The agreed convention: every audit entry written with outbox rows names them
          // with their payload hash, which every send checks (docs/intents.md).
          intents: stored.map((batch) => ({
            requestId: batch.requestId,
            payloadHash: batch.payloadHash,
          })),
          batches: stored.map((batch) => ({
            requestId: batch.requestId,
            currency: batch.currency,
            total: batch.total,
            rows: batch.rowNos.length,
          })),
        },
      });
    })();
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

  return {
    create(input: DeskArgument<'createDraft'>): DraftSummary {
      const id = randomUUID();
      const rows = validateAll(
        input.profileId,
        input.rows.map((row, index) => ({ ...row, rowNo: index + 1 })),
        input.decimalSeparator,
      );
      drafts.create(
        {
          id,
          profileId: input.profileId,
          name: input.name,
          sourceFile: input.sourceFile ?? null,
          encoding: input.encoding ?? null,
          delimiter: input.delimiter ?? null,
          decimalSeparator: input.decimalSeparator,
          mapping: input.mapping,
          parentDraftId: null,
          atMs: now(),
        },
        rows,
      );
      if (input.headerSignature && input.mapping) {
        drafts.rememberMapping(input.headerSignature, input.mapping, now());
      }
      audit.append({
        atMs: now(),
        profileId: input.profileId,
        action: 'draft.imported',
        detail: { draftId: id, sourceFile: input.sourceFile ?? null, rows: rows.length },
      });
      return requireDraft(id);
    },

    list: (profileId: string) => drafts.list(profileId),
    get: requireDraft,
    rows: (input: DeskArgument<'getDraftRows'>) => {
      requireDraft(input.draftId);
      return drafts.rows(input.draftId, input.offset ?? 0, input.limit ?? 200, input.verdict);
    },

    updateRow(input: DeskArgument<'updateDraftRow'>) {
      const summary = requireEditable(input.draftId);
      const current = drafts.row(input.draftId, input.rowNo);
      if (!current) throw new DeskFailure('NOT_FOUND', `The draft has no row ${input.rowNo}.`);
      const edited = {
        ...current,
        // The person has looked at this row: what only the file could show no longer applies.
        problems: [],
        ...(input.address !== undefined ? { address: input.address } : {}),
        ...(input.amount !== undefined ? { amount: input.amount } : {}),
        ...(input.currency !== undefined ? { currency: input.currency } : {}),
        ...(input.comment !== undefined ? { comment: input.comment } : {}),
      };
      const all = drafts
        .allRows(input.draftId)
        .map((row) => (row.rowNo === input.rowNo ? edited : row));
      const revalidated = validateAll(summary.profileId, all, summary.decimalSeparator);
      // Duplicates are about the whole draft: save every row whose verdict moved.
      const before = new Map(all.map((row) => [row.rowNo, row]));
      const changed = revalidated.filter((row) => {
        const old = before.get(row.rowNo);
        return (
          row.rowNo === input.rowNo ||
          old?.verdict !== row.verdict ||
          JSON.stringify(old.problems) !== JSON.stringify(row.problems)
        );
      });
      // The edit and its audit entry are saved together or not at all: an edit reported as
      // "could not save" (full disk, lock) must not be on disk anyway.
      deps.db.sqlite.transaction(() => {
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
            },
            after: {
              address: edited.address,
              amount: edited.amount,
              currency: edited.currency,
              comment: edited.comment,
            },
          },
        });
      })();
      const row = revalidated.find((entry) => entry.rowNo === input.rowNo) ?? edited;
      return { row, summary: requireDraft(input.draftId) };
    },

    addRow(draftId: string) {
      const summary = requireEditable(draftId);
      const [row] = validateAll(
        summary.profileId,
        [{ rowNo: 0, line: null, address: '', amount: '', currency: '', comment: '' }],
        summary.decimalSeparator,
      );
      if (!row) throw new Error('validation returned no row');
      const rowNo = drafts.addRow(draftId, row, now());
      return { row: { ...row, rowNo }, summary: requireDraft(draftId) };
    },

    deleteRows(draftId: string, rowNos: readonly number[]) {
      const summary = requireEditable(draftId);
      deps.db.sqlite.transaction(() => {
        drafts.deleteRows(draftId, rowNos, now());
        audit.append({
          atMs: now(),
          profileId: summary.profileId,
          action: 'draft.rows-deleted',
          detail: { draftId, rowNos: [...rowNos] },
        });
      })();
      const remaining = validateAll(
        summary.profileId,
        drafts.allRows(draftId),
        summary.decimalSeparator,
      );
      drafts.saveRows(draftId, remaining, now());
      return requireDraft(draftId);
    },

    discard(draftId: string) {
      requireEditable(draftId);
      drafts.discard(draftId);
      return { discarded: true as const };
    },

    async review(draftId: string): Promise<DraftReview> {
      const summary = requireDraft(draftId);
      if (summary.state !== 'editing') {
        return {
          summary,
          batches: batchesOf(summary),
          totals: [],
          balances: null,
          balanceError: null,
          excludedRows: summary.counts.error,
        };
      }
      const { sendable, batches } = plan(summary);
      const totals = new Map<string, { total: string; rowCount: number }>();
      for (const batch of batches) {
        const entry = totals.get(batch.currency) ?? { total: '0', rowCount: 0 };
        totals.set(batch.currency, {
          total: sumDecimals([entry.total, batch.total]),
          rowCount: entry.rowCount + batch.rowNos.length,
        });
      }
      let balances: DraftReview['balances'] = null;
      let balanceError: DraftReview['balanceError'] = null;
      try {
        const account = await (await deps.clientOf(summary.profileId)).getAccount();
        balances = [...totals].map(([currency, { total }]) => {
          const available =
            account.balances.find((balance) => balance.currency === currency)?.amount ?? '0';
          return {
            currency,
            available,
            needed: total,
            short: compareDecimals(available, total) < 0,
          };
        });
      } catch (error) {
        balanceError = toDeskError(error);
      }
      return {
        summary,
        batches: batches.map((batch, index) => ({
          batchNo: index + 1,
          requestId: '',
          currency: batch.currency,
          total: batch.total,
          rowCount: batch.rowNos.length,
          delivery: 'not-sent',
          payoutId: null,
          payoutState: null,
          errorMessage: null,
        })),
        totals: [...totals].map(([currency, value]) => ({ currency, ...value })),
        balances,
        balanceError,
        excludedRows: summary.rowCount - sendable.length,
      };
    },

    async submit(draftId: string): Promise<DraftBatch[]> {
      const summary = requireDraft(draftId);
      if (summary.state === 'editing') {
        // The rules once more, on exactly what will be signed.
        const revalidated = validateAll(
          summary.profileId,
          drafts.allRows(draftId),
          summary.decimalSeparator,
        );
        drafts.saveRows(draftId, revalidated, now());
        if (!revalidated.some((row) => row.verdict !== 'error')) {
          throw new DeskFailure(
            'VALIDATION',
            'Every row of this draft has an error: nothing can be sent.',
          );
        }
        fixBatches(summary);
      }
      return deliverAll(requireDraft(draftId));
    },

    batches: (draftId: string) => batchesOf(requireDraft(draftId)),

    /** Resumes every draft left submitting (after a crash or while offline). */
    async resumeSubmitting(profileId: string): Promise<void> {
      for (const summary of drafts.list(profileId)) {
        if (summary.state === 'submitting') await deliverAll(summary);
      }
    },

    retryFailedRows(draftId: string): DraftSummary {
      const summary = requireDraft(draftId);
      const failed: DraftRow[] = [];
      for (const batch of batchesOf(summary)) {
        if (batch.payoutId === null) continue;
        const rows = drafts
          .batchRowNos(batch.requestId)
          .flatMap((rowNo) => drafts.row(draftId, rowNo) ?? []);
        const matched = matchWithdrawals(
          rows,
          deps.withdrawalsOf(summary.profileId, batch.payoutId),
        );
        for (const row of rows) {
          if (matched.get(row.rowNo)?.state === 'FAILED') failed.push(row);
        }
      }
      if (failed.length === 0)
        throw new DeskFailure('VALIDATION', 'No recipient of this draft failed.');
      const id = randomUUID();
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
          atMs: now(),
        },
        validateAll(
          summary.profileId,
          failed.map((row) => ({ ...row, amount: normalizeDecimal(row.amount) })),
          '.',
        ),
      );
      return requireDraft(id);
    },

    exportReconciliation(draftId: string) {
      const summary = requireDraft(draftId);
      const data: string[][] = [];
      for (const batch of batchesOf(summary)) {
        const rows = drafts
          .batchRowNos(batch.requestId)
          .flatMap((rowNo) => drafts.row(draftId, rowNo) ?? []);
        const matched =
          batch.payoutId === null
            ? new Map<number, Withdrawal>()
            : matchWithdrawals(rows, deps.withdrawalsOf(summary.profileId, batch.payoutId));
        for (const row of rows) {
          const withdrawal = matched.get(row.rowNo);
          data.push([
            summary.sourceFile ?? '',
            row.line === null ? '' : String(row.line),
            row.address,
            normalizeDecimal(row.amount),
            row.currency,
            String(batch.batchNo),
            batch.payoutId ?? '',
            batch.requestId,
            withdrawal?.id ?? '',
            withdrawal?.transactionHash ?? '',
            withdrawal?.state ?? batch.payoutState ?? batch.delivery,
            withdrawal?.calypsoFee ?? '',
          ]);
        }
      }
      const csv = Papa.unparse(
        {
          fields: [
            'File',
            'Line',
            'Address',
            'Amount',
            'Currency',
            'Batch',
            'Mass payout id',
            'Idempotency key',
            'Withdrawal id',
            'Transaction hash',
            'State',
            'Fee',
          ],
          data,
        },
        { escapeFormulae: true, newline: '\r\n' },
      );
      return {
        fileName: `reconciliation-${summary.name.replace(/[^\w.-]+/g, '_')}.csv`,
        csv,
        rowCount: data.length,
      };
    },

    recallMapping: (signature: string) => drafts.recallMapping(signature),
  };
}

export type MassDrafts = ReturnType<typeof createMassDrafts>;
