/**
 * "What changed since the last run" in main (docs/run-diff.md): the earlier drafts a draft
 * can be compared with, the comparison itself (shared/run-diff.ts) over the two runs and the
 * labels each had, and its CSV through the one writer of every export.
 */
import type { DraftSummary } from '../../../shared/drafts';
import {
  compareRuns,
  type RunBaseline,
  type RunBaselines,
  type RunChange,
  type RunComparison,
  type RunRow,
} from '../../../shared/run-diff';
import type { DraftsRepo } from '../db';
import { writeCsv } from '../export/csv';
import { DeskFailure } from '../ipc/desk-failure';
import type { LabelHistory, LabelPoint } from './label-history';
import { runOf } from './run-rows';

export type RunDiffDeps = {
  drafts: DraftsRepo;
  labels: LabelHistory;
};

/** The columns of the CSV, in order. */
export const RUN_DIFF_COLUMNS = [
  'Change',
  'Address',
  'Currency',
  'Baseline amount',
  'Current amount',
  'Increase',
  'Decrease',
  'Baseline label',
  'Current label',
  'Baseline rows',
  'Current rows',
] as const;

function changeWord(change: RunChange): string {
  if (change.kind !== 'changed') return change.kind;
  if (change.amountChanged && change.labelChanged) return 'amount and label changed';
  return change.amountChanged ? 'amount changed' : 'label changed';
}

/** A file name from draft names: what the reconciliation export does with one. */
function fileNamePart(name: string): string {
  return name.replace(/[^\w.-]+/g, '_');
}

export function createRunDiff({ drafts, labels }: RunDiffDeps) {
  function requireDraft(draftId: string, role: 'draft' | 'baseline'): DraftSummary {
    const found = drafts.summary(draftId);
    if (found) return found;
    throw new DeskFailure(
      'NOT_FOUND',
      role === 'draft'
        ? `There is no draft "${draftId}".`
        : `There is no draft "${draftId}" to compare with: choose another earlier run.`,
    );
  }

  /** Where each submitted draft of the profile had its batches fixed (draft.submitted). */
  function submittedPoints(summary: DraftSummary) {
    return labels.submittedEntries(summary.profileId);
  }

  function asBaseline(
    summary: DraftSummary,
    submitted: ReadonlyMap<string, { id: number; atMs: number }>,
  ): RunBaseline {
    return {
      draftId: summary.id,
      name: summary.name,
      sourceFile: summary.sourceFile,
      state: summary.state,
      isRetry: summary.parentDraftId !== null,
      createdMs: summary.createdMs,
      submittedMs:
        summary.state === 'editing' ? null : (submitted.get(summary.id)?.atMs ?? summary.updatedMs),
      rowCount: summary.rowCount,
    };
  }

  /** The audit point whose labels belong to a run (label-history.ts). */
  function labelPoint(
    summary: DraftSummary,
    submitted: ReadonlyMap<string, { id: number; atMs: number }>,
    role: 'current' | 'baseline',
  ): LabelPoint {
    if (summary.state !== 'editing') {
      const entry = submitted.get(summary.id);
      return entry ? { afterId: entry.id } : { atMs: summary.updatedMs };
    }
    // A draft being edited is compared as it stands today; an earlier one never sent, as it
    // stood when it was last saved.
    return role === 'current' ? 'now' : { atMs: summary.updatedMs };
  }

  function isEarlier(candidate: DraftSummary, current: DraftSummary): boolean {
    return candidate.id !== current.id && candidate.createdMs <= current.createdMs;
  }

  function compare(draftId: string, baselineId: string): RunComparison {
    const current = requireDraft(draftId, 'draft');
    if (baselineId === draftId) {
      throw new DeskFailure(
        'VALIDATION',
        'A draft cannot be compared with itself: choose an earlier run.',
      );
    }
    const baseline = requireDraft(baselineId, 'baseline');
    if (baseline.profileId !== current.profileId) {
      throw new DeskFailure(
        'VALIDATION',
        `"${baseline.name}" belongs to another profile: a run can only be compared with earlier runs of the same account.`,
      );
    }
    if (!isEarlier(baseline, current)) {
      throw new DeskFailure(
        'VALIDATION',
        `"${baseline.name}" was made after "${current.name}": choose an earlier run to compare with.`,
      );
    }
    const submitted = submittedPoints(current);
    const side = (summary: DraftSummary, role: 'current' | 'baseline') => {
      const run = runOf(drafts, summary);
      const labelOf = labels.labelsAt(summary.profileId, labelPoint(summary, submitted, role));
      const rows: RunRow[] = run.rows.map((row) => ({
        address: row.address,
        amount: row.amount,
        currency: row.currency,
        label: labelOf(row.currency, row.address),
      }));
      return { rows, excluded: run.excluded };
    };
    const now = side(current, 'current');
    const then = side(baseline, 'baseline');
    return {
      draftId,
      baseline: asBaseline(baseline, submitted),
      diff: compareRuns(now.rows, then.rows),
      excludedRows: { current: now.excluded, baseline: then.excluded },
    };
  }

  return {
    baselines(draftId: string): RunBaselines {
      const current = requireDraft(draftId, 'draft');
      const submitted = submittedPoints(current);
      const earlier = drafts
        .list(current.profileId)
        .filter((candidate) => isEarlier(candidate, current))
        .sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? -1 : 1))
        .map((candidate) => asBaseline(candidate, submitted));
      // The last run that was sent; else the last one made. A retry is only part of a run.
      const runs = earlier.filter((candidate) => !candidate.isRetry);
      const chosen = runs.find((candidate) => candidate.state !== 'editing') ?? runs[0];
      return { draftId, baselines: earlier, defaultDraftId: chosen?.draftId ?? null };
    },

    compare,

    exportCsv(draftId: string, baselineId: string) {
      const comparison = compare(draftId, baselineId);
      const current = requireDraft(draftId, 'draft');
      const data = comparison.diff.changes.map((change) => {
        // Two unsigned columns rather than a signed one: every amount in an export stays a
        // plain non-negative number (csv.ts neutralises a leading "-" as text).
        const increase = change.difference.startsWith('-') ? '' : change.difference;
        const decrease = change.difference.startsWith('-') ? change.difference.slice(1) : '';
        return [
          changeWord(change),
          change.address,
          change.currency,
          change.baselineAmount ?? '',
          change.currentAmount ?? '',
          increase === '0' ? '' : increase,
          decrease,
          change.baselineLabel ?? '',
          change.currentLabel ?? '',
          String(change.baselineRows),
          String(change.currentRows),
        ];
      });
      return {
        fileName: `changes-${fileNamePart(current.name)}-since-${fileNamePart(comparison.baseline.name)}.csv`,
        csv: writeCsv(RUN_DIFF_COLUMNS, data),
        rowCount: data.length,
      };
    },
  };
}

export type RunDiffService = ReturnType<typeof createRunDiff>;
