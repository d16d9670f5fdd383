/**
 * The address book as the UI sees it: one entry per recipient address and network of a
 * profile, made of what this account paid there (from the synced history) and what a person
 * decided (label, notes, trusted). docs/address-book.md.
 */
import type { DecimalString } from './money';
import type { NetworkId } from './networks';

export type AddressBookEntry = {
  network: NetworkId;
  address: string;
  label: string | null;
  /** A label offered from the history: a comment that recurs on this address's payouts. */
  suggestedLabel: string | null;
  notes: string | null;
  trusted: boolean;
  /** Payouts that reached the address (COMPLETED), single ones and mass recipients alike. */
  timesPaid: number;
  firstPaidMs: number | null;
  lastPaidMs: number | null;
  totals: { currency: string; total: DecimalString }[];
};

/** The columns of the address book's CSV, in order; the import reads the same names. */
export const ADDRESS_BOOK_COLUMNS = ['Network', 'Address', 'Label', 'Notes', 'Trusted'] as const;

/** The largest address book file read at once, in characters (checked before it is sent). */
export const ADDRESS_BOOK_CSV_MAX_CHARS = 20_000_000;
