import { describe, expect, it } from 'vitest';
import { headerSignature, normalizeHeaderName } from '../../../shared/import';
import { resolveMapping } from '../../../shared/import/column-mapping';
import type { FileRecord } from '../../../shared/import/records';
import { A } from './corpus-builder';

const records = (...rows: string[][]): FileRecord[] =>
  rows.map((cells, index) => ({ line: index + 1, cells }));

describe('header names', () => {
  it.each([
    [' Deposit Address ', 'depositaddress'],
    ['AMOUNT (USDT)', 'amount'],
    ['Währung', 'wahrung'],
    ['wallet_address', 'walletaddress'],
    ['Wallet-Address', 'walletaddress'],
    ['(USDT)', 'usdt'],
    ['Memo [internal]', 'memo'],
  ])('%j normalises to %j', (name, normalised) => {
    expect(normalizeHeaderName(name)).toBe(normalised);
  });

  it('gives one signature per header whatever the case, spacing and trailing empty cells', () => {
    const signature = headerSignature(['Wallet', 'Sum', 'Asset']);
    expect(signature).toBe('wallet|sum|asset');
    expect(headerSignature([' wallet ', 'SUM', 'asset', '', ''])).toBe(signature);
    expect(headerSignature(['Sum', 'Wallet', 'Asset'])).not.toBe(signature);
  });

  it('keeps signatures of very wide headers short and distinct', () => {
    const wide = Array.from({ length: 400 }, (_, index) => `column ${index}`);
    const other = [...wide.slice(0, -1), 'different'];
    expect(headerSignature(wide).length).toBeLessThanOrEqual(500);
    expect(headerSignature(wide)).not.toBe(headerSignature(other));
  });
});

describe('mapping by header', () => {
  it('maps every spelling and ignores unrelated columns', () => {
    const outcome = resolveMapping(
      records(['ID', 'Recipient', 'Wallet address', 'Payout', 'Token', 'Reference'], ['1']),
      {},
    );
    // "Wallet address" outranks "Recipient", which then is the recipient's name.
    expect(outcome.mapping).toEqual({ address: 2, amount: 3, currency: 4, comment: 5, name: 1 });
    expect(outcome.problems).toEqual([]);
  });

  it('reads "Recipient" as the address when no other column is one', () => {
    const outcome = resolveMapping(records(['Recipient', 'Amount', 'Currency'], ['x']), {});
    expect(outcome.mapping).toEqual({
      address: 0,
      amount: 1,
      currency: 2,
      comment: null,
      name: null,
    });
  });

  it('knows the name and comment columns of payroll exports', () => {
    const german = resolveMapping(
      records(['Empfänger', 'Wallet', 'Betrag', 'Währung', 'Buchungstext'], ['x']),
      {},
    );
    expect(german.mapping).toEqual({ address: 1, amount: 2, currency: 3, comment: 4, name: 0 });
    const pairs: [name: string, comment: string][] = [
      ['Payee', 'Narrative'],
      ['Beneficiary', 'Payment reference'],
      ['Mitarbeiter', 'Verwendungszweck'],
      ['Employee name', 'Description'],
    ];
    for (const [name, comment] of pairs) {
      const outcome = resolveMapping(
        records(['Address', 'Amount', 'Coin', name, comment], ['x']),
        {},
      );
      expect(outcome.mapping, name).toMatchObject({ name: 3, comment: 4 });
    }
  });

  it('warns once when two columns have the same name, and uses the first', () => {
    const outcome = resolveMapping(
      records(['address', 'Amount', 'amount', 'currency'], ['x', '1', '2', 'ETH']),
      {},
    );
    expect(outcome.mapping.amount).toBe(1);
    expect(outcome.problems.map((problem) => problem.code)).toEqual(['COLUMN_AMBIGUOUS']);
  });

  it('applies a person’s mapping by name (any spelling) or index over the guess', () => {
    const header = ['Empfänger', 'Betrag', 'Amount', 'Währung'];
    const byName = resolveMapping(records(header, ['x']), {
      mapping: { address: 'empfanger', amount: 'BETRAG' },
    });
    // "Empfänger" was guessed as the name; the person made it the address.
    expect(byName.mapping).toEqual({
      address: 0,
      amount: 1,
      currency: 3,
      comment: null,
      name: null,
    });
    const byIndex = resolveMapping(records(header, ['x']), { mapping: { comment: 2 } });
    // Column 2 was guessed as the amount; the person made it the comment.
    expect(byIndex.mapping).toEqual({
      address: null,
      amount: null,
      currency: 3,
      comment: 2,
      name: 0,
    });
  });

  it('reports a mapped column that does not exist', () => {
    const outcome = resolveMapping(records(['address', 'amount'], ['x', '1']), {
      mapping: { amount: 5, currency: 'coin' },
    });
    expect(outcome.problems.map((problem) => problem.code)).toEqual([
      'MAPPING_COLUMN_NOT_FOUND',
      'MAPPING_COLUMN_NOT_FOUND',
    ]);
    expect(outcome.problems[0]?.message).toMatch(/column 6 for the amount, but the file has 2/);
  });
});

describe('files without a header', () => {
  it('maps columns by content, in any order', () => {
    const outcome = resolveMapping(
      records(['June', '12.5', A.tron(1), 'USDT_TRX'], ['July', '7', A.tron(2), 'USDT_TRX']),
      {},
    );
    expect(outcome.hasHeader).toBe(false);
    expect(outcome.mapping).toEqual({ address: 2, amount: 1, currency: 3, comment: 0, name: null });
    expect(outcome.problems.map((problem) => problem.code)).toEqual(['HEADER_MISSING']);
  });

  it('does not take a data row for a header because a comment says "payout"', () => {
    const outcome = resolveMapping(records([A.eth(3), '10', 'ETH', 'payout']), {});
    expect(outcome.hasHeader).toBe(false);
    expect(outcome.headerIndex).toBe(-1);
  });
});
