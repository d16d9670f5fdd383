/**
 * A spreadsheet export, as bytes, to rows with verdicts: decode, find the delimiter, parse,
 * find the header and columns, learn the file's decimal separator, validate every row, flag
 * duplicates, plan the mass payouts. Never throws on any input: whatever is wrong with the
 * file comes back as a problem a person can act on.
 *
 * A workbook (.xlsx, .ods, .xls, told from its bytes by file-kind.ts) is read into the same
 * records by spreadsheet-records.ts and from there on goes the same way: the same mapping,
 * rules and checks, only its amount cells holding numbers are read as the exact number
 * stored (docs/spreadsheets.md).
 *
 * A large file is read in streaming passes instead of one whole parse (docs/import.md,
 * "Large files"): the first counts its records, finds its width and keeps only the first
 * few (enough for the mapping), so a file over the row limit is refused before any row is
 * validated; the next tallies the decimal separator its amounts prove (unless one was
 * chosen), and the last checks each record into its row as it is parsed, keeping no record.
 * The rows and verdicts are the same either way (test/unit/import/streaming.test.ts).
 */
import { createAddressCache, sharedAddressCache, type AddressCache } from './address-field';
import { keyOfCleanAddress } from './address-key';
import {
  detectDecimalSeparator,
  readAmount,
  scanAmount,
  separatorOfTally,
  tallySeparator,
  type AmountConvention,
  type AmountScan,
  type SeparatorEvidence,
  type SeparatorTally,
} from './amount';
import { splitIntoBatches } from './batches';
import { HEAD_RECORDS, resolveMapping } from './column-mapping';
import { readChosenCurrency } from './currency-field';
import { decodeBytes } from './decode-bytes';
import { DELIMITER_SAMPLE_CHARS, detectDelimiter } from './delimiter';
import { duplicateProblems } from './duplicates';
import {
  columnsNotKeptProblem,
  dropEmptyUnnamed,
  extraColumnsOf,
  NO_EXTRA_CELLS,
  shortenLongCells,
} from './extra-columns';
import { kindOfBytes } from './file-kind';
import { joinAnd, joinOr, listQuoted, NO_PROBLEMS, problem, verdictOf } from './problems';
import {
  crlfBreaks,
  normalizeLineBreaks,
  parseRecords,
  walkRecords,
  type FileRecord,
  type Newline,
} from './records';
import {
  emptyFileProblem,
  SAMPLE_RECORDS,
  sampleOf,
  widthOf,
  type FileFacts,
  type ReadRecords,
} from './read-records';
import { DRAFT_MAX_ROWS, tooManyRowsSentence } from './row-limit';
import { checkRowCells, type RowRulesContext } from './row-rules';
import type { StoredAmounts } from './spreadsheet-records';
import type {
  ColumnMapping,
  ColumnRole,
  Delimiter,
  ImportOptions,
  ImportProblem,
  ImportResult,
  ImportRow,
} from './types';
import { readWorkbook } from './workbook-import';
import type { Currency } from '../networks';

/** Above this many characters of text a file is read in streaming passes. */
const STREAM_ABOVE_CHARS = 8 * 1024 * 1024;

/** Address checks a streamed file keeps per family: repeats of a recipient nearby. */
const STREAMED_CACHE_SIZE = 20_000;

/**
 * Internal knobs: for tests that hold the two ways of reading a file together, and for the
 * header lookup of read-with-recall.ts, which needs only a workbook's first rows.
 */
export type ImportTuning = {
  streamAboveChars?: number;
  sheetRows?: number;
  /** Told how many rows are checked of how many, every ROWS_PER_PROGRESS and at the end. */
  onRows?: (checked: number, total: number) => void;
  /**
   * The header and mapping only, no row checked (the header lookup of read-with-recall.ts):
   * the rows come back empty, and the file is read in full once the mapping is known.
   */
  headerOnly?: boolean;
  /** Records per piece a streamed UTF-8 file's rows are read from again (PIECE_RECORDS). */
  pieceRecords?: number;
};

/** Records per piece a streamed file's rows are read from again (readHead): about 1.5 MB. */
const PIECE_RECORDS = 20_000;

const PIECE_DECODER = new TextDecoder('utf-8');
const UTF8 = new TextEncoder();

function utf8Length(text: string): number {
  return UTF8.encode(text).length;
}

/**
 * A copy of a cell that does not point into the text it was cut from. V8 makes a substring
 * of 13 characters or more a view into its parent (a sliced string) and keeps the parent
 * whole while any view lives; a shorter one is a copy already. A JSON round trip is the
 * plainest way to have a string copied.
 */
function ownCopy(cell: string): string {
  return cell.length < 13 ? cell : (JSON.parse(JSON.stringify(cell)) as string);
}

/** How often a large file's reading reports its rows (the page's progress bar). */
const ROWS_PER_PROGRESS = 5_000;

/** A number cell's amount means itself: "1.234" is 1.234, whatever the file's convention. */
const STORED_NUMBER: AmountConvention = {
  source: 'chosen',
  separator: '.',
  subject: 'file',
  canonicalFirst: true,
};

/** A text file has no stored numbers. */
const NO_STORED: StoredAmounts['stored'] = new Map();

const BLOCKING = new Set<ImportProblem['code']>([
  'FILE_TOO_MANY_ROWS',
  'FILE_EMPTY',
  'FILE_NOT_TEXT',
  'SHEET_NOT_FOUND',
  'FILE_NO_ROWS',
  'COLUMN_MISSING',
  'MAPPING_COLUMN_NOT_FOUND',
  'CURRENCY_UNKNOWN',
]);

function emptyResult(partial: FileFacts & Partial<ImportResult>): ImportResult {
  return {
    delimiter: ',',
    hasHeader: false,
    headers: [],
    sample: [],
    mapping: { address: null, amount: null, currency: null, comment: null, name: null },
    extraColumns: [],
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

function cellAt(record: FileRecord | undefined, column: number | null): string {
  return column === null || record === undefined ? '' : (record.cells[column] ?? '');
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

/** What every row of one file is checked with, once the file's decimal convention is known. */
type RowMaker = {
  mapping: ColumnMapping;
  extraIndexes: readonly number[];
  convention: AmountConvention;
  context: RowRulesContext;
  /** A workbook's rows whose amount is a stored number (by data index); empty for text. */
  stored: StoredAmounts['stored'];
};

/**
 * The convention amounts are read with: the one chosen, or the one most amounts prove
 * (`evidence` is asked only then), with a warning when both occur.
 */
function conventionOf(
  options: ImportOptions,
  evidence: () => SeparatorEvidence,
  problems: ImportProblem[],
): AmountConvention {
  if (options.decimalSeparator) {
    return {
      source: 'chosen',
      separator: options.decimalSeparator,
      subject: 'file',
      canonicalFirst: false,
    };
  }
  const found = evidence();
  if (found.points > 0 && found.commas > 0) {
    problems.push(
      problem(
        'DECIMAL_SEPARATOR_MIXED',
        `Some amounts use a point (${rowCount(found.points)}) and others a comma (${rowCount(found.commas)}) as decimal separator. ` +
          'Each was read by its own form; check the rows marked, or choose the decimal separator for this file.',
      ),
    );
  }
  return { source: 'detected', separator: found.separator };
}

function rulesContext(
  options: ImportOptions,
  fallbackCurrency: Currency | null,
  addressCache: AddressCache,
): RowRulesContext {
  return {
    fallbackCurrency,
    addressCache,
    currencyCache: new Map(),
    recentPayouts: options.recentPayouts,
    ...(options.paidAddresses !== undefined ? { paidAddresses: options.paidAddresses } : {}),
  };
}

/** One record's row, checked; finishRows adds what needs every row (duplicates). */
function rowOf(
  record: FileRecord | undefined,
  index: number,
  scan: AmountScan,
  maker: RowMaker,
): ImportRow {
  const { mapping, extraIndexes, stored } = maker;
  const hasStored = stored.size > 0;
  // The cells one by one: no object per row (checkRowCells).
  const checked = checkRowCells(
    cellAt(record, mapping.address),
    cellAt(record, mapping.amount),
    cellAt(record, mapping.currency),
    cellAt(record, mapping.comment),
    cellAt(record, mapping.name),
    readAmount(scan, hasStored && stored.has(index) ? STORED_NUMBER : maker.convention),
    maker.context,
  );
  // First, as a draft lists the problems it carries from the file (draft-row-rules.ts).
  const storedWarning = hasStored ? stored.get(index) : undefined;
  const rowProblems = storedWarning
    ? [storedWarning, ...checked.problems]
    : checked.problems.length === 0
      ? NO_PROBLEMS
      : checked.problems;
  return {
    line: record?.line ?? 0,
    address: checked.address,
    amount: checked.amount,
    currency: checked.currency,
    comment: checked.comment,
    name: checked.name,
    extra:
      extraIndexes.length === 0
        ? NO_EXTRA_CELLS
        : extraIndexes.map((column) => cellAt(record, column).trim()),
    verdict: verdictOf(rowProblems),
    problems: rowProblems,
  };
}

/** The checks that need every row: duplicates and the unclosed quote's row. */
function finishRows(rows: ImportRow[], unclosedQuoteLine: number | null): void {
  // Every row's address is already cleaned (checkAddressCell): its key needs no second cleaning.
  // Only the rows with a duplicate or the unclosed quote change: no second pass over all rows.
  for (const [index, duplicate] of duplicateProblems(rows, keyOfCleanAddress)) {
    const row = rows[index];
    if (row === undefined) continue;
    row.problems = [...row.problems, duplicate];
    row.verdict = verdictOf(row.problems);
  }
  if (unclosedQuoteLine === null) return;
  for (const row of rows) {
    if (row.line !== unclosedQuoteLine) continue;
    row.problems = [
      ...row.problems,
      problem(
        'QUOTE_UNCLOSED',
        'A quote (") in this row opens a cell that never closes, so the rest of the file was read into this row. Remove the stray quote and export again.',
      ),
    ];
    row.verdict = verdictOf(row.problems);
  }
}

/** A streamed file's text, and how its records are told apart. */
type StreamedText = {
  /** Emptied once the rows are read from `pieces`: nothing else holds the text then. */
  text: string;
  delimiter: Delimiter;
  newline: Newline;
  /** The file's bytes and the pieces its text decodes again from, or null (see readHead). */
  pieces: { bytes: Uint8Array; cuts: Piece[] } | null;
};

/** Bytes of a UTF-8 file from `start` to `end`, cut where a record ends; `firstLine` is its line. */
type Piece = { start: number; end: number; firstLine: number };

type Validated = { rows: ImportRow[]; decimalSeparator: ImportResult['decimalSeparator'] };

/**
 * A file read whole (or a workbook): its records are all in memory already.
 * `stored`: a workbook's rows whose amount is a stored number (by index into `data`); they
 * are read as canonical decimals and prove nothing about the file's decimal separator.
 */
function validateRows(
  data: readonly FileRecord[],
  mapping: ColumnMapping,
  extraIndexes: readonly number[],
  options: ImportOptions,
  fallbackCurrency: Currency | null,
  problems: ImportProblem[],
  unclosedQuoteLine: number | null,
  stored: StoredAmounts['stored'] = new Map(),
  onRows?: ImportTuning['onRows'],
): Validated {
  const scans = data.map((record) => scanAmount(cellAt(record, mapping.amount)));
  const convention = conventionOf(
    options,
    () =>
      detectDecimalSeparator(
        stored.size === 0 ? scans : scans.filter((_, index) => !stored.has(index)),
      ),
    problems,
  );
  const maker: RowMaker = {
    mapping,
    extraIndexes,
    convention,
    context: rulesContext(options, fallbackCurrency, sharedAddressCache),
    stored,
  };
  const rows: ImportRow[] = new Array<ImportRow>(data.length);
  for (let index = 0; index < data.length; index += 1) {
    if (onRows !== undefined && index % ROWS_PER_PROGRESS === 0) onRows(index, data.length);
    rows[index] = rowOf(data[index], index, scans[index] ?? scanAmount(''), maker);
  }
  finishRows(rows, unclosedQuoteLine);
  return { rows, decimalSeparator: convention.separator };
}

/**
 * A streamed file: no record is kept. Unless a separator was chosen, one pass tallies what
 * its amounts prove; the next checks each record as papaparse hands it over, so what is
 * held is the text and the rows made so far, never every record besides (docs/import.md,
 * "Large files"). The rows are the ones validateRows makes of the same records.
 */
function validateStreamed(
  source: StreamedText,
  headerIndex: number,
  dataCount: number,
  mapping: ColumnMapping,
  extraIndexes: readonly number[],
  options: ImportOptions,
  fallbackCurrency: Currency | null,
  problems: ImportProblem[],
  unclosedQuoteLine: number | null,
  onRows?: ImportTuning['onRows'],
): Validated {
  const { delimiter, newline } = source;
  const eachData = (visit: (record: FileRecord) => void): void => {
    let seen = 0;
    walkRecords(
      source.text,
      delimiter,
      (record) => {
        seen += 1;
        if (seen > headerIndex + 1) visit(record);
      },
      newline,
    );
  };
  const convention = conventionOf(
    options,
    () => {
      const tally: SeparatorTally = { points: 0, commas: 0 };
      eachData((record) => {
        tallySeparator(tally, scanAmount(cellAt(record, mapping.amount)));
      });
      return separatorOfTally(tally);
    },
    problems,
  );
  const maker: RowMaker = {
    mapping,
    extraIndexes,
    convention,
    // A small cache of its own: the shared one would keep hundreds of thousands of its
    // addresses (and so its whole text) alive after the import.
    context: rulesContext(options, fallbackCurrency, createAddressCache(STREAMED_CACHE_SIZE)),
    stored: NO_STORED,
  };
  // Sized once from the first pass's count: grown by push, a million rows' array is copied
  // some thirty times on the way and ends with up to half its length unused.
  const rows: ImportRow[] = new Array<ImportRow>(dataCount);
  let made = 0;
  const checkRecord = (record: FileRecord): void => {
    if (onRows !== undefined && made % ROWS_PER_PROGRESS === 0) onRows(made, dataCount);
    rows[made] = rowOf(record, made, scanAmount(cellAt(record, mapping.amount)), maker);
    made += 1;
  };
  if (source.pieces === null) {
    eachData(checkRecord);
  } else {
    // Read again piece by piece from the bytes, with the cells a row keeps copied out of
    // their piece, so neither the text nor any piece outlives its records: what stays is the
    // rows (docs/import.md, "Large files").
    const { bytes, cuts } = source.pieces;
    source.text = '';
    const kept = [mapping.address, mapping.amount, mapping.currency, mapping.comment, mapping.name]
      .filter((column) => column !== null)
      .concat(extraIndexes);
    let seen = 0;
    for (const cut of cuts) {
      walkRecords(
        PIECE_DECODER.decode(bytes.subarray(cut.start, cut.end)),
        delimiter,
        (record) => {
          seen += 1;
          if (seen <= headerIndex + 1) return;
          for (const column of kept) {
            const cell = record.cells[column];
            if (cell !== undefined) record.cells[column] = ownCopy(cell);
          }
          checkRecord(record);
        },
        newline,
        { firstLine: cut.firstLine },
      );
    }
  }
  rows.length = made;
  finishRows(rows, unclosedQuoteLine);
  return { rows, decimalSeparator: convention.separator };
}

type FileText = Pick<ImportResult, 'encoding' | 'bom'> & {
  text: string;
  notText: string | null;
  /** What separates its records: `\n`, or `\r\n` for a large file left as decoded. */
  newline: Newline;
  /** Its length once normalised: above STREAM_ABOVE_CHARS it is streamed. */
  chars: number;
  /** The text is the file's UTF-8 bytes decoded, unchanged: a piece of it decodes alike. */
  asDecoded: boolean;
};

/** A text file (or one refused before it was read) has no sheets. A new array each time. */
function textFile(): Pick<FileFacts, 'fileKind' | 'sheets' | 'sheet'> {
  return { fileKind: 'csv', sheets: [], sheet: null };
}

/**
 * Decoded with `\n` line breaks; the text before normalising is not kept (large files). A
 * file to be streamed whose breaks are all CRLF is not normalised at all: papaparse splits
 * it on "\r\n" (records.ts, crlfBreaks), and its one copy of the text is the decoded one.
 */
function readText(bytes: Uint8Array, streamAboveChars: number): FileText {
  const decoded = decodeBytes(bytes);
  const facts = { encoding: decoded.encoding, bom: decoded.bom, notText: decoded.notText };
  if (decoded.notText !== null) {
    return { ...facts, text: '', newline: '\n', chars: 0, asDecoded: false };
  }
  // A replacement character may stand for bytes of another length: cuts would be off.
  const utf8 = decoded.encoding === 'utf-8' && !decoded.text.includes('\ufffd');
  const crlf = crlfBreaks(decoded.text);
  if (crlf !== null && decoded.text.length - crlf > streamAboveChars) {
    const chars = decoded.text.length - crlf;
    return { ...facts, text: decoded.text, newline: '\r\n', chars, asDecoded: utf8 };
  }
  const text = normalizeLineBreaks(decoded.text);
  return {
    ...facts,
    text,
    newline: '\n',
    chars: text.length,
    asDecoded: utf8 && text === decoded.text,
  };
}

function readWhole(text: string, delimiter: Delimiter, options: ImportOptions): ReadRecords {
  const parsed = parseRecords(text, delimiter);
  const outcome = resolveMapping(parsed.records, options);
  const data = parsed.records.slice(outcome.headerIndex + 1);
  return {
    count: parsed.records.length,
    width: widthOf(parsed.records),
    unclosedQuoteLine: parsed.unclosedQuoteLine,
    outcome,
    data,
    sample: sampleOf(data),
  };
}

/**
 * First streaming pass: count, width, the unclosed quote and the first records only (copied
 * out of the text, as the sample and header names are kept). For a text that is its UTF-8
 * bytes as decoded, it also notes where to cut the bytes, every `pieceRecords` records, so
 * the checking pass can decode them again piece by piece and let the text go.
 */
function readHead(
  source: StreamedText,
  options: ImportOptions,
  /** The bytes, and where the text's first character starts in them (after a BOM). */
  decodedFrom: { bytes: Uint8Array; firstByte: number } | null,
  pieceRecords: number,
): ReadRecords {
  const { text, delimiter, newline } = source;
  const head: FileRecord[] = [];
  const cuts: Piece[] = [];
  let start = decodedFrom?.firstByte ?? 0;
  let from = 0;
  let firstLine = 1;
  let records = 0;
  const onRecordEnd = (cursor: number, nextLine: number): void => {
    records += 1;
    if (records % pieceRecords !== 0 || cursor >= text.length) return;
    const end = start + utf8Length(text.slice(from, cursor));
    cuts.push({ start, end, firstLine });
    start = end;
    from = cursor;
    firstLine = nextLine;
  };
  const walk = walkRecords(
    text,
    delimiter,
    (record) => {
      if (head.length < HEAD_RECORDS + SAMPLE_RECORDS) {
        head.push({ line: record.line, cells: record.cells.map(ownCopy) });
      }
    },
    newline,
    decodedFrom ? { onRecordEnd } : {},
  );
  if (decodedFrom) {
    cuts.push({ start, end: decodedFrom.bytes.length, firstLine });
    source.pieces = { bytes: decodedFrom.bytes, cuts };
  }
  const outcome = resolveMapping(head.slice(0, HEAD_RECORDS), options, walk.width);
  return {
    count: walk.count,
    width: walk.width,
    unclosedQuoteLine: walk.unclosedQuoteLine,
    outcome,
    data: null,
    sample: sampleOf(head.slice(outcome.headerIndex + 1)),
  };
}

export function importPayoutFile(
  bytes: Uint8Array,
  options: ImportOptions = {},
  tuning: ImportTuning = {},
): ImportResult {
  const kind = kindOfBytes(bytes);
  if (kind.kind === 'refused') {
    return emptyResult({
      ...textFile(),
      encoding: 'utf-8',
      bom: false,
      problems: [problem('FILE_NOT_TEXT', kind.message)],
    });
  }
  if (kind.kind !== 'csv') {
    const workbook = readWorkbook(bytes, kind.kind, options, tuning.sheetRows);
    if ('problem' in workbook) {
      return emptyResult({ ...workbook.facts, problems: [workbook.problem] });
    }
    return readRows(workbook.read, { ...workbook.facts, delimiter: ',' }, options, null, tuning);
  }
  const streamAboveChars = tuning.streamAboveChars ?? STREAM_ABOVE_CHARS;
  const file = readText(bytes, streamAboveChars);
  const base = { ...textFile(), encoding: file.encoding, bom: file.bom };
  if (file.notText !== null) {
    return emptyResult({ ...base, problems: [problem('FILE_NOT_TEXT', file.notText)] });
  }
  const { newline } = file;
  // Delimiter detection reads the normalised head only (DELIMITER_SAMPLE_CHARS of it); the
  // head of a CRLF text, twice that long and normalised, starts with it.
  const delimiter =
    options.delimiter ??
    detectDelimiter(
      newline === '\n'
        ? file.text
        : normalizeLineBreaks(file.text.slice(0, 2 * DELIMITER_SAMPLE_CHARS + 2)),
    );
  // The text is held by `source` alone from here, so a streamed read can let it go.
  const source: StreamedText = { text: file.text, delimiter, newline, pieces: null };
  file.text = '';
  const streamed = file.chars > streamAboveChars;
  const read = streamed
    ? readHead(
        source,
        options,
        file.asDecoded ? { bytes, firstByte: file.bom ? 3 : 0 } : null,
        tuning.pieceRecords ?? PIECE_RECORDS,
      )
    : readWhole(source.text, delimiter, options);
  if (read.count === 0) {
    return emptyResult({ ...base, delimiter, problems: [emptyFileProblem([], null)] });
  }
  return readRows(read, { ...base, delimiter }, options, source, tuning);
}

/**
 * Everything after the records are read, the same for text and workbooks. `streamed` is the
 * text to read the data from again when `read.data` is null (a streamed file).
 */
function readRows(
  read: ReadRecords,
  base: FileFacts & Pick<ImportResult, 'delimiter'>,
  options: ImportOptions,
  streamed: StreamedText | null,
  { onRows, headerOnly = false }: ImportTuning = {},
): ImportResult {
  const { outcome, unclosedQuoteLine } = read;
  const { mapping, hasHeader, headers } = outcome;
  const problems: ImportProblem[] = [...outcome.problems];
  const dataCount = read.count - outcome.headerIndex - 1;
  const maxRows = options.maxRows ?? DRAFT_MAX_ROWS;
  if (dataCount > maxRows) {
    problems.unshift(problem('FILE_TOO_MANY_ROWS', tooManyRowsSentence(dataCount, maxRows)));
  }
  if (unclosedQuoteLine !== null) {
    problems.push(
      problem(
        'FILE_QUOTE_UNCLOSED',
        `A quoted cell that starts on line ${unclosedQuoteLine} is never closed, so everything after it was read as one cell. Check that row for a stray " and export again.`,
        unclosedQuoteLine,
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
  const extraColumns = extraColumnsOf(hasHeader ? headers : [], read.width, mapping);
  const missing = missingColumnsProblem(
    mapping,
    options.mapping,
    headers,
    options.currency !== undefined,
  );
  if (missing) problems.push(missing);
  if (dataCount <= 0) {
    problems.push(
      problem(
        'FILE_NO_ROWS',
        'The file has column names but no payout rows below them. Add one row per recipient.',
      ),
    );
  }

  const result = emptyResult({
    ...base,
    hasHeader,
    headers: hasHeader ? headers : [],
    sample: read.sample,
    mapping,
    decimalSeparator: options.decimalSeparator ?? null,
    problems,
  });
  if (headerOnly || problems.some((entry) => BLOCKING.has(entry.code))) return result;
  // Only a file whose rows are read hears that some of its columns are not kept.
  const notKept = columnsNotKeptProblem(extraColumns);
  if (notKept) problems.push(notKept);

  // A streamed file's data is read again (read.data is null), and checked record by record.
  const validated =
    read.data === null
      ? validateStreamed(
          streamed ?? { text: '', delimiter: ',', newline: '\n', pieces: null },
          outcome.headerIndex,
          dataCount,
          mapping,
          extraColumns.indexes,
          options,
          fallbackCurrency,
          problems,
          unclosedQuoteLine,
          onRows,
        )
      : validateRows(
          read.data,
          mapping,
          extraColumns.indexes,
          options,
          fallbackCurrency,
          problems,
          unclosedQuoteLine,
          read.stored,
          onRows,
        );
  const { rows } = validated;
  onRows?.(rows.length, rows.length);
  result.extraColumns = dropEmptyUnnamed(extraColumns, rows);
  const shortened = shortenLongCells(result.extraColumns, rows);
  if (shortened) problems.push(shortened);
  for (const row of rows) result.counts[row.verdict] += 1;
  result.rows = rows;
  result.decimalSeparator = validated.decimalSeparator;
  result.batches = splitIntoBatches(rows, options.limits);
  // Every batchable row is in exactly one batch, so the rest are the rows left out: no
  // second isBatchable pass over every row.
  result.excludedFromBatches =
    rows.length - result.batches.reduce((count, batch) => count + batch.count, 0);
  return result;
}
