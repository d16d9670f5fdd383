/**
 * The one name every screen gives a currency: the asset and the network it is paid on,
 * "Tether (Tron)" rather than USDT_TRX, so USDT on Ethereum and on Tron are never confused
 * (issue 11, part 5). A code Payout Desk does not know (a newer Calypso currency, a typo in
 * a file) is shown as it is. Files, exports and the API keep the codes.
 */
import { findCurrency, NETWORKS } from './networks';

export function currencyName(code: string): string {
  const currency = findCurrency(code);
  if (!currency) return code;
  const network = NETWORKS[currency.network].label;
  return currency.asset === network ? currency.asset : `${currency.asset} (${network})`;
}

/** For pickers and tooltips, where the code a file or the API uses is wanted too. */
export function currencyNameWithCode(code: string): string {
  const name = currencyName(code);
  return name === code ? code : `${name} · ${code}`;
}

/**
 * For sentences about a file's cells: the code as the file wrote it, then what it pays, so
 * "USDT_TRX (Tether on Tron) allows at most 6 decimals" reads without a code list at hand. A
 * coin named after its network reads "BTC (Bitcoin)", a network's own coin "TRX (the Tron
 * coin)"; an unknown code stays as it is.
 */
export function currencyCodeNamed(code: string): string {
  const currency = findCurrency(code);
  if (!currency) return code;
  const network = NETWORKS[currency.network].label;
  if (currency.asset === network) return `${code} (${currency.asset})`;
  if (currency.asset === code) return `${code} (the ${network} coin)`;
  return `${code} (${currency.asset} on ${network})`;
}

/** The code with its asset only, for a sentence that names the network itself. */
export function currencyCodeWithAsset(code: string): string {
  const currency = findCurrency(code);
  if (!currency || currency.asset === code) return code;
  return `${code} (${currency.asset})`;
}
