/**
 * A draft too large for one createDraft call, sent in pages (docs/import.md, "A draft in
 * pages"): startDraftImport with the row count, appendDraftImportRows in order, at most
 * DRAFT_PAGE_ROWS each, then finishDraftImport. A refused page cancels the import, so main
 * drops what it had staged; the answer is the refusal's DeskResult, as for createDraft.
 * The rows are asked for a page at a time (from the import worker, which keeps a large
 * file's rows), so the page holds one page of them at most.
 */
import { DRAFT_PAGE_ROWS } from '../../../shared/import/row-limit';
import type { DeskArgument, DeskResult, DraftSummary } from '../../../shared/ipc';
import { desk } from '../lib/desk-bridge';

type DraftInput = DeskArgument<'createDraft'>;
export type DraftSource = Omit<DraftInput, 'rows'>;
export type DraftRows = (start: number, count: number) => Promise<DraftInput['rows']>;

/** The rows could not be had (the worker stopped, or read another file meanwhile). */
function rowsUnavailable(error: unknown): DeskResult<DraftSummary> {
  return {
    ok: false,
    error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
  };
}

/** Between pages the page draws and answers input: sending a million rows takes a while. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function createDraftInPages(
  source: DraftSource,
  totalRows: number,
  rowsAt: DraftRows,
  onProgress?: (sent: number, total: number) => void,
): Promise<DeskResult<DraftSummary>> {
  const started = await desk().startDraftImport({ ...source, totalRows });
  if (!started.ok) return started;
  const { importId } = started.value;
  for (let start = 0; start < totalRows; start += DRAFT_PAGE_ROWS) {
    let rows: DraftInput['rows'];
    try {
      rows = await rowsAt(start, Math.min(DRAFT_PAGE_ROWS, totalRows - start));
    } catch (error) {
      await desk().cancelDraftImport({ importId });
      return rowsUnavailable(error);
    }
    const page = await desk().appendDraftImportRows({ importId, firstRowNo: start + 1, rows });
    if (!page.ok) {
      await desk().cancelDraftImport({ importId });
      return page;
    }
    onProgress?.(page.value.received, totalRows);
    await nextTask();
  }
  return desk().finishDraftImport({ importId });
}

/** One createDraft call for up to one page of rows; more go in pages. */
export async function createDraftOfRows(
  source: DraftSource,
  totalRows: number,
  rowsAt: DraftRows,
): Promise<DeskResult<DraftSummary>> {
  if (totalRows > DRAFT_PAGE_ROWS) return createDraftInPages(source, totalRows, rowsAt);
  let rows: DraftInput['rows'];
  try {
    rows = await rowsAt(0, totalRows);
  } catch (error) {
    return rowsUnavailable(error);
  }
  return desk().createDraft({ ...source, rows });
}
