/**
 * Finds the header row and which column holds the address, amount, currency and comment:
 * by the header's names, by a person's explicit mapping (names or indexes), or, for a file
 * that starts straight with data, by what the cells look like.
 */
import { looksLikeAddress, looksLikeAmount, looksLikeCurrency, looksLikeData } from './cell-shapes';
import { knownHeader, knownHeaderRoles, normalizeHeaderName } from './header-names';
import { isBlankCell } from './invisible';
import { describeLines, listQuoted, problem, quote } from './problems';
import type { FileRecord } from './records';
import type {
  ColumnMapping,
  ColumnMappingInput,
  ColumnRef,
  ColumnRole,
  ImportProblem,
} from './types';

export type MappingOutcome = {
  hasHeader: boolean;
  /** Index into the records of the header row; -1 without one. Data follows it. */
  headerIndex: number;
  headers: string[];
  mapping: ColumnMapping;
  problems: ImportProblem[];
};

export const ROLES: readonly ColumnRole[] = ['address', 'amount', 'currency', 'comment', 'name'];
const HEADER_SEARCH_RECORDS = 10;
const CONTENT_SAMPLE_RECORDS = 50;
// Payout columns sit near the left; a record with thousands of cells is not worth scoring.
const CONTENT_MAX_COLUMNS = 50;
/** Records resolveMapping reads at most: the header search and the content sample. */
export const HEAD_RECORDS = Math.max(HEADER_SEARCH_RECORDS, CONTENT_SAMPLE_RECORDS);

function emptyMapping(): ColumnMapping {
  return { address: null, amount: null, currency: null, comment: null, name: null };
}

function columnName(headers: readonly string[], index: number): string {
  const name = headers[index]?.trim() ?? '';
  return name === '' ? `column ${index + 1}` : `${quote(name)} (column ${index + 1})`;
}

function explicitNames(mapping: ColumnMappingInput | undefined): Set<string> {
  const names = new Set<string>();
  for (const ref of Object.values(mapping ?? {})) {
    if (typeof ref === 'string') names.add(normalizeHeaderName(ref));
  }
  return names;
}

/**
 * The header is the first record naming at least two payout columns (title lines above it
 * are skipped), else the first naming one, else the first record unless it is already data.
 */
function findHeader(records: readonly FileRecord[], mapping?: ColumnMappingInput): number {
  const names = explicitNames(mapping);
  let firstWithOne = -1;
  const limit = Math.min(records.length, HEADER_SEARCH_RECORDS);
  for (let index = 0; index < limit; index += 1) {
    const cells = records[index]?.cells ?? [];
    if (looksLikeData(cells)) break;
    const roles = new Set<string>();
    for (const cell of cells) {
      const known = knownHeader(cell);
      if (known) roles.add(known.role);
      else if (names.has(normalizeHeaderName(cell)) && cell.trim() !== '') roles.add(cell);
    }
    if (roles.size >= 2) return index;
    if (roles.size === 1 && firstWithOne < 0) firstWithOne = index;
  }
  if (firstWithOne >= 0) return firstWithOne;
  const first = records[0];
  return first && !looksLikeData(first.cells) ? 0 : -1;
}

function mapByHeader(headers: readonly string[]): {
  mapping: ColumnMapping;
  problems: ImportProblem[];
} {
  const mapping = emptyMapping();
  const bestRank: Partial<Record<ColumnRole, number>> = {};
  const tied: Partial<Record<ColumnRole, number[]>> = {};
  const taken = new Set<number>();
  // Role by role, so a column two roles could use goes to the first without a better one:
  // "Recipient" is the address only when no "Wallet address" is there, else the name.
  for (const role of ROLES) {
    headers.forEach((name, index) => {
      if (taken.has(index)) return;
      const known = knownHeaderRoles(name).find((entry) => entry.role === role);
      if (!known) return;
      const current = bestRank[role];
      if (current === undefined || known.rank < current) {
        bestRank[role] = known.rank;
        mapping[role] = index;
        tied[role] = [index];
      } else if (known.rank === current) {
        tied[role]?.push(index);
      }
    });
    const chosen = mapping[role];
    if (chosen !== null) taken.add(chosen);
  }
  const problems: ImportProblem[] = [];
  for (const role of ROLES) {
    const columns = tied[role] ?? [];
    const [used, ...others] = columns;
    if (used === undefined || others.length === 0) continue;
    const named = columns.slice(0, 5).map((index) => columnName(headers, index));
    problems.push(
      problem(
        'COLUMN_AMBIGUOUS',
        `Several columns could be the ${role}: ${named.join(', ')}${columns.length > 5 ? ` and ${columns.length - 5} more` : ''}. ` +
          `The first one was used; choose another in the column mapping if that is wrong.`,
      ),
    );
  }
  return { mapping, problems };
}

function bestColumn(scores: readonly number[], taken: ReadonlySet<number>): number | null {
  let best: number | null = null;
  scores.forEach((score, index) => {
    if (score > 0 && !taken.has(index) && (best === null || score > (scores[best] ?? 0))) {
      best = index;
    }
  });
  return best;
}

/** No header: the column of addresses, the column of numbers, the column of currency codes. */
function mapByContent(records: readonly FileRecord[], width: number): ColumnMapping {
  const sample = records.slice(0, CONTENT_SAMPLE_RECORDS);
  const score = (test: (cell: string) => boolean): number[] =>
    Array.from({ length: Math.min(width, CONTENT_MAX_COLUMNS) }, (_, column) =>
      sample.reduce((sum, record) => sum + (test(record.cells[column] ?? '') ? 1 : 0), 0),
    );
  const mapping = emptyMapping();
  const taken = new Set<number>();
  const pick = (role: ColumnRole, scores: readonly number[]): void => {
    const column = bestColumn(scores, taken);
    mapping[role] = column;
    if (column !== null) taken.add(column);
  };
  pick('address', score(looksLikeAddress));
  pick('amount', score(looksLikeAmount));
  pick('currency', score(looksLikeCurrency));
  pick(
    'comment',
    score((cell) => !isBlankCell(cell)),
  );
  return mapping;
}

function resolveRef(
  role: ColumnRole,
  ref: ColumnRef,
  headers: readonly string[],
  width: number,
): number | ImportProblem {
  const what = `the ${role}`;
  if (typeof ref === 'number') {
    if (Number.isInteger(ref) && ref >= 0 && ref < width) return ref;
    return problem(
      'MAPPING_COLUMN_NOT_FOUND',
      `The column mapping uses column ${ref + 1} for ${what}, but the file has ${width} column${width === 1 ? '' : 's'}. Choose the ${role} column again.`,
    );
  }
  const wanted = normalizeHeaderName(ref);
  const index =
    wanted === '' ? -1 : headers.findIndex((name) => normalizeHeaderName(name) === wanted);
  if (index >= 0) return index;
  const available = headers.filter((name) => name.trim() !== '');
  return problem(
    'MAPPING_COLUMN_NOT_FOUND',
    `The column mapping uses a column named ${quote(ref)} for ${what}, but the file has no such column` +
      (available.length > 0 ? ` (its columns are ${listQuoted(available)})` : '') +
      `. Choose the ${role} column again.`,
  );
}

function describeContentMapping(mapping: ColumnMapping): string {
  return ROLES.filter((role) => mapping[role] !== null)
    .map((role) => `${role} = column ${(mapping[role] ?? 0) + 1}`)
    .join(', ');
}

/**
 * `records` may be only the file's first records (at least HEAD_RECORDS of them, the most the
 * header search and the content sample read) when `fileWidth`, the widest record of the whole
 * file, is given: the streaming import reads no more than that before mapping.
 */
export function resolveMapping(
  records: readonly FileRecord[],
  options: { mapping?: ColumnMappingInput },
  fileWidth?: number,
): MappingOutcome {
  const problems: ImportProblem[] = [];
  let width = fileWidth ?? 0;
  if (fileWidth === undefined) {
    for (const record of records) width = Math.max(width, record.cells.length);
  }

  const headerIndex = findHeader(records, options.mapping);
  const hasHeader = headerIndex >= 0;
  const headers = hasHeader ? (records[headerIndex]?.cells ?? []).map((cell) => cell.trim()) : [];
  let mapping: ColumnMapping;
  if (hasHeader) {
    const byHeader = mapByHeader(headers);
    mapping = byHeader.mapping;
    problems.push(...byHeader.problems);
    if (headerIndex > 0) {
      const skipped = records.slice(0, headerIndex);
      const lines = skipped.map((record) => record.line);
      const first = skipped[0]?.cells.find((cell) => !isBlankCell(cell)) ?? '';
      problems.push(
        problem(
          'ROWS_BEFORE_HEADER',
          `${describeLines(lines).replace(/^l/, 'L')} above the column names ${lines.length === 1 ? 'was' : 'were'} skipped (${quote(first)}). Check that no payout is there.`,
          lines[0],
        ),
      );
    }
  } else {
    mapping = mapByContent(records, width);
  }

  const explicit = options.mapping ?? {};
  for (const role of ROLES) {
    const ref = explicit[role];
    if (ref === undefined) continue;
    const resolved = resolveRef(role, ref, headers, width);
    if (typeof resolved !== 'number') {
      problems.push(resolved);
      mapping[role] = null;
      continue;
    }
    // A column a person assigned is no longer available to a role that was only guessed.
    for (const other of ROLES) {
      if (other !== role && mapping[other] === resolved && explicit[other] === undefined) {
        mapping[other] = null;
      }
    }
    mapping[role] = resolved;
  }

  if (!hasHeader && records.length > 0 && Object.keys(explicit).length === 0) {
    problems.push(
      problem(
        'HEADER_MISSING',
        `The file has no header row, so its columns were recognised by their content: ${describeContentMapping(mapping) || 'none could be'}. Check this in the column mapping.`,
      ),
    );
  }
  return { hasHeader, headerIndex, headers, mapping, problems };
}
