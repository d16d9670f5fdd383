/**
 * A file read with the column mapping remembered for its header: the header is found in the
 * file's first lines, its signature is looked up, and only then is every row read (with the
 * remembered mapping when there is one). Shared by the page's import worker and the desk,
 * which read files the same way (docs/import.md, "Where the work happens").
 */
import { kindOfBytes } from './file-kind';
import { headerSignature, normalizeHeaderName } from './header-names';
import { sourceNameKey } from './source-name';
import { importPayoutFile } from './import-file';
import type { ColumnMappingInput, ImportOptions, ImportResult } from './types';

/** Enough of the file to find its header row (searched within the first records). */
const HEADER_PREFIX_BYTES = 64 * 1024;
/** The same for a workbook, whose bytes cannot be cut: its sheet's first rows. */
const HEADER_SHEET_ROWS = 200;

/**
 * The file's first lines, cut after a line break so no character is split; UTF-16 text is
 * cut at an even offset.
 */
export function headerPrefix(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength <= HEADER_PREFIX_BYTES) return bytes;
  const head = bytes.subarray(0, HEADER_PREFIX_BYTES);
  const lastBreak = head.lastIndexOf(0x0a);
  if (lastBreak < 0) return head;
  let zeros = 0;
  for (const byte of head) if (byte === 0) zeros += 1;
  const utf16 = zeros > head.length / 4;
  let end = lastBreak + 1;
  if (utf16 && end % 2 === 1) end += 1;
  return bytes.subarray(0, end);
}

/** headerSignature of a reading's header row; null when the file has none. */
export function signatureOf(result: ImportResult): string | null {
  return result.hasHeader && result.headers.length > 0 ? headerSignature(result.headers) : null;
}

export type RecalledReading = {
  result: ImportResult;
  signature: string | null;
  /** The remembered mapping that was applied, if any. */
  recalled: ColumnMappingInput | null;
  /** What it was remembered for: this header, or an earlier file of the same source name. */
  recalledBy: 'header' | 'source' | null;
  /** Time spent reading every row, without the header lookup. */
  parseMs: number;
};

/**
 * A mapping remembered for a source names its columns: it applies to this file only when
 * every column it names is one of the file's headers (a column moved is still found; a
 * column renamed or gone makes it not apply, rather than read the wrong column).
 */
function appliesTo(mapping: ColumnMappingInput, headers: readonly string[]): boolean {
  const names = new Set(headers.map(normalizeHeaderName));
  const refs = Object.values(mapping);
  return (
    refs.length > 0 &&
    refs.every((ref) => typeof ref === 'string' && names.has(normalizeHeaderName(ref)))
  );
}

type Recall = (key: string) => Promise<ColumnMappingInput | null> | ColumnMappingInput | null;

export type RecallExtras = {
  /** The file's name: a mapping remembered for its source applies (source-name.ts). */
  sourceName?: string;
  /** Told how many rows are checked of how many, while every row is read. */
  onRows?: (checked: number, total: number) => void;
};

/**
 * Reads `bytes`; when `recall` is given and `options` carry no mapping, first asks it for the
 * mapping remembered for the file's header signature, then for the one remembered for its
 * source name (`sourceName`, the file's name), which names its columns.
 */
export async function readWithRecall(
  bytes: Uint8Array,
  options: ImportOptions,
  recall?: Recall,
  { sourceName, onRows }: RecallExtras = {},
): Promise<RecalledReading> {
  let chosen = options;
  let recalled: ColumnMappingInput | null = null;
  let recalledBy: RecalledReading['recalledBy'] = null;
  if (recall !== undefined && options.mapping === undefined) {
    const head =
      kindOfBytes(bytes).kind === 'csv'
        ? importPayoutFile(headerPrefix(bytes), options, { headerOnly: true })
        : importPayoutFile(bytes, options, { sheetRows: HEADER_SHEET_ROWS, headerOnly: true });
    const header = signatureOf(head);
    if (header !== null) {
      recalled = await Promise.resolve(recall(header)).catch(() => null);
      if (recalled !== null) recalledBy = 'header';
      const source = sourceName === undefined ? null : sourceNameKey(sourceName);
      if (recalled === null && source !== null) {
        const bySource = await Promise.resolve(recall(source)).catch(() => null);
        if (bySource !== null && appliesTo(bySource, head.headers)) {
          recalled = bySource;
          recalledBy = 'source';
        }
      }
      if (recalled !== null) chosen = { ...options, mapping: recalled };
    }
  }
  const started = Date.now();
  const result = importPayoutFile(bytes, chosen, onRows === undefined ? {} : { onRows });
  return {
    result,
    signature: signatureOf(result),
    recalled,
    recalledBy,
    parseMs: Date.now() - started,
  };
}
