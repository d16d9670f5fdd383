/**
 * The rows of a draft as a run (docs/run-diff.md). A submitted draft (or one still
 * submitting) is what it sent: the rows fixed in its batches at Submit, in batch order,
 * whatever Calypso answered afterwards. A draft still being edited is what Submit would send
 * now: the rows the batch planner takes (isBatchable), the others counted as excluded.
 */
import type { DraftRow, DraftSummary } from '../../../shared/drafts';
import { isBatchable } from '../../../shared/import';
import type { DraftsRepo } from '../db';

export type DraftRun = { rows: DraftRow[]; excluded: number };

/** The rows fixed in the batches of a submitted draft: exactly what its payloads carried. */
export function fixedRows(drafts: DraftsRepo, draftId: string): DraftRow[] {
  return drafts
    .batches(draftId)
    .flatMap((batch) =>
      drafts.batchRowNos(batch.requestId).flatMap((rowNo) => drafts.row(draftId, rowNo) ?? []),
    );
}

export function runOf(drafts: DraftsRepo, summary: DraftSummary): DraftRun {
  if (summary.state !== 'editing') return { rows: fixedRows(drafts, summary.id), excluded: 0 };
  const all = drafts.allRows(summary.id);
  const rows = all.filter(isBatchable);
  return { rows, excluded: all.length - rows.length };
}
