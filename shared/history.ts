/**
 * The offline history as the UI sees it: single and mass payouts in one list, read from the
 * local cache. Shared by the cache's query code (main) and the history screen (renderer).
 */
import type { MassPayout, Payout, PayoutState, Withdrawal } from './calypso/types';
import type { DecimalString } from './money';

export type PayoutKind = 'single' | 'mass';

export type HistorySortField = 'date' | 'amount' | 'state' | 'currency';

export type HistoryQuery = {
  profileId: string;
  kinds?: PayoutKind[];
  states?: PayoutState[];
  currencies?: string[];
  /** Inclusive bounds on the item's date (createdDate, else executionDate, else first seen), ms. */
  fromMs?: number;
  toMs?: number;
  /** Only payouts whose executionDate is still ahead. */
  scheduledOnly?: boolean;
  /** Fragment of address, comment, id, idempotency key or transaction hash. */
  search?: string;
  sort?: { field: HistorySortField; direction: 'asc' | 'desc' };
  /** 0-based row offset and page length. */
  offset?: number;
  limit?: number;
};

/** One row of the history list: the columns the list shows and filters on. */
export type HistoryItem = {
  kind: PayoutKind;
  id: string;
  state: PayoutState;
  currency: string;
  /** Single: the amount; mass: totalWithdrawalAmount. */
  amount: DecimalString;
  fee: DecimalString | null;
  /** Single: the recipient; mass: null (see its withdrawals). */
  depositAddress: string | null;
  /** Single: comment; mass: name, else comment. */
  label: string | null;
  /** Single: the address book's label of the recipient, when it has one (queryHistory). */
  recipientLabel?: string | null;
  idempotencyKey: string | null;
  transactionHash: string | null;
  dateMs: number;
  executionDateMs: number | null;
  /** When the server last confirmed this item, ms. */
  syncedAtMs: number;
};

/** What the payouts a history view shows paid: per currency, the COMPLETED ones summed. */
export type HistoryTotals = {
  paid: { currency: string; count: number; total: DecimalString }[];
};

export type HistoryPage = {
  items: HistoryItem[];
  /** Rows matching the filters (for the list's scroll height and the counts). */
  total: number;
  offset: number;
};

/** Everything the cache holds about one payout, with the server's own JSON. */
export type PayoutDetails =
  | { kind: 'single'; item: HistoryItem; payout: Payout; withdrawals: Withdrawal[] }
  | { kind: 'mass'; item: HistoryItem; payout: MassPayout; withdrawals: Withdrawal[] };
