/**
 * Bytes to text the way spreadsheets write them: a byte-order mark decides first (Excel's
 * "CSV UTF-8" and "Unicode text"), then UTF-16 without one by its zero bytes, then UTF-8 if
 * the bytes are valid UTF-8, else Windows-1252 (Excel's plain "CSV" on Western Windows).
 * Never throws: invalid bytes become U+FFFD. Files that are not text at all (a PDF, an
 * image) are recognised so the message can say what to do instead. Workbooks never get here:
 * file-kind.ts tells them from their bytes first and the spreadsheet reader opens them.
 */
import type { TextEncodingName } from './types';

export type DecodedFile = {
  encoding: TextEncodingName;
  bom: boolean;
  text: string;
  /** Why the file is not a text export; null when it is text. */
  notText: string | null;
};

const EXPORT_HINT =
  'Open it in your spreadsheet program, choose File > Save As > "CSV UTF-8 (comma delimited)" and import that file.';

// The first bytes of files people pick by mistake instead of the payout list.
const SIGNATURES: readonly { bytes: readonly number[]; message: string }[] = [
  {
    bytes: [0x25, 0x50, 0x44, 0x46],
    message: `This is a PDF document, not a payout list. Import the spreadsheet itself (.xlsx, .ods) or its CSV export instead.`,
  },
  {
    bytes: [0x89, 0x50, 0x4e, 0x47],
    message: `This is an image (PNG), not a payout list. Import the spreadsheet itself (.xlsx, .ods) or its CSV export instead.`,
  },
  {
    bytes: [0xff, 0xd8, 0xff],
    message: `This is an image (JPEG), not a payout list. Import the spreadsheet itself (.xlsx, .ods) or its CSV export instead.`,
  },
  {
    bytes: [0x47, 0x49, 0x46, 0x38],
    message: `This is an image (GIF), not a payout list. Import the spreadsheet itself (.xlsx, .ods) or its CSV export instead.`,
  },
];

const NOT_TEXT = `This file does not contain text and is not a workbook (.xlsx, .ods, .xls), so it is not a payout list. ${EXPORT_HINT}`;

// Windows-1252 differs from Latin-1 only in 0x80-0x9F. Some runtimes (Node 20 among them)
// decode the "windows-1252" label as Latin-1, leaving C1 control characters where € and
// curly quotes belong, so those are mapped here whatever the runtime did.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1 = /[\u0080-\u009f]/g;
const C1_TEST = /[\u0080-\u009f]/;

// Decoders are reused: creating one per file is measurable on large imports.
const decoders = new Map<string, TextDecoder>();
function decoder(label: string, fatal = false): TextDecoder {
  const key = `${label}:${String(fatal)}`;
  let found = decoders.get(key);
  if (!found) {
    found = new TextDecoder(label, { fatal });
    decoders.set(key, found);
  }
  return found;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((byte, index) => bytes[index] === byte);
}

function decodeWindows1252(bytes: Uint8Array): string {
  const text = decoder('windows-1252').decode(bytes);
  if (!C1_TEST.test(text)) return text;
  return text.replace(C1, (char) => CP1252_HIGH.charAt(char.charCodeAt(0) - 0x80));
}

/** UTF-16 without a byte-order mark: ASCII text has a zero in every other byte. */
function sniffUtf16(bytes: Uint8Array): TextEncodingName | null {
  const pairs = Math.min(bytes.length, 1024) >> 1;
  if (pairs < 2) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let index = 0; index < pairs * 2; index += 2) {
    if (bytes[index] === 0) zeroEven += 1;
    if (bytes[index + 1] === 0) zeroOdd += 1;
  }
  if (zeroOdd >= pairs * 0.3 && zeroEven <= pairs * 0.05) return 'utf-16le';
  if (zeroEven >= pairs * 0.3 && zeroOdd <= pairs * 0.05) return 'utf-16be';
  return null;
}

function isUnreadable(text: string): boolean {
  const sample = Math.min(text.length, 4096);
  let controls = 0;
  for (let index = 0; index < sample; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) controls += 1;
  }
  // A stray NUL in a real export is a row problem, not a reason to refuse the file.
  return controls > sample * 0.02;
}

function decodeText(bytes: Uint8Array): Omit<DecodedFile, 'notText'> {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { encoding: 'utf-8', bom: true, text: decoder('utf-8').decode(bytes) };
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { encoding: 'utf-16le', bom: true, text: decoder('utf-16le').decode(bytes) };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { encoding: 'utf-16be', bom: true, text: decoder('utf-16be').decode(bytes) };
  }
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { encoding: utf16, bom: false, text: decoder(utf16).decode(bytes) };
  try {
    return { encoding: 'utf-8', bom: false, text: decoder('utf-8', true).decode(bytes) };
  } catch {
    return { encoding: 'windows-1252', bom: false, text: decodeWindows1252(bytes) };
  }
}

export function decodeBytes(bytes: Uint8Array): DecodedFile {
  const signature = SIGNATURES.find((entry) => startsWith(bytes, entry.bytes));
  if (signature) {
    return { encoding: 'utf-8', bom: false, text: '', notText: signature.message };
  }
  const decoded = decodeText(bytes);
  return { ...decoded, notText: isUnreadable(decoded.text) ? NOT_TEXT : null };
}
