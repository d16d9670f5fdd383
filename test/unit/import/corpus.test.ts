/**
 * The import corpus (test/fixtures/import): every file with the verdicts, problem codes,
 * amounts and line numbers a person must see. One table row per file and options.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  importPayoutFile,
  type ImportOptions,
  type ImportProblemCode,
  type ImportResult,
  type Verdict,
} from '../../../shared/import';
import { PaidAddresses } from '../../../shared/address-risk';
import { A, buildCorpus } from './corpus-builder';

const DIR = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(`${DIR}${name}`));

type Row = [line: number, verdict: Verdict, codes: ImportProblemCode[], amount: string];

type Case = {
  file: string;
  label?: string;
  options?: ImportOptions;
  encoding?: ImportResult['encoding'];
  bom?: boolean;
  delimiter?: ImportResult['delimiter'];
  hasHeader?: boolean;
  decimalSeparator?: ImportResult['decimalSeparator'];
  fileProblems?: ImportProblemCode[];
  /** Every row, in order; omitted when `check` looks at them instead. */
  rows?: Row[];
  check?: (result: ImportResult) => void;
};

const ok = (line: number, amount: string): Row => [line, 'ok', [], amount];

const comments = (result: ImportResult): string[] => result.rows.map((row) => row.comment);
const messages = (result: ImportResult, line: number): string[] =>
  result.rows.find((row) => row.line === line)?.problems.map((entry) => entry.message) ?? [];

const CASES: Case[] = [
  // ---- encodings
  {
    file: 'excel-utf8-bom.csv',
    encoding: 'utf-8',
    bom: true,
    delimiter: ',',
    rows: [ok(2, '150.25'), ok(3, '0.05'), ok(4, '0.0015')],
    check: (result) => {
      expect(result.headers).toEqual(['address', 'amount', 'currency', 'comment']);
      expect(comments(result)).toEqual(['June payroll', 'Zoë Müller', '']);
    },
  },
  {
    file: 'utf16le-bom-tab.txt',
    encoding: 'utf-16le',
    bom: true,
    delimiter: '\t',
    rows: [ok(2, '1250.5'), ok(3, '99')],
    check: (result) => {
      expect(comments(result)).toEqual(['Zoë – design', '日本語 comment']);
    },
  },
  {
    file: 'utf16be-bom-tab.txt',
    encoding: 'utf-16be',
    bom: true,
    delimiter: '\t',
    rows: [ok(2, '1250.5'), ok(3, '99')],
    check: (result) => {
      expect(comments(result)).toEqual(['Zoë – design', '日本語 comment']);
    },
  },
  {
    file: 'windows-1252.csv',
    encoding: 'windows-1252',
    bom: false,
    rows: [ok(2, '10'), ok(3, '20')],
    check: (result) => {
      expect(comments(result)).toEqual(['Café bonus 10€', 'Frédéric’s refund']);
    },
  },
  {
    file: 'utf8-no-bom-accents.csv',
    encoding: 'utf-8',
    bom: false,
    rows: [ok(2, '10'), ok(3, '20')],
    check: (result) => {
      expect(comments(result)).toEqual(['Café €', 'Ørsted']);
    },
  },

  // ---- delimiters, quoting, blank rows, line endings
  {
    file: 'semicolon-decimal-comma.csv',
    delimiter: ';',
    decimalSeparator: ',',
    rows: [ok(2, '1234.56'), ok(3, '0.5'), ok(4, '12')],
    check: (result) => {
      expect(comments(result)[1]).toBe('Prämie, klein');
    },
  },
  {
    file: 'tab-delimited.tsv',
    delimiter: '\t',
    rows: [ok(2, '5'), ok(3, '0.25')],
    check: (result) => {
      expect(comments(result)).toEqual(['one, two', 'three; four']);
    },
  },
  {
    file: 'quoted-multiline.csv',
    rows: [ok(2, '10'), ok(3, '20'), ok(4, '30'), ok(7, '40'), ok(8, '50')],
    check: (result) => {
      expect(comments(result).slice(0, 3)).toEqual([
        'Bonus, June',
        'He said "thanks"',
        'line one\nline two, still the comment\nline three',
      ]);
      expect(result.rows[4]?.address).toBe(A.tron(19));
    },
  },
  { file: 'blank-lines.csv', rows: [ok(2, '1'), ok(5, '2'), ok(7, '3')] },
  { file: 'only-delimiters.csv', rows: [ok(2, '1'), ok(4, '2')] },
  { file: 'line-endings-crlf.csv', rows: [ok(2, '1'), ok(3, '2')] },
  { file: 'line-endings-lf.csv', rows: [ok(2, '1'), ok(3, '2')] },
  { file: 'line-endings-cr.csv', rows: [ok(2, '1'), ok(3, '2')] },
  { file: 'line-endings-mixed.csv', rows: [ok(2, '1'), ok(3, '2'), ok(4, '3')] },

  // ---- header and mapping
  {
    file: 'header-spellings.csv',
    rows: [ok(2, '7')],
    check: (result) => {
      expect(result.mapping).toEqual({
        address: 0,
        amount: 1,
        currency: 2,
        comment: 3,
        name: null,
      });
    },
  },
  {
    file: 'header-deposit-address.csv',
    delimiter: ';',
    rows: [ok(2, '15')],
    check: (result) => {
      expect(result.mapping).toEqual({
        address: 0,
        amount: 1,
        currency: 2,
        comment: 3,
        name: null,
      });
      expect(result.headers[0]).toBe('Deposit Address');
    },
  },
  {
    file: 'extra-columns-reordered.csv',
    rows: [ok(2, '1200'), ok(3, '0.4')],
    check: (result) => {
      expect(result.mapping).toEqual({ address: 6, amount: 5, currency: 3, comment: 2, name: 1 });
      expect(result.rows.map((row) => row.currency)).toEqual(['USDT_TRX', 'ETH']);
      expect(result.rows.map((row) => row.name)).toEqual(['Ana Lima', 'Ben Ode']);
      expect(result.extraColumns).toEqual(['Employee ID', 'Department', 'Start date']);
      expect(result.rows.map((row) => row.extra)).toEqual([
        ['E-17', 'Sales', '2021-03-01'],
        ['E-18', 'Ops', '2022-07-15'],
      ]);
    },
  },
  {
    file: 'missing-amount-column.csv',
    fileProblems: ['COLUMN_MISSING'],
    rows: [],
    check: (result) => {
      expect(result.problems[0]?.message).toMatch(/^The file has no amount column\./);
    },
  },
  {
    file: 'missing-currency-column.csv',
    label: 'without a chosen currency',
    fileProblems: ['COLUMN_MISSING'],
    rows: [],
    check: (result) => {
      expect(result.problems[0]?.message).toMatch(/no currency column/);
    },
  },
  {
    file: 'missing-currency-column.csv',
    label: 'with options.currency',
    options: { currency: 'usdt_trx' },
    rows: [ok(2, '10'), ok(3, '20')],
    check: (result) => {
      expect(result.rows.map((row) => row.currency)).toEqual(['USDT_TRX', 'USDT_TRX']);
    },
  },
  {
    file: 'missing-currency-column.csv',
    label: 'with an unknown options.currency',
    options: { currency: 'EUR' },
    fileProblems: ['CURRENCY_UNKNOWN'],
    rows: [],
  },
  {
    file: 'no-header.csv',
    hasHeader: false,
    fileProblems: ['HEADER_MISSING'],
    rows: [ok(1, '10'), ok(2, '0.5')],
    check: (result) => {
      expect(result.headers).toEqual([]);
    },
  },
  {
    file: 'no-header.csv',
    label: 'mapped by index',
    options: { mapping: { address: 0, amount: 1, currency: 2 } },
    hasHeader: false,
    fileProblems: [],
    rows: [ok(1, '10'), ok(2, '0.5')],
  },
  {
    file: 'header-spellings.csv',
    label: 'mapped to a column that does not exist',
    options: { mapping: { amount: 'Betrag' } },
    fileProblems: ['MAPPING_COLUMN_NOT_FOUND'],
    rows: [],
  },
  { file: 'title-rows.csv', fileProblems: ['ROWS_BEFORE_HEADER'], rows: [ok(4, '10')] },

  // ---- amounts
  {
    file: 'thousands-separators.csv',
    decimalSeparator: '.',
    rows: [ok(2, '1234.56'), ok(3, '1234.56'), ok(4, '1234567.5'), ok(5, '1234.5')],
  },
  {
    file: 'thousands-european.csv',
    decimalSeparator: ',',
    rows: [ok(2, '1234.56'), ok(3, '1234.56'), ok(4, '1234567.5'), ok(5, '1234')],
  },
  {
    file: 'ambiguous-no-evidence.csv',
    decimalSeparator: null,
    rows: [
      [2, 'error', ['AMOUNT_AMBIGUOUS'], '1,000'],
      [3, 'error', ['AMOUNT_AMBIGUOUS'], '2.500'],
      ok(4, '100'),
    ],
    check: (result) => {
      expect(messages(result, 2)).toEqual([
        'Amount "1,000" is ambiguous: it could be 1000 or 1. Write 1000 or 1 without thousands separators, or choose the decimal separator for this file.',
      ]);
    },
  },
  {
    file: 'ambiguous-no-evidence.csv',
    label: 'with the comma chosen',
    options: { decimalSeparator: ',' },
    decimalSeparator: ',',
    rows: [ok(2, '1'), ok(3, '2500'), ok(4, '100')],
  },
  {
    file: 'ambiguous-no-evidence.csv',
    label: 'with the point chosen',
    options: { decimalSeparator: '.' },
    decimalSeparator: '.',
    rows: [ok(2, '1000'), ok(3, '2.5'), ok(4, '100')],
  },
  {
    file: 'ambiguous-with-evidence.csv',
    decimalSeparator: ',',
    rows: [ok(2, '1'), ok(3, '0.5'), ok(4, '1234.56'), ok(5, '2500')],
  },
  {
    file: 'mixed-decimal-separators.csv',
    decimalSeparator: ',',
    fileProblems: ['DECIMAL_SEPARATOR_MIXED'],
    rows: [ok(2, '0.5'), ok(3, '1.25'), [4, 'warning', ['AMOUNT_SEPARATOR_UNUSUAL'], '2.75']],
  },
  {
    file: 'mixed-decimal-separators.csv',
    label: 'with the comma chosen',
    options: { decimalSeparator: ',' },
    fileProblems: [],
    rows: [ok(2, '0.5'), ok(3, '1.25'), [4, 'error', ['AMOUNT_SEPARATOR_MISMATCH'], '2.75']],
    check: (result) => {
      expect(messages(result, 4)[0]).toBe(
        'Amount "2.75" has a point as decimal separator, but this file is read with a comma. Write 2,75, or choose a point as the decimal separator.',
      );
    },
  },
  {
    file: 'scientific-notation.csv',
    rows: [
      [2, 'error', ['AMOUNT_SCIENTIFIC'], '1.5E+3'],
      [3, 'error', ['AMOUNT_SCIENTIFIC'], '1e-7'],
      [4, 'error', ['AMOUNT_SCIENTIFIC'], '1.23457E+11'],
    ],
  },
  {
    file: 'precision-loss.csv',
    rows: [
      [2, 'warning', ['AMOUNT_PRECISION_LOST'], '1234567.89012345'],
      // Twelve quintillion ETH is also far above the sane ceiling (shared/amount-caps.ts).
      [3, 'error', ['AMOUNT_PRECISION_LOST', 'AMOUNT_TOO_LARGE'], '12345678901234567000'],
      ok(4, '1'),
      ok(5, '0.123456789012345678'),
    ],
  },
  {
    file: 'amount-caps.csv',
    rows: [
      ok(2, '21000000'),
      [3, 'error', ['AMOUNT_TOO_LARGE'], '21000000.00000001'],
      [4, 'error', ['AMOUNT_TOO_LARGE'], `1${'0'.repeat(39)}`],
      [5, 'error', ['AMOUNT_TOO_LARGE'], '123456789012.123456789012345678'],
      [6, 'error', ['AMOUNT_TOO_LARGE'], '1234567890123456789012345.123456'],
      ok(7, '123456789.123456'),
    ],
    check: (result) => {
      expect(messages(result, 3)).toEqual([
        '21000000.00000001 BTC is more than the largest payout Payout Desk allows in BTC (21000000). Check the value.',
      ]);
      expect(messages(result, 4)[0]).toMatch(/has 40 significant digits; no payout amount/);
      expect(messages(result, 6)[0]).toMatch(/has 31 significant digits; no payout amount/);
    },
  },
  {
    file: 'too-many-decimals.csv',
    rows: [
      [2, 'error', ['AMOUNT_TOO_PRECISE'], '1.1234567'],
      ok(3, '1.123456'),
      ok(4, '1.12'),
      ok(5, '0.000000000000000001'),
      [6, 'error', ['AMOUNT_TOO_PRECISE'], '0.0000000000000000001'],
    ],
    check: (result) => {
      expect(messages(result, 2)).toEqual([
        'Amount "1.1234567" has 7 decimals, but USDT_TRX (Tether on Tron) allows at most 6. Round it to 6 decimals.',
      ]);
    },
  },
  {
    file: 'zero-negative.csv',
    rows: [
      [2, 'error', ['AMOUNT_NOT_POSITIVE'], '0'],
      [3, 'error', ['AMOUNT_NOT_POSITIVE'], '0'],
      [4, 'error', ['AMOUNT_NOT_POSITIVE'], '-5'],
      [5, 'error', ['AMOUNT_NOT_POSITIVE'], '-5'],
      [6, 'error', ['AMOUNT_NOT_POSITIVE'], '-5'],
      [7, 'error', ['AMOUNT_NOT_POSITIVE'], '-5'],
    ],
  },
  {
    file: 'text-amounts.csv',
    decimalSeparator: null,
    rows: [
      [2, 'error', ['AMOUNT_NOT_A_NUMBER'], 'abc'],
      [3, 'error', ['AMOUNT_NOT_A_NUMBER'], '#VALUE!'],
      [4, 'error', ['AMOUNT_MISSING'], ''],
      [5, 'error', ['AMOUNT_NOT_A_NUMBER'], '1.2.3'],
      [6, 'error', ['AMOUNT_NOT_A_NUMBER'], '12 34'],
      [7, 'error', ['AMOUNT_NOT_A_NUMBER'], 'ten'],
    ],
  },
  {
    file: 'currency-in-amount.csv',
    rows: [
      [2, 'error', ['AMOUNT_HAS_CURRENCY'], '$100'],
      [3, 'error', ['AMOUNT_HAS_CURRENCY'], '100 USDT'],
      [4, 'error', ['AMOUNT_HAS_CURRENCY'], '€ 50'],
      [5, 'error', ['AMOUNT_HAS_CURRENCY'], '100USD'],
      [6, 'error', ['AMOUNT_HAS_CURRENCY'], '1,000.00 $'],
    ],
  },

  // ---- addresses
  {
    file: 'evm-checksum.csv',
    rows: [
      ok(2, '1'),
      [3, 'error', ['ADDRESS_CHECKSUM'], '1'],
      ok(4, '1'),
      ok(5, '1'),
      [6, 'error', ['ADDRESS_FORMAT'], '1'],
    ],
    check: (result) => {
      expect(messages(result, 3)[0]).toMatch(/Ethereum checksum/);
    },
  },
  {
    file: 'tron-bitcoin-doge.csv',
    rows: [
      ok(2, '1'),
      [3, 'error', ['ADDRESS_CHECKSUM'], '1'],
      ok(4, '0.001'),
      [5, 'error', ['ADDRESS_CHECKSUM'], '0.001'],
      ok(6, '0.001'),
      [7, 'error', ['ADDRESS_CHECKSUM'], '0.001'],
      ok(8, '0.001'),
      ok(9, '100'),
      [10, 'error', ['ADDRESS_CHECKSUM'], '100'],
    ],
    check: (result) => {
      expect(messages(result, 3)[0]).toMatch(/Tron checksum/);
      expect(messages(result, 10)[0]).toMatch(/Dogecoin checksum/);
    },
  },
  {
    file: 'bitcoin-taproot.csv',
    rows: [ok(2, '0.01'), [3, 'error', ['ADDRESS_CHECKSUM'], '0.01']],
  },
  {
    file: 'bitcoin-witness-versions.csv',
    rows: [
      [2, 'error', ['ADDRESS_NOT_PAYABLE'], '0.01'],
      [3, 'error', ['ADDRESS_NOT_PAYABLE'], '0.01'],
      [4, 'error', ['ADDRESS_NOT_PAYABLE'], '0.01'],
      ok(5, '0.01'),
    ],
    check: (result) => {
      expect(messages(result, 2)[0]).toMatch(
        /uses witness version 2, which no wallet can receive yet: a payout sent there could be lost\. Ask the recipient for a bc1q… or bc1p… address\.$/,
      );
      expect(messages(result, 3)[0]).toMatch(
        /carries a 20-byte program, but a Taproot address carries exactly 32 bytes/,
      );
      expect(messages(result, 4)[0]).toMatch(/witness version 16/);
    },
  },
  {
    file: 'address-risks.csv',
    options: {
      paidAddresses: new PaidAddresses([
        { network: 'ethereum', address: A.eth(501), label: 'Supplier GmbH' },
        { network: 'polygon', address: A.eth(502), label: null },
      ]),
    },
    rows: [
      ok(2, '10'),
      [3, 'error', ['ADDRESS_LOOKALIKE'], '10'],
      [4, 'warning', ['ADDRESS_OTHER_NETWORK'], '10'],
      [5, 'error', ['ADDRESS_IS_CONTRACT'], '10'],
      [6, 'warning', ['ADDRESS_FIRST_PAYMENT'], '10'],
      [7, 'error', ['ADDRESS_CHECKSUM'], '10'],
    ],
    check: (result) => {
      expect(messages(result, 3)[0]).toBe(
        `This address looks like "${A.eth(501)}" ("Supplier GmbH"), paid before from this account: the same first and last characters, but a different address. Address poisoning works this way. Check the whole address with the recipient before confirming it.`,
      );
      expect(messages(result, 4)[0]).toMatch(
        /paid before from this account only on Polygon, never on Ethereum/,
      );
      expect(messages(result, 5)[0]).toMatch(
        /contract address of Tether \(USDT\), not a wallet: a payout sent there is lost/,
      );
      expect(messages(result, 6)[0]).toBe(
        'This account has never paid this address. Check it with the recipient, or send a test payment first.',
      );
    },
  },
  {
    file: 'payroll-names.csv',
    options: {
      paidAddresses: new PaidAddresses([
        { network: 'ethereum', address: A.eth(511), label: 'Anna Schmidt' },
        { network: 'ethereum', address: A.eth(512), label: 'Carla Fischer' },
        { network: 'ethereum', address: A.eth(513), label: null },
      ]),
    },
    delimiter: ';',
    decimalSeparator: ',',
    rows: [
      ok(2, '100.5'),
      [3, 'warning', ['ADDRESS_LABEL_MISMATCH'], '200'],
      ok(4, '300'),
      [5, 'warning', ['ADDRESS_FIRST_PAYMENT'], '5'],
    ],
    check: (result) => {
      expect(result.mapping).toEqual({ address: 2, amount: 3, currency: 4, comment: 5, name: 1 });
      expect(result.rows.map((row) => row.name)).toEqual([
        'anna  SCHMIDT',
        'Bernd Weber',
        'Carla Fischer',
        '',
      ]);
      expect(comments(result)).toEqual(['Gehalt Juni', 'Gehalt Juni', 'Gehalt Juni', 'Bonus']);
      // Every column the payout does not use is kept, by its name; the unnamed empty column
      // the trailing ";" makes is not.
      expect(result.extraColumns).toEqual(['Personalnummer', 'Kostenstelle']);
      expect(result.rows.map((row) => row.extra)).toEqual([
        ['P-1', '4711'],
        ['P-2', '4711'],
        ['P-3', '4712'],
        ['P-4', '4712'],
      ]);
      expect(messages(result, 3)[0]).toBe(
        'The name "Bernd Weber" differs from this address\'s label in the address book, "Carla Fischer". Check that the address belongs to this recipient.',
      );
    },
  },
  {
    file: 'wrong-network.csv',
    rows: [
      [2, 'error', ['ADDRESS_WRONG_NETWORK'], '10'],
      [3, 'error', ['ADDRESS_WRONG_NETWORK'], '10'],
      [4, 'error', ['ADDRESS_WRONG_NETWORK'], '10'],
      ok(5, '10'),
    ],
    check: (result) => {
      expect(messages(result, 2)[0]).toMatch(
        /Tron address, but USDT \(Tether\) is paid on Ethereum\. .*change the currency to USDT_TRX \(Tether on Tron\)/,
      );
      expect(messages(result, 2)[0]).toMatch(/USDT_TRX/);
      expect(messages(result, 3)[0]).toMatch(
        /Ethereum-style .* USDT_TRX \(Tether\) is paid on Tron\. .*USDT \(Tether on Ethereum\) or USDT_MATIC \(Tether on Polygon\)/,
      );
      expect(messages(result, 4)[0]).toMatch(
        /Bitcoin address, but XDG \(Dogecoin\) is paid on Dogecoin/,
      );
    },
  },
  {
    file: 'invisible-characters.csv',
    rows: [
      [2, 'warning', ['ADDRESS_INVISIBLE_CHARACTERS'], '1'],
      [3, 'warning', ['ADDRESS_INVISIBLE_CHARACTERS'], '1'],
      [4, 'warning', ['ADDRESS_INVISIBLE_CHARACTERS'], '1'],
      [5, 'warning', ['ADDRESS_SPACES'], '1'],
      [6, 'warning', ['ADDRESS_INVISIBLE_CHARACTERS'], '1'],
      [7, 'error', ['ADDRESS_INVISIBLE_CHARACTERS', 'ADDRESS_CHECKSUM'], '1'],
      [8, 'warning', ['AMOUNT_INVISIBLE_CHARACTERS'], '1'],
    ],
    check: (result) => {
      expect(result.rows.slice(0, 4).map((row) => row.address)).toEqual([
        A.tron(100),
        A.tron(101),
        A.tron(102),
        A.tron(103),
      ]);
      expect(messages(result, 2)[0]).toMatch(/zero-width space/);
      expect(messages(result, 3)[0]).toMatch(/byte-order mark/);
      expect(messages(result, 4)[0]).toMatch(/non-breaking space/);
    },
  },

  // ---- currencies
  {
    file: 'lowercase-currency.csv',
    rows: [ok(2, '1'), ok(3, '1'), ok(4, '0.1')],
    check: (result) => {
      expect(result.rows.map((row) => row.currency)).toEqual(['USDT_TRX', 'ETH', 'BTC']);
    },
  },
  {
    file: 'unknown-currency.csv',
    rows: [
      [2, 'error', ['CURRENCY_UNKNOWN'], '1'],
      [3, 'error', ['CURRENCY_UNKNOWN'], '1'],
      [4, 'error', ['CURRENCY_MISSING'], '1'],
    ],
    check: (result) => {
      expect(messages(result, 2)[0]).toMatch(/Did you mean USDT_TRX \(Tether on Tron\)\?/);
      expect(messages(result, 3)[0]).toMatch(/Use one of: BTC, ETH/);
    },
  },

  // ---- duplicates
  {
    file: 'duplicates-in-file.csv',
    rows: [
      [2, 'warning', ['DUPLICATE_ADDRESS'], '10'],
      ok(3, '10'),
      [4, 'warning', ['DUPLICATE_ADDRESS'], '10'],
      [5, 'warning', ['DUPLICATE_ADDRESS'], '1'],
      [6, 'warning', ['DUPLICATE_ADDRESS'], '25'],
      [7, 'warning', ['DUPLICATE_ADDRESS'], '1'],
    ],
    check: (result) => {
      expect(messages(result, 2)[0]).toMatch(/also on lines 4 and 6\./);
      expect(messages(result, 7)[0]).toMatch(/also on line 5\./);
    },
  },
  {
    file: 'duplicates-recent.csv',
    options: {
      recentPayouts: [
        { depositAddress: A.tron(116), amount: '100.00', currency: 'usdt_trx' },
        { depositAddress: A.tron(117), amount: '100', currency: 'USDT_TRX' },
        { depositAddress: A.tron(118), amount: '100', currency: 'USDT_TRX' },
      ],
    },
    rows: [[2, 'warning', ['DUPLICATE_RECENT_PAYOUT'], '100'], ok(3, '100.5'), ok(4, '100')],
    check: (result) => {
      expect(messages(result, 2)[0]).toMatch(/already paid 100 USDT_TRX in the last 30 days/);
    },
  },

  // ---- batches
  {
    file: 'mixed-currencies.csv',
    rows: [
      ok(2, '0.1'),
      ok(3, '0.5'),
      ok(4, '0.2'),
      ok(5, '0.00000001'),
      ok(6, '0.3'),
      [7, 'error', ['AMOUNT_NOT_A_NUMBER'], 'abc'],
      ok(8, '0.25'),
    ],
    check: (result) => {
      expect(result.batches).toEqual([
        { currency: 'BTC', rows: [3], lines: [5], rowNos: [4], total: '0.00000001', count: 1 },
        { currency: 'ETH', rows: [1, 6], lines: [3, 8], rowNos: [2, 7], total: '0.75', count: 2 },
        {
          currency: 'USDT_TRX',
          rows: [0, 2, 4],
          lines: [2, 4, 6],
          rowNos: [1, 3, 5],
          total: '0.6',
          count: 3,
        },
      ]);
      expect(result.excludedFromBatches).toBe(1);
      expect(result.counts).toEqual({ ok: 6, warning: 0, error: 1 });
    },
  },
  {
    file: 'over-cap-250-trx.csv',
    check: (result) => {
      expect(result.rows).toHaveLength(250);
      expect(result.counts).toEqual({ ok: 250, warning: 0, error: 0 });
      expect(result.batches.map((batch) => [batch.currency, batch.count, batch.total])).toEqual([
        ['TRX', 100, '150'],
        ['TRX', 100, '150'],
        ['TRX', 50, '75'],
      ]);
      expect(result.batches[2]?.lines.at(-1)).toBe(251);
    },
  },
  {
    file: 'over-cap-250-trx.csv',
    label: 'with configured limits',
    options: { limits: { ethereum: 1000, other: 120, global: 10_000 } },
    check: (result) => {
      expect(result.batches.map((batch) => batch.count)).toEqual([120, 120, 10]);
    },
  },

  // ---- not a payout list
  { file: 'empty.csv', fileProblems: ['FILE_EMPTY'], rows: [] },
  { file: 'header-only.csv', hasHeader: true, fileProblems: ['FILE_NO_ROWS'], rows: [] },
  {
    file: 'image.png',
    fileProblems: ['FILE_NOT_TEXT'],
    rows: [],
    check: (result) => {
      expect(result.problems[0]?.message).toMatch(/image \(PNG\)/);
    },
  },
  {
    file: 'workbook.xlsx',
    fileProblems: ['FILE_NOT_TEXT'],
    rows: [],
    check: (result) => {
      expect(result.problems[0]?.message).toMatch(/Excel workbook \(\.xlsx\)/);
    },
  },
  {
    file: 'huge-comment.csv',
    rows: [[2, 'error', ['COMMENT_TOO_LONG'], '10']],
  },
  {
    file: 'huge-single-line.csv',
    fileProblems: ['COLUMN_MISSING', 'FILE_NO_ROWS'],
    rows: [],
    check: (result) => {
      for (const entry of result.problems) expect(entry.message.length).toBeLessThan(600);
    },
  },
  {
    file: 'huge-cells.csv',
    rows: [[2, 'error', ['AMOUNT_NOT_A_NUMBER'], `${'1'.repeat(50_000)}x`], ok(3, '2')],
    check: (result) => {
      expect(result.headers[3]?.length).toBe(50_000);
    },
  },
  {
    file: 'unclosed-quote.csv',
    fileProblems: ['FILE_QUOTE_UNCLOSED'],
    rows: [ok(2, '1'), [3, 'error', ['QUOTE_UNCLOSED'], '2']],
    check: (result) => {
      expect(result.problems[0]?.line).toBe(3);
    },
  },
];

describe('import corpus', () => {
  it.each(CASES.map((entry) => [`${entry.file}${entry.label ? ` (${entry.label})` : ''}`, entry]))(
    '%s',
    (_name, entry) => {
      const result = importPayoutFile(read(entry.file), entry.options);
      if (entry.encoding) expect(result.encoding).toBe(entry.encoding);
      if (entry.bom !== undefined) expect(result.bom).toBe(entry.bom);
      expect(result.delimiter).toBe(entry.delimiter ?? result.delimiter);
      if (entry.hasHeader !== undefined) expect(result.hasHeader).toBe(entry.hasHeader);
      if (entry.decimalSeparator !== undefined) {
        expect(result.decimalSeparator).toBe(entry.decimalSeparator);
      }
      expect(result.problems.map((problem) => problem.code)).toEqual(entry.fileProblems ?? []);
      if (entry.rows) {
        expect(
          result.rows.map((row): Row => [
            row.line,
            row.verdict,
            row.problems.map((problem) => problem.code),
            row.amount,
          ]),
        ).toEqual(entry.rows);
      }
      entry.check?.(result);
    },
  );

  it('has at least 40 files, each one exercised above and identical to what generate.ts builds', () => {
    const built = buildCorpus();
    const onDisk = readdirSync(DIR).filter(
      (name) => !name.endsWith('.ts') && !name.startsWith('.'),
    );
    expect(onDisk.length).toBeGreaterThanOrEqual(40);
    expect(new Set(onDisk)).toEqual(new Set(built.keys()));
    const differing = [...built].filter(
      ([name, bytes]) => Buffer.compare(Buffer.from(read(name)), Buffer.from(bytes)) !== 0,
    );
    expect(differing.map(([name]) => name)).toEqual([]);
    const covered = new Set(CASES.map((entry) => entry.file));
    expect(onDisk.filter((name) => !covered.has(name))).toEqual([]);
  });
});
