/**
 * What a reading needs of the account's history for the verdicts a draft will give: the
 * payments of the last 30 days (DUPLICATE_RECENT_PAYOUT) and the addresses it paid before (the
 * address risk checks). The desk reads small files with them itself; a file too large for
 * one call is read in the page's worker, which gets them as plain data (a worker message
 * cannot carry PaidAddresses' index), so the import screen counts warnings and errors as the
 * draft made of the file will (docs/import.md, "Files the page reads").
 */
import { PaidAddresses, type PaidAddress } from '../address-risk/paid-addresses';
import type { ImportOptions, RecentPayout } from './types';

export type ImportHistory = {
  recentPayouts: RecentPayout[];
  paidAddresses: PaidAddress[];
};

/** The options of a reading with the account's history, as the desk reads with it. */
export function withHistory(options: ImportOptions, history: ImportHistory | null): ImportOptions {
  if (history === null) return options;
  return {
    ...options,
    recentPayouts: history.recentPayouts,
    paidAddresses: new PaidAddresses(history.paidAddresses),
  };
}
