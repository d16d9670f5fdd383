import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../shared/import/decode-bytes';

const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16(text: string, littleEndian: boolean, bom = true): Uint8Array {
  const offset = bom ? 2 : 0;
  const bytes = new Uint8Array(offset + text.length * 2);
  const view = new DataView(bytes.buffer);
  if (bom) view.setUint16(0, 0xfeff, littleEndian);
  for (let index = 0; index < text.length; index += 1) {
    view.setUint16(offset + index * 2, text.charCodeAt(index), littleEndian);
  }
  return bytes;
}

describe('encoding detection', () => {
  it('follows a UTF-8 byte-order mark and drops it', () => {
    expect(decodeBytes(utf8('\ufeffa,b'))).toEqual({
      encoding: 'utf-8',
      bom: true,
      text: 'a,b',
      notText: null,
    });
  });

  it.each([true, false])('follows a UTF-16 byte-order mark (little endian: %s)', (littleEndian) => {
    const decoded = decodeBytes(utf16('addr\tZoë', littleEndian));
    expect(decoded).toMatchObject({
      encoding: littleEndian ? 'utf-16le' : 'utf-16be',
      bom: true,
      text: 'addr\tZoë',
    });
  });

  it('recognises UTF-16 without a byte-order mark by its zero bytes', () => {
    expect(decodeBytes(utf16('address,amount\r\n', true, false))).toMatchObject({
      encoding: 'utf-16le',
      bom: false,
      text: 'address,amount\r\n',
    });
    expect(decodeBytes(utf16('address,amount\r\n', false, false)).encoding).toBe('utf-16be');
  });

  it('reads valid UTF-8 without a byte-order mark as UTF-8', () => {
    expect(decodeBytes(utf8('Café €'))).toMatchObject({ encoding: 'utf-8', text: 'Café €' });
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8, € and curly quotes included', () => {
    const decoded = decodeBytes(Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x92, 0x9f]));
    expect(decoded).toMatchObject({ encoding: 'windows-1252', text: 'Café €’Ÿ' });
  });

  it('never throws on odd-length UTF-16 or lone surrogates', () => {
    expect(() => decodeBytes(Uint8Array.from([0xff, 0xfe, 0x41]))).not.toThrow();
    expect(decodeBytes(Uint8Array.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00])).text).toBe('\ufffdA');
  });
});

// Workbooks (ZIP and OLE files) are told apart before decoding and read, not refused here:
// test/unit/import/file-kind.test.ts.
describe('files that are not text', () => {
  it.each([
    ['a PDF', [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], /PDF/],
    ['a JPEG', [0xff, 0xd8, 0xff, 0xe0], /JPEG/],
  ])('recognises %s', (_name, bytes, message) => {
    expect(decodeBytes(Uint8Array.from(bytes)).notText).toMatch(message);
  });

  it('refuses bytes full of control characters', () => {
    const bytes = Uint8Array.from({ length: 512 }, (_, index) => (index * 37) % 256);
    expect(decodeBytes(bytes).notText).toMatch(/does not contain text/);
  });

  it('keeps a text file with one stray NUL', () => {
    expect(decodeBytes(utf8(`address,amount\n${'x'.repeat(200)}\u0000,1\n`)).notText).toBeNull();
  });
});
