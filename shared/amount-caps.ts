/**
 * The largest amount one recipient may be paid, per currency: a sanity ceiling that catches a
 * mistyped or mis-mapped amount ("10" followed by seventy zeros) before anything is signed.
 * The importer, the draft grid, the single-payout form, main before signing and the
 * simulator all apply it through shared/payout-rules.ts `checkAmount`.
 *
 * Configured here: DEFAULT_AMOUNT_CAPS is the table every caller uses; checkAmount accepts
 * another table (tests, a stricter build). Each default is about the currency's whole supply,
 * so no real payout comes near it (docs/intents.md, "Amount ceilings").
 */
import type { DecimalString } from './money';

/** More significant digits than any real amount carries (the longest, ETH wei: 18 + 9). */
export const MAX_SIGNIFICANT_DIGITS = 30;

export const DEFAULT_AMOUNT_CAPS: Readonly<Record<string, DecimalString>> = {
  BTC: '21000000',
  ETH: '200000000',
  USDT: '200000000000',
  FRAX: '10000000000',
  BUSD_ETH: '50000000000',
  USDC: '200000000000',
  DAI: '50000000000',
  TRX: '200000000000',
  USDT_TRX: '200000000000',
  BNB: '200000000',
  BUSD: '50000000000',
  MATIC: '10000000000',
  USDT_MATIC: '200000000000',
  XDG: '200000000000',
};

/** For a currency the table does not list: no payout above a trillion units. */
export const FALLBACK_AMOUNT_CAP: DecimalString = '1000000000000';

export function amountCapOf(
  currencyCode: string,
  caps: Readonly<Record<string, DecimalString>> = DEFAULT_AMOUNT_CAPS,
): DecimalString {
  // hasOwn: a code such as "constructor" must not read the object's prototype.
  const cap = Object.hasOwn(caps, currencyCode) ? caps[currencyCode] : undefined;
  return cap ?? FALLBACK_AMOUNT_CAP;
}
