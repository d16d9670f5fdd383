/**
 * Rows to mass payouts: one currency per mass payout (Calypso's rule), chunked within the
 * size caps (calypso-api.md 6.1: 1,000 on Ethereum, 100 elsewhere, 10,000 overall), totals
 * summed exactly. Rows with an error are left out. Order is deterministic: currencies by
 * code, rows in file order, so planning twice gives the same batches.
 */
import { isPlainDecimal, normalizeDecimal, type DecimalString } from '../money';
import { findCurrency, massPayoutCap, type MassPayoutLimits } from '../networks';
import type { PayoutBatch, Verdict } from './types';

export type BatchCandidate = {
  line?: number | null;
  /** A draft row's stable number; batches report it back in `rowNos`. */
  rowNo?: number;
  amount: string;
  currency: string;
  verdict: Verdict;
};

/**
 * True for a row that can be paid as it stands. Besides the verdict, the amount and currency
 * are checked again so a row whose verdict is stale can never break the total.
 */
export function isBatchable(row: BatchCandidate): boolean {
  return (
    row.verdict !== 'error' &&
    isPlainDecimal(row.amount) &&
    !row.amount.startsWith('-') &&
    findCurrency(row.currency.trim().toUpperCase()) !== undefined
  );
}

/**
 * Exact total of canonical non-negative decimals, in BigInt units of the smallest fraction
 * present: the same result as money.sumDecimals, several times faster on thousands of rows.
 */
export function sumAmounts(amounts: readonly string[]): DecimalString {
  let scale = 0;
  for (const amount of amounts) {
    const dot = amount.indexOf('.');
    if (dot >= 0) scale = Math.max(scale, amount.length - dot - 1);
  }
  let total = 0n;
  for (const amount of amounts) {
    const dot = amount.indexOf('.');
    const whole = dot < 0 ? amount : amount.slice(0, dot);
    const fraction = dot < 0 ? '' : amount.slice(dot + 1);
    total += BigInt(whole + fraction.padEnd(scale, '0'));
  }
  if (scale === 0) return total.toString();
  const digits = total.toString().padStart(scale + 1, '0');
  return normalizeDecimal(`${digits.slice(0, -scale)}.${digits.slice(-scale)}`);
}

export function splitIntoBatches(
  rows: readonly BatchCandidate[],
  limits?: MassPayoutLimits,
): PayoutBatch[] {
  // Each batchable row's currency as a small number (0 for a row left out), one byte a row,
  // and how many rows each has: a currency's row list is then made at its exact length, one
  // currency at a time, instead of a growing list per currency all alive until the end (on
  // a million rows 8-12 MB beside the batches, at the import's peak; docs/import.md).
  const slots = new Map<string, number>();
  const counts: number[] = [0];
  // A batchable row's currency is one of CURRENCIES (isBatchable), far fewer than 255.
  const slotOf = new Uint8Array(rows.length);
  rows.forEach((row, index) => {
    if (!isBatchable(row)) return;
    const code = row.currency.trim().toUpperCase();
    let slot = slots.get(code);
    if (slot === undefined) {
      slot = counts.length;
      slots.set(code, slot);
      counts.push(0);
    }
    counts[slot] = (counts[slot] ?? 0) + 1;
    slotOf[index] = slot;
  });
  const batches: PayoutBatch[] = [];
  const codes = [...slots.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const code of codes) {
    const slot = slots.get(code) ?? 0;
    const indexes = new Array<number>(counts[slot] ?? 0);
    let filled = 0;
    for (let index = 0; index < slotOf.length; index += 1) {
      if (slotOf[index] === slot) {
        indexes[filled] = index;
        filled += 1;
      }
    }
    // Misconfigured limits (0, NaN) must not loop forever or make empty batches.
    const cap = Math.max(1, Math.floor(massPayoutCap(code, limits)) || 1);
    for (let start = 0; start < indexes.length; start += cap) {
      const chunk = indexes.slice(start, start + cap);
      batches.push({
        currency: code,
        rows: chunk,
        lines: chunk.map((index) => rows[index]?.line ?? null),
        rowNos: chunk.map((index) => rows[index]?.rowNo ?? index + 1),
        total: sumAmounts(chunk.map((index) => rows[index]?.amount ?? '0')),
        count: chunk.length,
      });
    }
  }
  return batches;
}
