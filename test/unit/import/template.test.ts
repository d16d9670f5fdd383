import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAddress } from '../../../shared/address';
import { currencyName } from '../../../shared/currency-names';
import {
  importPayoutFile,
  payoutTemplateCsv,
  templateCsv,
  TEMPLATE_CURRENCY_EXAMPLES,
  TEMPLATE_EXAMPLE_ROWS,
  TEMPLATE_VARIANTS,
  type TemplateVariant,
} from '../../../shared/import';
import { CURRENCIES, findCurrency } from '../../../shared/networks';

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

describe('the template per locale and convention', () => {
  it('offers English and Deutsch, each with commas and with semicolons and decimal commas', () => {
    expect(TEMPLATE_VARIANTS.map((variant) => variant.label)).toEqual([
      'English (comma)',
      'English (semicolon, decimal comma)',
      'Deutsch (comma)',
      'Deutsch (semicolon, decimal comma)',
    ]);
    expect(new Set(TEMPLATE_VARIANTS.map((variant) => variant.fileName)).size).toBe(4);
  });

  it('has a distinct valid example address for every currency it lists', () => {
    expect(TEMPLATE_CURRENCY_EXAMPLES.map((example) => example.code)).toEqual(
      CURRENCIES.map((currency) => currency.code),
    );
    for (const [index, currency] of CURRENCIES.entries()) {
      const address = TEMPLATE_CURRENCY_EXAMPLES[index]?.address ?? '';
      expect(checkAddress(address, currency.network), currency.code).toEqual({ ok: true });
    }
    const addresses = TEMPLATE_CURRENCY_EXAMPLES.map((example) => example.address.toLowerCase());
    expect(new Set(addresses).size).toBe(CURRENCIES.length);
  });

  it.each(TEMPLATE_VARIANTS.map((variant) => [variant.label, variant] as const))(
    '%s maps without a mapping step, lists every currency, and its example rows can never be paid',
    (_label, variant) => {
      const text = templateCsv(variant);
      const result = importPayoutFile(new TextEncoder().encode(text));
      expect(result.problems).toEqual([]);
      expect(result.delimiter).toBe(variant.convention === 'comma' ? ',' : ';');
      expect(result.mapping).toEqual({
        address: 0,
        amount: 1,
        currency: 2,
        comment: 3,
        name: null,
      });
      // One example row per supported currency, in the order networks.ts lists them, each
      // read to the same exact amount whichever decimal separator the variant writes.
      expect(result.rows.map((row) => row.currency)).toEqual(CURRENCIES.map((c) => c.code));
      expect(result.rows.map((row) => row.amount)).toEqual(
        templateCsv(TEMPLATE_VARIANTS[0] as TemplateVariant)
          .trim()
          .split('\r\n')
          .slice(1)
          .map((line) => line.split(',')[1]),
      );
      expect(result.rows.map((row) => row.problems.map((problem) => problem.code))).toEqual(
        CURRENCIES.map(() => ['ADDRESS_TEMPLATE_EXAMPLE']),
      );
      // The comment names the currency and its network, as the screens do.
      expect(result.rows[8]?.comment).toContain(currencyName('USDT_TRX'));
      expect(result.batches).toEqual([]);
    },
  );
});
