/**
 * Guards against quadratic work (which would not end within the test timeout); the time
 * budget itself is measured by bench/import-bench.ts, never asserted here.
 */
import { describe, expect, it } from 'vitest';
import { importPayoutFile } from '../../../shared/import';
import { A } from './corpus-builder';

describe('a large file', () => {
  it('with one address on 10,000 rows imports in linear time', () => {
    const address = A.eth(1);
    const lines = ['address,amount,currency,comment'];
    for (let row = 0; row < 10_000; row += 1) lines.push(`${address},1.5,ETH,"row ${row}, again"`);
    const result = importPayoutFile(new TextEncoder().encode(lines.join('\n')));
    expect(result.counts).toEqual({ ok: 0, warning: 10_000, error: 0 });
    expect(result.batches.map((batch) => batch.count)).toEqual(
      Array.from({ length: 10 }, () => 1000),
    );
    expect(result.rows.at(-1)?.line).toBe(10_001);
  });
});
