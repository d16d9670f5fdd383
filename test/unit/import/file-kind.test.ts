/**
 * Which bytes are a workbook (read by the spreadsheet reader), which are text (the CSV
 * reader), and the sentence for packed files that are neither (shared/import/file-kind.ts).
 */
import { CFB } from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { kindOfBytes, zipEntryNames } from '../../../shared/import/file-kind';
import { importPayoutFile } from '../../../shared/import';
import { workbookBytes } from '../../support/workbooks';

type ZipWriter = {
  utils: {
    cfb_new: () => unknown;
    cfb_add: (container: unknown, name: string, content: Uint8Array) => void;
  };
  write: (container: unknown, options: Record<string, unknown>) => ArrayBuffer;
};
const zipLibrary = CFB as ZipWriter;

/** A ZIP of these entries, in order, stored uncompressed (as the ODF `mimetype` must be). */
function zipOf(entries: Record<string, string>): Uint8Array {
  const container = zipLibrary.utils.cfb_new();
  for (const [name, content] of Object.entries(entries)) {
    zipLibrary.utils.cfb_add(container, name, new TextEncoder().encode(content));
  }
  return new Uint8Array(
    zipLibrary.write(container, { fileType: 'zip', type: 'array', compression: false }),
  );
}

const SHEET = [{ name: 'Payroll', rows: [['address', 'amount']] }];

function refusal(bytes: Uint8Array): string {
  const result = importPayoutFile(bytes);
  expect(result.problems.map((entry) => entry.code)).toEqual(['FILE_NOT_TEXT']);
  expect(result.rows).toEqual([]);
  return result.problems[0]?.message ?? '';
}

describe('telling workbooks from their bytes', () => {
  it('knows .xlsx, .ods and .xls workbooks whatever their name', () => {
    expect(kindOfBytes(workbookBytes(SHEET, 'xlsx'))).toEqual({ kind: 'xlsx' });
    expect(kindOfBytes(workbookBytes(SHEET, 'ods'))).toEqual({ kind: 'ods' });
    expect(kindOfBytes(workbookBytes(SHEET, 'xls'))).toEqual({ kind: 'xls' });
    expect(kindOfBytes(new TextEncoder().encode('address,amount\n'))).toEqual({ kind: 'csv' });
  });

  it('leaves an OpenDocument package without a stored mimetype to the reader', () => {
    const bytes = zipOf({ 'META-INF/manifest.xml': '<manifest/>', 'content.xml': '<x/>' });
    expect(kindOfBytes(bytes)).toEqual({ kind: 'ods' });
    const result = importPayoutFile(bytes);
    expect(result.fileKind).toBe('ods');
    expect(result.problems.map((entry) => entry.code)).toEqual(['FILE_NOT_TEXT']);
  });

  it("lists a ZIP's entries from its central directory", () => {
    const names = zipEntryNames(workbookBytes(SHEET, 'xlsx')) ?? [];
    expect(names).toContain('xl/workbook.xml');
    expect(names).toContain('[Content_Types].xml');
    expect(zipEntryNames(zipOf({ 'a.txt': 'x', 'b/c.csv': 'y' }))?.sort()).toEqual([
      'a.txt',
      'b/c.csv',
    ]);
  });

  it('says what a ZIP that is not a workbook is, and what to do', () => {
    expect(refusal(zipOf({ 'payroll.csv': 'address,amount\n' }))).toMatch(
      /^This is a ZIP archive \(packed files\), not a spreadsheet or a CSV file\. Unpack it/,
    );
    expect(refusal(zipOf({ 'word/document.xml': '<w/>' }))).toMatch(/Word document/);
    expect(
      refusal(
        zipOf({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<x/>' }),
      ),
    ).toMatch(/OpenDocument file that is not a spreadsheet/);
    expect(refusal(zipOf({ 'xl/workbook.bin': 'x' }))).toMatch(/binary workbook \(\.xlsb\)/);
  });

  it('refuses a workbook that unpacks to more than it reads, before unpacking it', () => {
    const bytes = new Uint8Array(workbookBytes(SHEET, 'xlsx'));
    const view = new DataView(bytes.buffer);
    // The first central directory entry (PK\x01\x02) says it unpacks to 512 MiB.
    let at = bytes.length - 22;
    while (view.getUint32(at, true) !== 0x06054b50) at -= 1;
    const directory = view.getUint32(at + 16, true);
    expect(view.getUint32(directory, true)).toBe(0x02014b50);
    view.setUint32(directory + 24, 512 * 1024 * 1024, true);
    expect(refusal(bytes)).toBe(
      'This file unpacks to 513 MB, more than the app reads from a workbook (400 MB). Save the payout sheet as "CSV UTF-8" and import that file: large CSV files are read in parts.',
    );
  });

  it('says a workbook cut short is damaged, at every length', () => {
    const whole = workbookBytes(SHEET, 'xlsx');
    // The first bytes of a ZIP alone (what decode-bytes used to refuse as a workbook).
    expect(refusal(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toMatch(
      /packed \(ZIP\) file that is incomplete or damaged/,
    );
    // Past the first entry's name: what is left says it was a workbook.
    for (const length of [60, 200, 1000, Math.floor(whole.length / 2), whole.length - 1]) {
      expect(refusal(whole.subarray(0, length))).toMatch(
        /Excel workbook \(\.xlsx\).*(incomplete or damaged|could not be read)/,
      );
    }
  });

  it('refuses an old Office container that is not a readable workbook, in a sentence', () => {
    const ole = Uint8Array.from({ length: 1024 }, (_, index) =>
      index < 8 ? ([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1][index] ?? 0) : index % 7,
    );
    expect(refusal(ole)).toMatch(/old Excel workbook \(\.xls\), but it could not be read/);
  });
});
