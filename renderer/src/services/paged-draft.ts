/**
 * A draft too large for one createDraft call, sent in pages (docs/import.md, "A draft in
 * pages"): startDraftImport with the row count, appendDraftImportRows in order, at most
 * DRAFT_PAGE_ROWS each, then finishDraftImport. A refused page cancels the import, so main
 * drops what it had staged; the answer is the refusal's DeskResult, as for createDraft.
 */
import { DRAFT_PAGE_ROWS } from '../../../shared/import/row-limit';
import type { DeskArgument, DeskResult, DraftSummary } from '../../../shared/ipc';
import { desk } from '../lib/desk-bridge';

type DraftInput = DeskArgument<'createDraft'>;

/** Between pages the page draws and answers input: sending a million rows takes a while. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function createDraftInPages(
  input: DraftInput,
  onProgress?: (sent: number, total: number) => void,
): Promise<DeskResult<DraftSummary>> {
  const { rows, ...source } = input;
  const started = await desk().startDraftImport({ ...source, totalRows: rows.length });
  if (!started.ok) return started;
  const { importId } = started.value;
  for (let start = 0; start < rows.length; start += DRAFT_PAGE_ROWS) {
    const page = await desk().appendDraftImportRows({
      importId,
      firstRowNo: start + 1,
      rows: rows.slice(start, start + DRAFT_PAGE_ROWS),
    });
    if (!page.ok) {
      await desk().cancelDraftImport({ importId });
      return page;
    }
    onProgress?.(page.value.received, rows.length);
    await nextTask();
  }
  return desk().finishDraftImport({ importId });
}
