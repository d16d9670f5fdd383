import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAddress } from '../../../shared/address';
import { importPayoutFile, payoutTemplateCsv, TEMPLATE_EXAMPLE_ROWS } from '../../../shared/import';
import { findCurrency } from '../../../shared/networks';

const file = fileURLToPath(new URL('../../../resources/payout-template.csv', import.meta.url));

describe('the downloadable template', () => {
  it('is the file in resources/', () => {
    expect(readFileSync(file, 'utf8')).toBe(payoutTemplateCsv());
  });

  it('has valid example addresses for their currencies', () => {
    for (const row of TEMPLATE_EXAMPLE_ROWS) {
      const network = findCurrency(row.currency)?.network ?? 'bitcoin';
      expect(checkAddress(row.address, network)).toEqual({ ok: true });
    }
  });

  it('maps without a mapping step, and its example rows can never be paid', () => {
    const result = importPayoutFile(new Uint8Array(readFileSync(file)));
    expect(result.problems).toEqual([]);
    expect(result.mapping).toEqual({ address: 0, amount: 1, currency: 2, comment: 3, name: null });
    expect(
      result.rows.map((row) => [row.line, row.problems.map((problem) => problem.code)]),
    ).toEqual([
      [2, ['ADDRESS_TEMPLATE_EXAMPLE']],
      [3, ['ADDRESS_TEMPLATE_EXAMPLE']],
      [4, ['ADDRESS_TEMPLATE_EXAMPLE']],
    ]);
    expect(result.batches).toEqual([]);
  });
});
