/**
 * What every draft made from a file stores and records, whether it arrived in one call
 * (createDraft) or in pages (draft-imports.ts): the draft's own row, the column mapping
 * remembered for the next file with those headers, and the `draft.imported` audit entry.
 */
import type { DeskArgument } from '../../../shared/ipc';
import type { AuditLog, DraftsRepo, NewDraft } from '../db';

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
  }
  deps.audit.append({
    atMs,
    profileId: source.profileId,
    action: 'draft.imported',
    detail: { draftId, sourceFile: source.sourceFile ?? null, rows: rowCount },
  });
}
