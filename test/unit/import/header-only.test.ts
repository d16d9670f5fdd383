/**
 * The header lookup of read-with-recall.ts reads a file with `headerOnly`: the header, the
 * mapping and the file's facts as the full read finds them, and no row checked (checking
 * the rows of the file's first 64 KB was a second pass over them, issue 10 part 3). Every
 * file of the import corpus, under the options the corpus uses, text and workbooks alike.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPayoutFile, type ImportOptions } from '../../../shared/import';

const DIR = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));

// Detected, chosen by name, and a delimiter chosen: the ways a header is found differently.
const OPTIONS: ImportOptions[] = [{}, { mapping: { amount: 'Betrag' } }, { delimiter: ';' }];

describe('a header-only read', () => {
  const files = readdirSync(DIR).filter((name) => !name.startsWith('.'));

  it.each(files)('%s: the full read’s header and mapping, no rows', (name) => {
    const bytes = new Uint8Array(readFileSync(`${DIR}${name}`));
    for (const options of OPTIONS) {
      const full = importPayoutFile(bytes, options);
      const head = importPayoutFile(bytes, options, { headerOnly: true });
      expect(head.rows).toEqual([]);
      expect(head.counts).toEqual({ ok: 0, warning: 0, error: 0 });
      expect({
        hasHeader: head.hasHeader,
        headers: head.headers,
        mapping: head.mapping,
        delimiter: head.delimiter,
        fileKind: head.fileKind,
        sheet: head.sheet,
      }).toEqual({
        hasHeader: full.hasHeader,
        headers: full.headers,
        mapping: full.mapping,
        delimiter: full.delimiter,
        fileKind: full.fileKind,
        sheet: full.sheet,
      });
    }
  });
});
