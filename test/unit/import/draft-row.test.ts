import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  flagDuplicates,
  IMPORT_ONLY_CODES,
  importPayoutFile,
  validateDraftRow,
  verdictOf,
  type DraftContext,
  type ImportProblemCode,
} from '../../../shared/import';
import { A } from './corpus-builder';

const comma: DraftContext = { decimalSeparator: ',' };
const point: DraftContext = { decimalSeparator: '.' };
const draftRow = (amount: string, address = A.tron(1), currency = 'USDT_TRX') => ({
  address,
  amount,
  currency,
  comment: '',
});

describe('validateDraftRow', () => {
  it('returns what should be stored: exact amount, cleaned address, currency code', () => {
    expect(
      validateDraftRow(draftRow(' 1,5 ', ` ${A.tron(1)}\u200b`, 'usdt_trx'), comma),
    ).toMatchObject({
      verdict: 'warning',
      amount: '1.5',
      address: A.tron(1),
      currency: 'USDT_TRX',
    });
  });

  it('reads what a person types per the draft’s decimal separator', () => {
    expect(validateDraftRow(draftRow('1.234,5'), comma).amount).toBe('1234.5');
    expect(validateDraftRow(draftRow('1,000'), comma).amount).toBe('1');
    expect(validateDraftRow(draftRow('1,000'), point).amount).toBe('1000');
    const mismatch = validateDraftRow(draftRow('0,5'), point);
    expect(mismatch.problems.map((problem) => problem.code)).toEqual(['AMOUNT_SEPARATOR_MISMATCH']);
    expect(mismatch.problems[0]?.message).toMatch(/this draft is read with a point/);
  });

  it('reads a stored (canonical) amount back unchanged whatever the separator', () => {
    for (const amount of ['1.234', '0.5', '1000', '12.345678', '0.000001']) {
      for (const context of [comma, point]) {
        expect(validateDraftRow(draftRow(amount), context).amount).toBe(amount);
      }
    }
  });

  it('agrees with the importer on every readable row of the corpus', () => {
    const dir = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));
    const files = readdirSync(dir).filter((name) => /\.(csv|tsv|txt)$/.test(name));
    for (const name of files) {
      const result = importPayoutFile(new Uint8Array(readFileSync(`${dir}${name}`)));
      for (const row of result.rows) {
        const again = validateDraftRow(row, { decimalSeparator: result.decimalSeparator ?? '.' });
        // Duplicates are flagDuplicates' job; an ambiguous amount is decided by the draft.
        if (row.problems.some((problem) => problem.code === 'AMOUNT_AMBIGUOUS')) continue;
        const comparable = (problems: readonly { code: ImportProblemCode }[]) =>
          problems
            .map((problem) => problem.code)
            .filter((code) => code !== 'DUPLICATE_ADDRESS' && !IMPORT_ONLY_CODES.has(code));
        const expected = comparable(row.problems);
        expect(comparable(again.problems), `${name}:${row.line}`).toEqual(expected);
        expect(again.amount, `${name}:${row.line}`).toBe(row.amount);
      }
    }
  });

  it('uses the draft’s currency for an empty currency cell', () => {
    expect(
      validateDraftRow(draftRow('5', A.tron(2), ''), { ...point, currency: 'TRX' }),
    ).toMatchObject({
      verdict: 'ok',
      currency: 'TRX',
    });
    expect(
      validateDraftRow(draftRow('5', A.tron(2), ''), point).problems.map((p) => p.code),
    ).toEqual(['CURRENCY_MISSING']);
  });

  it('flags a repeat of a recent payout: same address, currency and amount', () => {
    const recentPayouts = [{ depositAddress: A.tron(3), amount: '25.0', currency: 'USDT_TRX' }];
    const context = { ...point, recentPayouts };
    expect(
      validateDraftRow(draftRow('25', A.tron(3)), context).problems.map((p) => p.code),
    ).toEqual(['DUPLICATE_RECENT_PAYOUT']);
    expect(validateDraftRow(draftRow('26', A.tron(3)), context).verdict).toBe('ok');
    expect(validateDraftRow(draftRow('25', A.tron(3), 'TRX'), context).verdict).toBe('ok');
  });

  it('refuses the template’s example rows', () => {
    const example = validateDraftRow(
      {
        address: '0x7061796f75742d6465736b2d6578616D706C6532',
        amount: '0.05',
        currency: 'ETH',
        comment: '',
      },
      point,
    );
    expect(example.problems.map((problem) => problem.code)).toEqual(['ADDRESS_TEMPLATE_EXAMPLE']);
  });
});

describe('flagDuplicates', () => {
  const base = (rowNo: number, line: number | null, address: string) => ({
    rowNo,
    line,
    address,
    amount: '1',
    currency: 'USDT_TRX',
    comment: '',
    verdict: 'ok' as const,
    problems: [] as { code: string; message: string }[],
  });

  it('warns on every occurrence, naming the other lines, and keeps the rows’ other fields', () => {
    const rows = flagDuplicates([
      base(1, 2, A.tron(5)),
      base(2, 3, A.tron(6)),
      base(3, null, A.tron(5)),
    ]);
    expect(rows.map((row) => [row.rowNo, row.verdict])).toEqual([
      [1, 'warning'],
      [2, 'ok'],
      [3, 'warning'],
    ]);
    expect(rows[0]?.problems[0]?.message).toMatch(/also on a row added in the app/);
    expect(rows[2]?.problems[0]?.message).toMatch(/also on line 2\./);
  });

  it('recomputes after an edit: stale duplicate warnings go, other problems stay', () => {
    const first = flagDuplicates([base(1, 2, A.tron(7)), base(2, 3, A.tron(7))]);
    const edited = first.map((row, index) =>
      index === 1
        ? {
            ...row,
            address: A.tron(8),
            problems: [...row.problems, { code: 'AMOUNT_TOO_PRECISE', message: 'x' }],
          }
        : row,
    );
    const again = flagDuplicates(edited);
    expect(again.map((row) => [row.verdict, row.problems.map((problem) => problem.code)])).toEqual([
      ['ok', []],
      ['error', ['AMOUNT_TOO_PRECISE']],
    ]);
  });

  it('names a few lines and counts the rest, in linear time', () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => base(index + 1, index + 2, A.eth(9)));
    // Quadratic work would not end within the test timeout; speed is bench work.
    const flagged = flagDuplicates(rows);
    expect(flagged[0]?.problems[0]?.message).toMatch(/lines 3, 4, 5, 6, 7 and 19994 more/);
  });
});

describe('verdictOf', () => {
  it('treats a code it does not know as an error', () => {
    expect(verdictOf([])).toBe('ok');
    expect(verdictOf([{ code: 'DUPLICATE_ADDRESS' }])).toBe('warning');
    expect(verdictOf([{ code: 'SOMETHING_NEW' }])).toBe('error');
  });
});
