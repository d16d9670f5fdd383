/**
 * What a draft is made of when it comes from a file reading: its rows as createDraft takes
 * them, the column mapping in explicit form, and the cells too long to store. Shared by the
 * import screen (which shows why "Create draft" is not possible) and the desk (which makes
 * the draft from its own reading and must refuse the same files).
 */
import { IMPORT_ONLY_CODES } from './problem-codes';
import type {
  ColumnMapping,
  ColumnMappingInput,
  ColumnRole,
  ImportResult,
  ImportRow,
} from './types';

export const IMPORT_ROLES: readonly ColumnRole[] = [
  'address',
  'amount',
  'currency',
  'comment',
  'name',
];

/** A draft stores cells of at most these lengths. */
const CELL_LIMITS = {
  address: 500,
  amount: 500,
  currency: 40,
  comment: 500,
  name: 500,
} as const;

/** The mapping as explicit column indexes, without the roles the file has no column for. */
export function explicitMapping(mapping: ColumnMapping): ColumnMappingInput {
  const explicit: ColumnMappingInput = {};
  for (const role of IMPORT_ROLES) {
    const column = mapping[role];
    if (column !== null) explicit[role] = column;
  }
  return explicit;
}

/** File lines with a cell longer than a draft stores: the file must be fixed first. */
export function oversizedLines(result: Pick<ImportResult, 'rows'>): number[] {
  const lines: number[] = [];
  for (const row of result.rows) {
    if (
      row.address.length > CELL_LIMITS.address ||
      row.amount.length > CELL_LIMITS.amount ||
      row.currency.length > CELL_LIMITS.currency ||
      row.comment.length > CELL_LIMITS.comment ||
      row.name.length > CELL_LIMITS.name
    ) {
      lines.push(row.line);
    }
  }
  return lines;
}

/** The sentence for oversizedLines, naming up to ten lines. */
export function oversizedLinesSentence(lines: readonly number[]): string {
  const named = lines.slice(0, 10).join(', ');
  const more = lines.length > 10 ? ` and ${(lines.length - 10).toLocaleString('en-US')} more` : '';
  return `${lines.length === 1 ? 'Line' : 'Lines'} ${named}${more} ${lines.length === 1 ? 'has a cell' : 'have cells'} longer than 500 characters: shorten them in the file and choose it again.`;
}

/** A reading a draft can be made of: rows, none with a cell too long to store. */
export function canCreateDraft(
  summary: { rowCount: number; oversizedLines: readonly number[] } | null,
): boolean {
  return summary !== null && summary.rowCount > 0 && summary.oversizedLines.length === 0;
}

/**
 * One row as createDraft takes it: the cells the importer cleaned, and the problems only the
 * file could show (invisible characters, an unclosed quote...), which the draft keeps until
 * the row is edited. Every other verdict is found again by the draft's own rules.
 */
export function draftRowOf(row: ImportRow) {
  const fromFile = row.problems.filter((entry) => IMPORT_ONLY_CODES.has(entry.code));
  return {
    line: row.line,
    address: row.address,
    amount: row.amount,
    currency: row.currency,
    comment: row.comment,
    ...(row.name !== '' ? { name: row.name } : {}),
    ...(row.extra.length > 0 ? { extra: row.extra } : {}),
    ...(fromFile.length > 0
      ? { problems: fromFile.map(({ code, message }) => ({ code, message })) }
      : {}),
  };
}

/**
 * The mapping a person chose, by column names, to remember for the next file of the same
 * source name (read-with-recall.ts applies it only when every named column is there).
 * Empty when the file has no header row: columns without names cannot be found again.
 */
export function mappingByNames(
  reading: Pick<ImportResult, 'hasHeader' | 'headers' | 'mapping'>,
): ColumnMappingInput {
  const byName: ColumnMappingInput = {};
  if (!reading.hasHeader) return byName;
  for (const role of IMPORT_ROLES) {
    const column = reading.mapping[role];
    const name = column === null ? '' : (reading.headers[column]?.trim() ?? '');
    if (name !== '') byName[role] = name;
  }
  return byName;
}
