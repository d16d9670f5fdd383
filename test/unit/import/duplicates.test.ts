/**
 * duplicateProblems finds candidates by a 32-bit fingerprint of each address key before it
 * groups them by the key itself (shared/import/duplicates.ts, docs/import.md "Large files").
 * These hold it to the plain grouping it replaced: different addresses that share a
 * fingerprint by chance are not duplicates, and every real repeat, case-folded or with
 * invisible characters, is found, in the same order and naming the same lines.
 */
import { describe, expect, it } from 'vitest';
import { addressKey } from '../../../shared/import/address-key';
import { duplicateProblems, fingerprint } from '../../../shared/import/duplicates';
import { createRandom } from '../../../electron/simulator/random';

type Row = { line: number | null; address: string };

/** The grouping before fingerprints: a Map over every key. Indexes flagged, in its order. */
function flaggedByMap(rows: readonly Row[]): number[] {
  const groups = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const key = addressKey(row.address);
    if (key === '') return;
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  });
  return [...groups.values()].filter((group) => group.length > 1).flat();
}

describe('duplicate addresses by fingerprint', () => {
  it('addresses that only share a fingerprint are not duplicates; a repeat among them is', () => {
    // Two different 34-character Tron-like strings with the same FNV-1a fingerprint.
    const twins = ['T2qDzvexMAP4KNtRHEaLXGR142CdTqTexo', 'T8DS8PwUW7jDU9goP8CNRTa3KYKrBuiaRm'];
    expect(fingerprint(twins[0] ?? '')).toBe(fingerprint(twins[1] ?? ''));
    const rows: Row[] = Array.from({ length: 50_000 }, (_, index) => ({
      line: index + 2,
      address: `TAddr${index}`,
    }));
    rows[10] = { line: 12, address: twins[0] ?? '' };
    rows[20_000] = { line: 20_002, address: twins[1] ?? '' };
    expect(duplicateProblems(rows).size).toBe(0);

    rows.push({ line: 900_001, address: twins[0] ?? '' });
    const found = duplicateProblems(rows);
    expect([...found.keys()]).toEqual([10, 50_000]);
    expect(found.get(10)?.message).toContain('line 900001');
    expect(found.get(50_000)?.message).toContain('line 12.');
  });

  it('random files with repeats, case variants, spaces and empty cells: the same rows as a Map', () => {
    const random = createRandom(17).next;
    const pick = (n: number) => Math.floor(random() * n);
    const forms = [
      (n: number) => `0xAbCdEf${n}`,
      (n: number) => `0xabcdef${n}`,
      (n: number) => `T${n}`,
      (n: number) => ` T${n}\u200b`,
      (n: number) => `bc1Q${n}`,
      () => '',
      () => '  ',
    ];
    for (let round = 0; round < 200; round += 1) {
      const rows: Row[] = Array.from({ length: 1 + pick(60) }, (_, index) => ({
        line: random() < 0.1 ? null : index + 2,
        address: (forms[pick(forms.length)] ?? String)(pick(12)),
      }));
      const found = duplicateProblems(rows);
      expect([...found.keys()]).toEqual(flaggedByMap(rows));
      for (const entry of found.values()) expect(entry.code).toBe('DUPLICATE_ADDRESS');
    }
  });
});
