// The one CSV writer of every export (history, audit, reconciliation): a cell a spreadsheet
// would run as a formula is neutralised whatever follows its first character, newlines
// included (papaparse's escapeFormulae missed `=...\n...`: its regex's `.` stops at a newline).
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutraliseCell, writeCsv } from '../../../electron/services/export/csv';

const parse = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

describe('neutraliseCell', () => {
  it.each([
    ['=1+1'],
    ['+1'],
    ['-2+3'],
    ['@SUM(A1)'],
    ['='],
    ['@'],
    ['=HYPERLINK("http://evil","x")\nsecond line'],
    ['=1+1\r\n'],
    ["-2+3+cmd|' /C calc'!A0\nx"],
    ['@SUM(1)\n\n'],
    ['+\n'],
    ['  =1+1'],
    ['\n=1+1'],
    ['\r\n=1+1'],
    ['\t@SUM(A1)'],
    ['\tplain text after a tab'],
    ['\rplain text after a carriage return'],
    [' \t =x'],
    ['\u00a0=1+1'],
    ['\u2003\u3000=1+1'],
    ['\u2028=1+1'],
    ['\ufeff=1+1'],
    ['\u200b=1+1'],
    ['\u200b \u2060@x'],
    ['\uff1d1+1'],
    ['\uff20SUM(A1)'],
  ])('neutralises %j', (cell) => {
    expect(isFormulaLike(cell)).toBe(true);
    expect(neutraliseCell(cell)).toBe(`'${cell}`);
    expect(isFormulaLike(neutraliseCell(cell))).toBe(false);
  });

  it.each([
    [''],
    ['hello'],
    ['a=b'],
    ['1-2'],
    ['5'],
    ['0.000001'],
    ['TRX'],
    ['e-mail me'],
    ['salary\n=not first'],
    ['  spaced text'],
    ['2026-12-01T10:00:00.000Z'],
    ['{"draftId":"=x"}'],
    ["'=already quoted"],
  ])('leaves %j as it is', (cell) => {
    expect(isFormulaLike(cell)).toBe(false);
    expect(neutraliseCell(cell)).toBe(cell);
  });
});

describe('writeCsv', () => {
  it('writes RFC 4180 with CRLF rows, quoting what needs it', () => {
    const csv = writeCsv(
      ['A', 'B'],
      [
        ['plain', 'with, comma'],
        ['say "hi"', 'two\nlines'],
      ],
    );
    expect(csv).toBe('A,B\r\nplain,"with, comma"\r\n"say ""hi""","two\nlines"');
  });

  it('quotes every neutralised cell, so a reader keeps the apostrophe and the whole cell', () => {
    const csv = writeCsv(['Comment'], [['=1+1\nx'], ['  @y']]);
    expect(csv).toBe(`Comment\r\n"'=1+1\nx"\r\n"'  @y"`);
  });

  it('reads back (papaparse) as the neutralised cells, none of them formula-like', () => {
    const nasty = [
      ['=1+1\n=2+2', '\t@x', ' \u00a0-5', 'ok'],
      ['\r=x', '+', '"=quoted"', 'a,b'],
      ['', '=', '\n', '@\r\n@'],
    ];
    const back = parse(writeCsv(['a', 'b', 'c', 'd'], nasty));
    expect(back[0]).toEqual(['a', 'b', 'c', 'd']);
    expect(back.slice(1)).toEqual(nasty.map((row) => row.map(neutraliseCell)));
    for (const cell of back.flat()) expect(isFormulaLike(cell), JSON.stringify(cell)).toBe(false);
  });

  it('neutralises header cells too', () => {
    expect(writeCsv(['=H'], [])).toBe(`"'=H"`);
  });

  it('writes rows handed over one at a time (a generator) as it writes an array of them', () => {
    const rows = [
      ['=1+1', 'a,b'],
      ['plain', ' padded '],
      ['', '"q"'],
    ];
    function* oneByOne() {
      for (const row of rows) yield row;
    }
    expect(writeCsv(['x', 'y'], oneByOne(), ';')).toBe(writeCsv(['x', 'y'], rows, ';'));
    expect(writeCsv(['x', 'y'], oneByOne())).toBe(
      `x,y\r\n"'=1+1","a,b"\r\nplain," padded "\r\n,"""q"""`,
    );
  });
});
