/**
 * What every draft made from a file stores and records, whether it arrived in one call
 * (createDraft) or in pages (draft-imports.ts): the draft's own row, the column mapping
 * remembered for the next file with those headers, and the `draft.imported` audit entry.
 */
import type { DeskArgument } from '../../../shared/ipc';
import type { AuditLog, DraftsRepo, NewDraft } from '../db';
import { DeskFailure } from '../ipc/desk-failure';
import { sourceNameKey } from '../../../shared/import/source-name';

/** The file a draft came from, as both createDraft and startDraftImport describe it. */
export type ImportSource = Omit<DeskArgument<'createDraft'>, 'rows'>;

export function importedDraft(source: ImportSource, id: string, atMs: number): NewDraft {
  return {
    id,
    profileId: source.profileId,
    name: source.name,
    sourceFile: source.sourceFile ?? null,
    encoding: source.encoding ?? null,
    delimiter: source.delimiter ?? null,
    decimalSeparator: source.decimalSeparator,
    mapping: source.mapping,
    parentDraftId: null,
    ...(source.extraColumns !== undefined ? { extraColumns: source.extraColumns } : {}),
    ...(source.bom !== undefined ? { bom: source.bom } : {}),
    atMs,
  };
}

/** Call in the transaction that created the draft. */
export function recordImport(
  deps: { drafts: DraftsRepo; audit: Pick<AuditLog, 'append'> },
  source: ImportSource,
  draftId: string,
  rowCount: number,
  atMs: number,
): void {
  if (source.headerSignature && source.mapping) {
    deps.drafts.rememberMapping(source.headerSignature, source.mapping, atMs);
    // By column names for the file's source too, as a reading in the desk does (file-readings.ts).
    const key = source.sourceFile === undefined ? null : sourceNameKey(source.sourceFile);
    const byName = source.sourceMapping ?? {};
    if (key !== null && Object.keys(byName).length > 0) {
      deps.drafts.rememberMapping(key, byName, atMs);
    }
  }
  deps.audit.append({
    atMs,
    profileId: source.profileId,
    action: 'draft.imported',
    detail: { draftId, sourceFile: source.sourceFile ?? null, rows: rowCount },
  });
}

/**
 * A row cannot keep more cells of the file's other columns than the draft names: they would
 * be cells of no column in the grid and the reconciliation.
 */
export function requireKeptCellsFit(
  extraColumns: readonly string[],
  rows: readonly { extra?: readonly string[] }[],
  firstRowNo = 1,
): void {
  const index = rows.findIndex((row) => (row.extra?.length ?? 0) > extraColumns.length);
  if (index < 0) return;
  const count = rows[index]?.extra?.length ?? 0;
  throw new DeskFailure(
    'VALIDATION',
    `Row ${firstRowNo + index} carries ${count} cells of other columns, but the draft names ${extraColumns.length} (extraColumns). Send the column names with the rows.`,
  );
}
