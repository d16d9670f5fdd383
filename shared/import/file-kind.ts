/**
 * What a payout file is, told from its bytes and never from its name (a name can lie, and a
 * dropped file may have none): a workbook the spreadsheet reader opens (.xlsx, .ods, legacy
 * .xls), text for the CSV reader, or a packed file that is neither, with the sentence saying
 * so (docs/spreadsheets.md, "Which files are workbooks").
 *
 * A ZIP (PK\x03\x04) is a workbook only when it holds a workbook's parts: `xl/workbook.xml`
 * (Office Open XML), or a `mimetype` entry naming an OpenDocument spreadsheet. The names are
 * read from the ZIP's central directory, the list of entries at the end of every complete
 * ZIP; a file without one was cut short. An OLE container (D0 CF 11 E0) is handed to the
 * reader as .xls: it says when it is something else (a password-protected workbook is one).
 */

export type WorkbookKind = 'xlsx' | 'ods' | 'xls';
/** How a file was read: as delimited text (CSV, TSV, TXT), or as a workbook. */
export type FileKind = 'csv' | WorkbookKind;

export type KindOfBytes = { kind: FileKind } | { kind: 'refused'; message: string };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;
const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const END_RECORD_BYTES = 22;
const MAX_ZIP_COMMENT = 0xffff;
const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';
/**
 * A workbook is unpacked whole in memory to be read (docs/spreadsheets.md, "Limits"); one
 * that unpacks to more than this (a huge sheet, or a ZIP bomb) is refused before it is.
 */
export const WORKBOOK_MAX_UNPACKED_BYTES = 400 * 1024 * 1024;

const SAVE_AGAIN =
  'Open it in your spreadsheet program, save it again (as .xlsx, or as "CSV UTF-8") and import that file.';

const names = new TextDecoder('utf-8');

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return u16(bytes, at) + u16(bytes, at + 2) * 0x10000;
}

type ZipEntry = {
  name: string;
  method: number;
  size: number;
  /** What the entry unpacks to, as the directory says. */
  unpacked: number;
  localHeader: number;
};

/** The entries of a complete ZIP; null when it has no readable central directory. */
function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const lowest = Math.max(0, bytes.length - END_RECORD_BYTES - MAX_ZIP_COMMENT);
  for (let end = bytes.length - END_RECORD_BYTES; end >= lowest; end -= 1) {
    if (u32(bytes, end) !== END_OF_DIRECTORY) continue;
    const count = u16(bytes, end + 10);
    let at = u32(bytes, end + 16);
    const found: ZipEntry[] = [];
    for (let index = 0; index < count; index += 1) {
      if (at + 46 > end || u32(bytes, at) !== DIRECTORY_ENTRY) return null;
      const nameLength = u16(bytes, at + 28);
      found.push({
        name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
        method: u16(bytes, at + 10),
        size: u32(bytes, at + 20),
        unpacked: u32(bytes, at + 24),
        localHeader: u32(bytes, at + 42),
      });
      at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    }
    return found;
  }
  return null;
}

export function zipEntryNames(bytes: Uint8Array): string[] | null {
  return zipEntries(bytes)?.map((entry) => entry.name) ?? null;
}

/** A short entry's text when it is stored uncompressed (an ODF `mimetype` is); else null. */
function storedText(bytes: Uint8Array, entry: ZipEntry): string | null {
  if (entry.method !== 0 || entry.size === 0 || entry.size > 200) return null;
  const dataAt = entry.localHeader + 30 + u16(bytes, entry.localHeader + 26);
  const start = dataAt + u16(bytes, entry.localHeader + 28);
  if (start + entry.size > bytes.length) return null;
  return names.decode(bytes.subarray(start, start + entry.size));
}

/** The name of the first entry, from its local header (a ZIP cut short has no directory). */
function firstEntryName(bytes: Uint8Array): string {
  return names.decode(bytes.subarray(30, 30 + u16(bytes, 26)));
}

function kindOfZip(bytes: Uint8Array): KindOfBytes {
  const entries = zipEntries(bytes);
  if (entries === null) {
    const first = firstEntryName(bytes);
    const looksLikeExcel = first === '[Content_Types].xml' || first.startsWith('xl/');
    return {
      kind: 'refused',
      message: looksLikeExcel
        ? `This looks like an Excel workbook (.xlsx), but the file is incomplete or damaged, so it cannot be read. ${SAVE_AGAIN}`
        : `This is a packed (ZIP) file that is incomplete or damaged, so it cannot be read. ${SAVE_AGAIN}`,
    };
  }
  const unpacked = entries.reduce((total, entry) => total + entry.unpacked, 0);
  if (unpacked > WORKBOOK_MAX_UNPACKED_BYTES) {
    return {
      kind: 'refused',
      message: `This file unpacks to ${Math.ceil(unpacked / (1024 * 1024)).toLocaleString('en-US')} MB, more than the app reads from a workbook (400 MB). Save the payout sheet as "CSV UTF-8" and import that file: large CSV files are read in parts.`,
    };
  }
  const lower = new Set(entries.map((entry) => entry.name.toLowerCase()));
  if (lower.has('xl/workbook.xml')) return { kind: 'xlsx' };
  const mimetypeEntry = entries.find((entry) => entry.name === 'mimetype');
  const mimetype = mimetypeEntry ? storedText(bytes, mimetypeEntry) : null;
  if (mimetype === ODS_MIMETYPE) return { kind: 'ods' };
  // A writer that compressed its `mimetype` (against the standard): the reader decides.
  if (mimetype === null && lower.has('content.xml') && lower.has('meta-inf/manifest.xml')) {
    return { kind: 'ods' };
  }
  if (lower.has('xl/workbook.bin')) {
    return {
      kind: 'refused',
      message: `This is an Excel binary workbook (.xlsb), which the app does not read. ${SAVE_AGAIN}`,
    };
  }
  if (mimetype?.startsWith('application/vnd.oasis.opendocument')) {
    return {
      kind: 'refused',
      message:
        'This is an OpenDocument file that is not a spreadsheet (a text document or a presentation, for example). Put the payout list in a spreadsheet (.ods or .xlsx) or a CSV file and import that.',
    };
  }
  if (lower.has('word/document.xml') || lower.has('ppt/presentation.xml')) {
    return {
      kind: 'refused',
      message:
        'This is a Word document or a PowerPoint presentation, not a spreadsheet. Put the payout list in a spreadsheet (.xlsx or .ods) or a CSV file and import that.',
    };
  }
  return {
    kind: 'refused',
    message:
      'This is a ZIP archive (packed files), not a spreadsheet or a CSV file. Unpack it and import the payout list inside it.',
  };
}

/** Never throws; reads at most the first entry's header and the ZIP's central directory. */
export function kindOfBytes(bytes: Uint8Array): KindOfBytes {
  if (startsWith(bytes, ZIP_MAGIC)) return kindOfZip(bytes);
  if (startsWith(bytes, OLE_MAGIC)) return { kind: 'xls' };
  return { kind: 'csv' };
}
