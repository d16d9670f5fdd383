import { describe, expect, it } from 'vitest';
import { compareRuns, type RunRow } from '../../../shared/run-diff';

const EVM = '0x52908400098527886E0F7030069857D2E4169EE7';
const EVM_LOWER = EVM.toLowerCase();
const TRON = 'TR1eViC7vr6F43UeZhAqgDURrow5iBJN36';
const TRON_OTHER_CASE = 'tr1eViC7vr6F43UeZhAqgDURrow5iBJN36';

function row(address: string, amount: string, currency: string, label: string | null = null) {
  return { address, amount, currency, label } satisfies RunRow;
}

describe('compareRuns', () => {
  it('an empty baseline: every recipient is added, totals are the current run', () => {
    const diff = compareRuns([row(TRON, '10', 'USDT_TRX', 'Anna'), row(EVM, '0.5', 'ETH')], []);
    expect(diff.counts).toEqual({
      added: 2,
      removed: 0,
      amountChanged: 0,
      labelChanged: 0,
      unchanged: 0,
    });
    expect(diff.changes.map((change) => [change.kind, change.currency, change.difference])).toEqual(
      [
        ['added', 'ETH', '0.5'],
        ['added', 'USDT_TRX', '10'],
      ],
    );
    expect(diff.changes[1]).toMatchObject({
      baselineAmount: null,
      currentAmount: '10',
      currentLabel: 'Anna',
      baselineRows: 0,
      currentRows: 1,
    });
    expect(diff.totals).toEqual([
      { currency: 'ETH', baseline: '0', current: '0.5', difference: '0.5' },
      { currency: 'USDT_TRX', baseline: '0', current: '10', difference: '10' },
    ]);
  });

  it('two empty runs: nothing at all', () => {
    expect(compareRuns([], [])).toEqual({
      changes: [],
      counts: { added: 0, removed: 0, amountChanged: 0, labelChanged: 0, unchanged: 0 },
      totals: [],
    });
  });

  it('a recipient only in the baseline is removed, with a negative difference', () => {
    const diff = compareRuns([], [row(TRON, '7.25', 'TRX', 'Bob')]);
    expect(diff.counts.removed).toBe(1);
    expect(diff.changes).toEqual([
      {
        kind: 'removed',
        address: TRON,
        currency: 'TRX',
        baselineAmount: '7.25',
        currentAmount: null,
        difference: '-7.25',
        baselineLabel: 'Bob',
        currentLabel: null,
        amountChanged: false,
        labelChanged: false,
        baselineRows: 1,
        currentRows: 0,
      },
    ]);
    expect(diff.totals).toEqual([
      { currency: 'TRX', baseline: '7.25', current: '0', difference: '-7.25' },
    ]);
  });

  it('an amount change carries the exact signed difference (no float: 0.3 − (0.1 + 0.2))', () => {
    // In floats 0.1 + 0.2 = 0.30000000000000004: the baseline's two rows sum to exactly 0.3.
    const diff = compareRuns(
      [row(TRON, '0.3', 'TRX'), row(EVM, '1.000000000000000001', 'ETH')],
      [row(TRON, '0.1', 'TRX'), row(TRON, '0.2', 'TRX'), row(EVM, '1', 'ETH')],
    );
    expect(diff.counts).toMatchObject({ amountChanged: 1, unchanged: 1 });
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0]).toMatchObject({
      kind: 'changed',
      currency: 'ETH',
      baselineAmount: '1',
      currentAmount: '1.000000000000000001',
      difference: '0.000000000000000001',
      amountChanged: true,
      labelChanged: false,
    });
    const lower = compareRuns([row(TRON, '9.99', 'TRX')], [row(TRON, '10.01', 'TRX')]);
    expect(lower.changes[0]?.difference).toBe('-0.02');
  });

  it('reads amounts numerically: "007.50" and "7.5" are the same amount', () => {
    const diff = compareRuns([row(TRON, '007.50', 'TRX')], [row(TRON, '7.5', 'TRX')]);
    expect(diff.counts.unchanged).toBe(1);
    expect(diff.totals[0]).toMatchObject({ current: '7.5', difference: '0' });
  });

  it('sums several rows for one recipient on each side and says how many', () => {
    const diff = compareRuns(
      [row(TRON, '1.1', 'TRX'), row(TRON, '2.2', 'TRX'), row(TRON, '3.3', 'TRX')],
      [row(TRON, '5', 'TRX')],
    );
    expect(diff.changes[0]).toMatchObject({
      baselineAmount: '5',
      currentAmount: '6.6',
      difference: '1.6',
      baselineRows: 1,
      currentRows: 3,
    });
    expect(diff.totals[0]).toEqual({
      currency: 'TRX',
      baseline: '5',
      current: '6.6',
      difference: '1.6',
    });
  });

  it('EVM addresses are one recipient whatever their case; Tron addresses are not', () => {
    const evm = compareRuns([row(EVM_LOWER, '1', 'ETH')], [row(EVM, '1', 'ETH')]);
    expect(evm.counts).toMatchObject({ added: 0, removed: 0, unchanged: 1 });
    // Base58: case changes the address, so these are two different recipients.
    const tron = compareRuns([row(TRON_OTHER_CASE, '1', 'TRX')], [row(TRON, '1', 'TRX')]);
    expect(tron.counts).toMatchObject({ added: 1, removed: 1, unchanged: 0 });
  });

  it('invisible characters and spaces in an address do not make a new recipient', () => {
    const diff = compareRuns([row(` ${TRON}\u200B`, '1', 'TRX')], [row(TRON, '1', 'TRX')]);
    expect(diff.counts.unchanged).toBe(1);
  });

  it('currencies that differ only in network are different recipients (USDT vs USDT_TRX)', () => {
    const diff = compareRuns([row(EVM, '10', 'USDT')], [row(EVM, '10', 'USDT_MATIC')]);
    expect(diff.counts).toMatchObject({ added: 1, removed: 1, unchanged: 0 });
    expect(diff.changes.map((change) => `${change.kind} ${change.currency}`)).toEqual([
      'added USDT',
      'removed USDT_MATIC',
    ]);
    expect(diff.totals.map((total) => [total.currency, total.difference])).toEqual([
      ['USDT', '10'],
      ['USDT_MATIC', '-10'],
    ]);
  });

  it('currency codes are compared as the planner groups them (trimmed, upper case)', () => {
    const diff = compareRuns([row(TRON, '1', ' usdt_trx ')], [row(TRON, '1', 'USDT_TRX')]);
    expect(diff.counts.unchanged).toBe(1);
    expect(diff.totals.map((total) => total.currency)).toEqual(['USDT_TRX']);
  });

  it('a label change is reported on its own and together with an amount change', () => {
    const diff = compareRuns(
      [row(TRON, '1', 'TRX', 'Anna (new wallet)'), row(EVM, '2', 'ETH', 'Carl')],
      [row(TRON, '1', 'TRX', 'Anna'), row(EVM, '1', 'ETH', null)],
    );
    expect(diff.counts).toEqual({
      added: 0,
      removed: 0,
      amountChanged: 1,
      labelChanged: 2,
      unchanged: 0,
    });
    expect(
      diff.changes.map((change) => [
        change.currency,
        change.amountChanged,
        change.labelChanged,
        change.baselineLabel,
        change.currentLabel,
      ]),
    ).toEqual([
      ['ETH', true, true, null, 'Carl'],
      ['TRX', false, true, 'Anna', 'Anna (new wallet)'],
    ]);
  });

  it('orders added, then removed, then changed, each by currency then address', () => {
    const a = 'TAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const b = 'TBbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
    const diff = compareRuns(
      [row(b, '2', 'TRX'), row(a, '1', 'TRX'), row(a, '3', 'BTC')],
      [row(b, '1', 'TRX'), row(a, '1', 'USDT_TRX')],
    );
    expect(
      diff.changes.map((change) => `${change.kind} ${change.currency} ${change.address}`),
    ).toEqual([`added BTC ${a}`, `added TRX ${a}`, `removed USDT_TRX ${a}`, `changed TRX ${b}`]);
  });

  it('refuses an amount that is not a decimal rather than guess', () => {
    expect(() => compareRuns([row(TRON, '1,5', 'TRX')], [])).toThrow(
      'not a payable decimal amount: "1,5"',
    );
    expect(() => compareRuns([], [row(TRON, '-1', 'TRX')])).toThrow(/"-1"/);
    expect(() => compareRuns([row(TRON, '1e3', 'TRX')], [])).toThrow(/"1e3"/);
  });
});
