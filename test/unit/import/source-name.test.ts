/** A mapping remembered per source name (docs/import.md, "Mappings remembered"). */
import { describe, expect, it } from 'vitest';
import { readWithRecall } from '../../../shared/import/read-with-recall';
import { SOURCE_KEY_PREFIX, sourceNameKey } from '../../../shared/import/source-name';
import type { ColumnMappingInput } from '../../../shared/import/types';
import { A } from './corpus-builder';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the source name of a file', () => {
  it('is the same for next month’s export of the same source', () => {
    const key = sourceNameKey('Gehalt 2026-11.csv');
    expect(key).toBe(`${SOURCE_KEY_PREFIX}gehalt #`);
    for (const name of [
      'gehalt_2026-12.CSV',
      'GEHALT 2027-01 (2).csv',
      'C:\\exports\\Gehalt 2026-10.xlsx',
    ]) {
      expect(sourceNameKey(name), name).toBe(key);
    }
    expect(sourceNameKey('Lieferanten 2026-11.csv')).not.toBe(key);
    expect(sourceNameKey('2026-11.csv')).toBeNull();
  });

  it('applies a mapping remembered for the source only when every column it names is there', async () => {
    const remembered = new Map<string, ColumnMappingInput>([
      [`${SOURCE_KEY_PREFIX}gehalt #`, { address: 'Konto', amount: 'Summe', currency: 'Art' }],
    ]);
    const recall = (key: string) => remembered.get(key) ?? null;
    // A column was added since: another header signature, the same source.
    const moved = await readWithRecall(
      bytes(`Nr;Art;Konto;Summe\n1;TRX;${A.tron(1)};10,5\n`),
      {},
      recall,
      { sourceName: 'Gehalt 2026-12.csv' },
    );
    expect(moved.recalledBy).toBe('source');
    expect(moved.result.mapping).toMatchObject({ address: 2, amount: 3, currency: 1 });
    expect(moved.result.rows[0]?.amount).toBe('10.5');
    // A column it names is gone: not applied, rather than reading the wrong column.
    const renamed = await readWithRecall(
      bytes(`Art;Wallet;Betrag\nTRX;${A.tron(2)};3\n`),
      {},
      recall,
      { sourceName: 'Gehalt 2027-01.csv' },
    );
    expect(renamed.recalledBy).toBeNull();
    expect(renamed.result.mapping).toMatchObject({ address: 1, amount: 2 });
  });
});
