/**
 * "What changed since the last run" (docs/run-diff.md): one run of payouts compared with an
 * earlier one, recipient by recipient. A recipient is the pair (address key, currency): the
 * address as duplicates see it (addressKey: case folded for 0x and bc1, never for base58) and
 * the currency code as the batch planner groups it (trimmed, upper case), so USDT and
 * USDT_TRX are two recipients even at one address. Several rows of one run for the same
 * recipient are summed, exactly (big.js through shared/money.ts, never a float).
 *
 * Pure: main reads the two runs and their labels, the UI only shows the answer.
 */
import { addressKey } from './import/address-key';
import { sumAmounts } from './import/batches';
import { isPlainDecimal, subtractDecimals, type DecimalString } from './money';

/** One row of a run: a canonical decimal amount, and the address's label for that run. */
export type RunRow = {
  address: string;
  amount: DecimalString;
  currency: string;
  label: string | null;
};

export type RunChangeKind = 'added' | 'removed' | 'changed';

/** One recipient whose amount or label differs, or who is in only one of the runs. */
export type RunChange = {
  kind: RunChangeKind;
  /** As the current run wrote it (the baseline's for a removed recipient). */
  address: string;
  currency: string;
  /** Sum of the baseline's rows for this recipient; null when added. */
  baselineAmount: DecimalString | null;
  /** Sum of the current run's rows for this recipient; null when removed. */
  currentAmount: DecimalString | null;
  /** current − baseline, exact and signed (an added recipient: its amount; removed: minus). */
  difference: DecimalString;
  baselineLabel: string | null;
  currentLabel: string | null;
  /** Only for `changed`: which of the two moved (both can). */
  amountChanged: boolean;
  labelChanged: boolean;
  /** Rows summed on each side (more than one: the run repeats the recipient). */
  baselineRows: number;
  currentRows: number;
};

export type RunCurrencyTotal = {
  currency: string;
  baseline: DecimalString;
  current: DecimalString;
  /** current − baseline, signed. */
  difference: DecimalString;
};

export type RunDiffCounts = {
  added: number;
  removed: number;
  /** Recipients in both runs whose amount differs (with or without a new label). */
  amountChanged: number;
  /** Recipients in both runs whose label differs (with or without a new amount). */
  labelChanged: number;
  /** Recipients in both runs with the same amount and label. */
  unchanged: number;
};

export type RunDiff = {
  /** Added first, then removed, then changed; each by currency, then address key. */
  changes: RunChange[];
  counts: RunDiffCounts;
  /** Every currency of either run, by code. */
  totals: RunCurrencyTotal[];
};

type Recipient = {
  key: string;
  addressKey: string;
  address: string;
  currency: string;
  /** The rows' amounts; `amount` is their exact sum in canonical form. */
  amounts: DecimalString[];
  amount: DecimalString;
  label: string | null;
  rows: number;
};

/**
 * An amount a run can hold: a plain non-negative decimal (what drafts store for a row that
 * can be paid). Anything else is refused, not guessed at.
 */
function checkedAmount(amount: string): DecimalString {
  if (!isPlainDecimal(amount) || amount.startsWith('-')) {
    throw new RangeError(`not a payable decimal amount: "${amount}"`);
  }
  return amount;
}

/** The batch planner's currency code (shared/import/batches.ts). */
function currencyCode(currency: string): string {
  return currency.trim().toUpperCase();
}

/** Rows summed per recipient, in first-seen order. */
function recipientsOf(rows: readonly RunRow[]): Map<string, Recipient> {
  const found = new Map<string, Recipient>();
  for (const row of rows) {
    const key = addressKey(row.address);
    const currency = currencyCode(row.currency);
    // A NUL cannot occur in either part, so the pair cannot collide.
    const id = `${key}\u0000${currency}`;
    const seen = found.get(id);
    if (seen) {
      seen.amounts.push(checkedAmount(row.amount));
      seen.rows += 1;
      // One address, one network: the label is the same; the first non-empty one is kept.
      seen.label ??= row.label;
    } else {
      found.set(id, {
        key: id,
        addressKey: key,
        address: row.address,
        currency,
        amounts: [checkedAmount(row.amount)],
        amount: '',
        label: row.label,
        rows: 1,
      });
    }
  }
  // BigInt sums (sumAmounts, exact), canonical: equal amounts are equal strings.
  for (const recipient of found.values()) recipient.amount = sumAmounts(recipient.amounts);
  return found;
}

const KIND_ORDER: Record<RunChangeKind, number> = { added: 0, removed: 1, changed: 2 };

function byKindCurrencyAddress(a: RunChange & { sortKey: string }, b: typeof a): number {
  const kind = KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (kind !== 0) return kind;
  if (a.currency !== b.currency) return a.currency < b.currency ? -1 : 1;
  return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0;
}

function totalsOf(
  current: ReadonlyMap<string, Recipient>,
  baseline: ReadonlyMap<string, Recipient>,
): RunCurrencyTotal[] {
  const amounts = new Map<string, { current: DecimalString[]; baseline: DecimalString[] }>();
  const entry = (currency: string) => {
    let found = amounts.get(currency);
    if (!found) {
      found = { current: [], baseline: [] };
      amounts.set(currency, found);
    }
    return found;
  };
  for (const recipient of current.values())
    entry(recipient.currency).current.push(recipient.amount);
  for (const recipient of baseline.values())
    entry(recipient.currency).baseline.push(recipient.amount);
  return [...amounts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, sides]) => {
      const currentTotal = sumAmounts(sides.current);
      const baselineTotal = sumAmounts(sides.baseline);
      return {
        currency,
        baseline: baselineTotal,
        current: currentTotal,
        difference: subtractDecimals(currentTotal, baselineTotal),
      };
    });
}

/**
 * `current` compared with `baseline`. Amounts must be plain non-negative decimals (what
 * drafts store for a row that can be paid); anything else is a RangeError naming it.
 */
export function compareRuns(current: readonly RunRow[], baseline: readonly RunRow[]): RunDiff {
  const now = recipientsOf(current);
  const then = recipientsOf(baseline);
  const counts: RunDiffCounts = {
    added: 0,
    removed: 0,
    amountChanged: 0,
    labelChanged: 0,
    unchanged: 0,
  };
  const changes: (RunChange & { sortKey: string })[] = [];
  for (const recipient of now.values()) {
    const before = then.get(recipient.key);
    if (!before) {
      counts.added += 1;
      changes.push({
        kind: 'added',
        sortKey: recipient.addressKey,
        address: recipient.address,
        currency: recipient.currency,
        baselineAmount: null,
        currentAmount: recipient.amount,
        difference: recipient.amount,
        baselineLabel: null,
        currentLabel: recipient.label,
        amountChanged: false,
        labelChanged: false,
        baselineRows: 0,
        currentRows: recipient.rows,
      });
      continue;
    }
    // Both canonical (sumAmounts), so numeric equality is string equality.
    const amountChanged = recipient.amount !== before.amount;
    const labelChanged = (recipient.label ?? null) !== (before.label ?? null);
    if (amountChanged) counts.amountChanged += 1;
    if (labelChanged) counts.labelChanged += 1;
    if (!amountChanged && !labelChanged) {
      counts.unchanged += 1;
      continue;
    }
    changes.push({
      kind: 'changed',
      sortKey: recipient.addressKey,
      address: recipient.address,
      currency: recipient.currency,
      baselineAmount: before.amount,
      currentAmount: recipient.amount,
      difference: subtractDecimals(recipient.amount, before.amount),
      baselineLabel: before.label,
      currentLabel: recipient.label,
      amountChanged,
      labelChanged,
      baselineRows: before.rows,
      currentRows: recipient.rows,
    });
  }
  for (const recipient of then.values()) {
    if (now.has(recipient.key)) continue;
    counts.removed += 1;
    changes.push({
      kind: 'removed',
      sortKey: recipient.addressKey,
      address: recipient.address,
      currency: recipient.currency,
      baselineAmount: recipient.amount,
      currentAmount: null,
      difference: subtractDecimals('0', recipient.amount),
      baselineLabel: recipient.label,
      currentLabel: null,
      amountChanged: false,
      labelChanged: false,
      baselineRows: recipient.rows,
      currentRows: 0,
    });
  }
  changes.sort(byKindCurrencyAddress);
  return {
    changes: changes.map(({ sortKey: _sortKey, ...change }) => change),
    counts,
    totals: totalsOf(now, then),
  };
}

// ---- At the boundary (shared/ipc.ts) -----------------------------------------------------

/** An earlier draft of the same profile that a draft can be compared with. */
export type RunBaseline = {
  draftId: string;
  name: string;
  sourceFile: string | null;
  state: 'editing' | 'submitting' | 'submitted';
  /** A "Retry the failed rows" draft: part of a run, never the default baseline. */
  isRetry: boolean;
  createdMs: number;
  /** When its batches were fixed (Submit); null while it is still being edited. */
  submittedMs: number | null;
  rowCount: number;
};

/** The earlier drafts a draft can be compared with, most recent first, and the default. */
export type RunBaselines = {
  draftId: string;
  baselines: RunBaseline[];
  /** The most recent earlier submitted run, else the most recent earlier draft; null: none. */
  defaultDraftId: string | null;
};

/** A draft compared with one earlier run (compareDraft). */
export type RunComparison = {
  draftId: string;
  baseline: RunBaseline;
  diff: RunDiff;
  /**
   * Rows left out because they cannot be paid as they stand (an error verdict, an amount or
   * currency that does not read): a draft still being edited is compared by what Submit
   * would send. A submitted run is compared by what it sent, so its count is 0.
   */
  excludedRows: { current: number; baseline: number };
};
