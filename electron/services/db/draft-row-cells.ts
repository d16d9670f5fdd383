/**
 * A draft row's stored cells, in the column order draft_rows and the import's staging table
 * (draft-import-staging.ts) share: line, address, amount, currency, comment, recipient_name,
 * extra_json, verdict, problems_json, dup_key. One encoding, so a row staged for a paged
 * import is stored exactly as a row createDraft writes (schema 8's duplicate key included).
 */
import type { DraftRow } from '../../../shared/drafts';
import { addressKey } from '../../../shared/import/address-key';

/** Kept cells as JSON, or null when the row has none (most files). */
export function extraJson(extra: readonly string[] | undefined): string | null {
  return extra === undefined || extra.length === 0 ? null : JSON.stringify(extra);
}

export function draftRowCells(
  row: Omit<DraftRow, 'rowNo'>,
): [number | null, string, string, string, string, string, string | null, string, string, string] {
  return [
    row.line,
    row.address,
    row.amount,
    row.currency,
    row.comment,
    row.name,
    extraJson(row.extra),
    row.verdict,
    JSON.stringify(row.problems),
    addressKey(row.address),
  ];
}
