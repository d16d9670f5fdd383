/**
 * A spreadsheet export, as bytes, to rows with verdicts: decode, find the delimiter, parse,
 * find the header and columns, learn the file's decimal separator, validate every row, flag
 * duplicates, plan the mass payouts. Never throws on any input: whatever is wrong with the
 * file comes back as a problem a person can act on.
 */
import { sharedAddressCache } from './address-field';
import { detectDecimalSeparator, readAmount, scanAmount, type AmountConvention } from './amount';
import { isBatchable, splitIntoBatches } from './batches';
import { resolveMapping } from './column-mapping';
import { readChosenCurrency } from './currency-field';
import { decodeBytes } from './decode-bytes';
import { detectDelimiter } from './delimiter';
import { duplicateProblems } from './duplicates';
import { joinAnd, joinOr, listQuoted, problem, verdictOf } from './problems';
import { normalizeLineBreaks, parseRecords, type FileRecord } from './records';
import { checkRow, type RowRulesContext } from './row-rules';
import type {
  ColumnMapping,
  ColumnRole,
  ImportOptions,
  ImportProblem,
  ImportResult,
  ImportRow,
} from './types';
import type { Currency } from '../networks';

const SAMPLE_RECORDS = 5;
const SAMPLE_CELLS = 50;
const SAMPLE_CELL_LENGTH = 200;

const BLOCKING = new Set<ImportProblem['code']>([
  'FILE_EMPTY',
  'FILE_NOT_TEXT',
  'FILE_NO_ROWS',
  'COLUMN_MISSING',
  'MAPPING_COLUMN_NOT_FOUND',
  'CURRENCY_UNKNOWN',
]);

function emptyResult(
  partial: Pick<ImportResult, 'encoding' | 'bom'> & Partial<ImportResult>,
): ImportResult {
  return {
    delimiter: ',',
    hasHeader: false,
    headers: [],
    sample: [],
    mapping: { address: null, amount: null, currency: null, comment: null },
    decimalSeparator: null,
    problems: [],
    rows: [],
    counts: { ok: 0, warning: 0, error: 0 },
    batches: [],
    excludedFromBatches: 0,
    ...partial,
  };
}

function rowCount(count: number): string {
  return count === 1 ? '1 row' : `${count} rows`;
}

function cellAt(record: FileRecord, column: number | null): string {
  return column === null ? '' : (record.cells[column] ?? '');
}

function missingColumnsProblem(
  mapping: ColumnMapping,
  explicit: ImportOptions['mapping'],
  headers: readonly string[],
  hasCurrency: boolean,
): ImportProblem | null {
  // A role a person mapped to a missing column already has its own problem.
  const unmapped = (role: ColumnRole): boolean =>
    mapping[role] === null && explicit?.[role] === undefined;
  const required = (['address', 'amount'] as const).filter(unmapped);
  const currencyMissing = !hasCurrency && unmapped('currency');
  if (required.length === 0 && !currencyMissing) return null;
  const missing = currencyMissing ? [...required, 'currency'] : required;
  const names = headers.filter((name) => name !== '');
  const columns =
    names.length > 0 ? `Its columns are ${listQuoted(names)}.` : 'It has no column names.';
  const fixes: string[] = [];
  if (required.length > 0) {
    const them = required.length === 1 ? 'it' : 'them';
    fixes.push(
      `Name the ${joinAnd(required)} column${required.length === 1 ? '' : 's'} ${joinAnd(required.map((role) => `"${role}"`))} (as in the template), or choose ${them} in the column mapping.`,
    );
  }
  if (currencyMissing) {
    fixes.push(
      required.length > 0
        ? 'Also add a currency column (for example USDT_TRX), or choose one currency for the whole file.'
        : 'Add a currency column (for example USDT_TRX), or choose one currency for the whole file.',
    );
  }
  return problem(
    'COLUMN_MISSING',
    `The file has no ${joinOr(missing)} column. ${columns} ${fixes.join(' ')}`,
  );
}

function validateRows(
  data: readonly FileRecord[],
  mapping: ColumnMapping,
  options: ImportOptions,
  fallbackCurrency: Currency | null,
  problems: ImportProblem[],
  unclosedQuoteLine: number | null,
): { rows: ImportRow[]; decimalSeparator: ImportResult['decimalSeparator'] } {
  const scans = data.map((record) => scanAmount(cellAt(record, mapping.amount)));
  let convention: AmountConvention;
  if (options.decimalSeparator) {
    convention = {
      source: 'chosen',
      separator: options.decimalSeparator,
      subject: 'file',
      canonicalFirst: false,
    };
  } else {
    const evidence = detectDecimalSeparator(scans);
    convention = { source: 'detected', separator: evidence.separator };
    if (evidence.points > 0 && evidence.commas > 0) {
      problems.push(
        problem(
          'DECIMAL_SEPARATOR_MIXED',
          `Some amounts use a point (${rowCount(evidence.points)}) and others a comma (${rowCount(evidence.commas)}) as decimal separator. ` +
            'Each was read by its own form; check the rows marked, or choose the decimal separator for this file.',
        ),
      );
    }
  }
  const context: RowRulesContext = {
    fallbackCurrency,
    addressCache: sharedAddressCache,
    currencyCache: new Map(),
    recentPayouts: options.recentPayouts,
  };
  const rows = data.map((record, index): ImportRow => {
    const scan = scans[index] ?? scanAmount('');
    const checked = checkRow(
      {
        address: cellAt(record, mapping.address),
        amount: cellAt(record, mapping.amount),
        currency: cellAt(record, mapping.currency),
        comment: cellAt(record, mapping.comment),
      },
      readAmount(scan, convention),
      context,
    );
    return {
      line: record.line,
      address: checked.address,
      amount: checked.amount,
      currency: checked.currency,
      comment: checked.comment,
      verdict: 'ok',
      problems: checked.problems,
    };
  });
  const duplicates = duplicateProblems(rows);
  rows.forEach((row, index) => {
    const duplicate = duplicates.get(index);
    if (duplicate) row.problems.push(duplicate);
    if (row.line === unclosedQuoteLine) {
      row.problems.push(
        problem(
          'QUOTE_UNCLOSED',
          'A quote (") in this row opens a cell that never closes, so the rest of the file was read into this row. Remove the stray quote and export again.',
        ),
      );
    }
    row.verdict = verdictOf(row.problems);
  });
  return { rows, decimalSeparator: convention.separator };
}

export function importPayoutFile(bytes: Uint8Array, options: ImportOptions = {}): ImportResult {
  const decoded = decodeBytes(bytes);
  const base = { encoding: decoded.encoding, bom: decoded.bom };
  if (decoded.notText !== null) {
    return emptyResult({ ...base, problems: [problem('FILE_NOT_TEXT', decoded.notText)] });
  }
  const emptyFile = problem(
    'FILE_EMPTY',
    'The file is empty. Export the payout list again, with a header row and one row per recipient.',
  );
  const text = normalizeLineBreaks(decoded.text);
  const delimiter = detectDelimiter(text);
  const parsed = parseRecords(text, delimiter);
  if (parsed.records.length === 0) {
    return emptyResult({ ...base, delimiter, problems: [emptyFile] });
  }

  const outcome = resolveMapping(parsed.records, options);
  const { mapping, hasHeader, headers } = outcome;
  const problems: ImportProblem[] = [...outcome.problems];
  if (parsed.unclosedQuoteLine !== null) {
    problems.push(
      problem(
        'FILE_QUOTE_UNCLOSED',
        `A quoted cell that starts on line ${parsed.unclosedQuoteLine} is never closed, so everything after it was read as one cell. Check that row for a stray " and export again.`,
        parsed.unclosedQuoteLine,
      ),
    );
  }

  let fallbackCurrency: Currency | null = null;
  if (options.currency !== undefined) {
    const chosen = readChosenCurrency(options.currency);
    if ('network' in chosen) fallbackCurrency = chosen;
    else problems.push(chosen);
  }
  // An unknown chosen currency has its own problem; it is not also a missing column.
  const missing = missingColumnsProblem(
    mapping,
    options.mapping,
    headers,
    options.currency !== undefined,
  );
  if (missing) problems.push(missing);
  const data = parsed.records.slice(outcome.headerIndex + 1);
  if (data.length === 0) {
    problems.push(
      problem(
        'FILE_NO_ROWS',
        'The file has column names but no payout rows below them. Add one row per recipient.',
      ),
    );
  }

  const result = emptyResult({
    ...base,
    delimiter,
    hasHeader,
    headers: hasHeader ? headers : [],
    // Shortened: a mapping screen needs a glimpse, not a 100,000-character cell.
    sample: data
      .slice(0, SAMPLE_RECORDS)
      .map((record) =>
        record.cells.slice(0, SAMPLE_CELLS).map((cell) => cell.slice(0, SAMPLE_CELL_LENGTH)),
      ),
    mapping,
    decimalSeparator: options.decimalSeparator ?? null,
    problems,
  });
  if (problems.some((entry) => BLOCKING.has(entry.code))) return result;

  const validated = validateRows(
    data,
    mapping,
    options,
    fallbackCurrency,
    problems,
    parsed.unclosedQuoteLine,
  );
  const { rows } = validated;
  for (const row of rows) result.counts[row.verdict] += 1;
  result.rows = rows;
  result.decimalSeparator = validated.decimalSeparator;
  result.batches = splitIntoBatches(rows, options.limits);
  result.excludedFromBatches = rows.reduce((count, row) => count + (isBatchable(row) ? 0 : 1), 0);
  return result;
}
