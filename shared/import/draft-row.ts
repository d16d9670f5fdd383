/**
 * One row of a draft, validated again after a person edits it in the grid, with the same
 * rules as the importer. The amount is what a person types: the draft's decimal separator
 * decides, the other character may group thousands, and a canonical decimal ("1.234", the
 * form the importer returns and drafts store) always keeps its exact meaning so stored rows
 * read back unchanged. Duplicates across rows are flagDuplicates' job.
 */
import type { PaidAddresses } from '../address-risk';
import { sharedAddressCache, type AddressCache } from './address-field';
import { readAmount, scanAmount } from './amount';
import { readChosenCurrency } from './currency-field';
import { verdictOf } from './problems';
import { checkRow } from './row-rules';
import type { DecimalSeparator, ImportProblem, RecentPayout, Verdict } from './types';

export type DraftRowInput = {
  address: string;
  amount: string;
  currency: string;
  comment: string;
  /** The recipient's name, checked against the address book's label. */
  name?: string;
};

export type DraftContext = {
  decimalSeparator: DecimalSeparator;
  /** Currency for a row whose currency cell is empty (the one chosen for the whole file). */
  currency?: string;
  recentPayouts?: readonly RecentPayout[];
  /** What this account paid before, for the address risk verdicts. */
  paidAddresses?: PaidAddresses;
  /** Defaults to the cache shared with the importer, so revalidating skips checksums. */
  addressCache?: AddressCache;
};

export type DraftRowResult = {
  verdict: Verdict;
  problems: ImportProblem[];
  /** Exact decimal with a point, or the text as typed when it cannot be read. Store this. */
  amount: string;
  /** Without spaces or invisible characters. Store this: it is what will be paid. */
  address: string;
  /** The currency code when known. */
  currency: string;
  comment: string;
  name: string;
};

export function validateDraftRow(row: DraftRowInput, context: DraftContext): DraftRowResult {
  const chosen = context.currency === undefined ? null : readChosenCurrency(context.currency);
  const reading = readAmount(scanAmount(row.amount), {
    source: 'chosen',
    separator: context.decimalSeparator,
    subject: 'draft',
    canonicalFirst: true,
  });
  const checked = checkRow(row, reading, {
    fallbackCurrency: chosen !== null && 'network' in chosen ? chosen : null,
    addressCache: context.addressCache ?? sharedAddressCache,
    recentPayouts: context.recentPayouts,
    ...(context.paidAddresses !== undefined ? { paidAddresses: context.paidAddresses } : {}),
  });
  return { ...checked, verdict: verdictOf(checked.problems) };
}
