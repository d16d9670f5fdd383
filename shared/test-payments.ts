/**
 * Test payments before a mass payout (docs/test-payments.md): one small single payout to a
 * new address of a draft, its rows held out of the draft's batches until that payout is
 * COMPLETED and the person marks the address trusted.
 */
import type { PayoutState } from './calypso/types';
import type { DecimalString } from './money';
import type { NetworkId } from './networks';

/** What a test sends when the profile has no amount of its own for the currency. */
export const DEFAULT_TEST_AMOUNTS: Readonly<Record<string, DecimalString>> = {
  BTC: '0.0001',
  ETH: '0.001',
  USDT: '1',
  USDC: '1',
  DAI: '1',
  FRAX: '1',
  BUSD_ETH: '1',
  TRX: '1',
  USDT_TRX: '1',
  BNB: '0.001',
  BUSD: '1',
  MATIC: '1',
  USDT_MATIC: '1',
  XDG: '1',
};

/** The amount of a currency the code table does not know: the smallest sane "1". */
export const FALLBACK_TEST_AMOUNT: DecimalString = '1';

/** The row note a held row carries in the review. */
export const TEST_PAYMENT_PENDING = 'TEST_PAYMENT_PENDING' as const;

/**
 * - `sending`: stored, Calypso has not confirmed the payout yet (or it could not be reached);
 * - `sent`: Calypso has it, not COMPLETED yet;
 * - `completed`: COMPLETED, the address is not marked trusted: its rows stay held;
 * - `released`: COMPLETED and trusted: its rows go out (with Submit, or in a follow-up);
 * - `failed`: refused, cancelled, expired or ended other than COMPLETED: rows stay held.
 */
export type TestPaymentState = 'sending' | 'sent' | 'completed' | 'released' | 'failed';

export type TestPaymentHold = {
  network: NetworkId;
  address: string;
  currency: string;
  amount: DecimalString;
  /** The test payout's idempotency key (its single-payout intent). */
  requestId: string;
  payoutId: string | null;
  payoutState: PayoutState | null;
  trusted: boolean;
  state: TestPaymentState;
  /** One sentence saying where the test is and what releases the rows. */
  message: string;
  /** The draft rows of this address that are held, or were, in row order. */
  rowNos: number[];
  /** How many of them are not in any batch yet. */
  unsentRows: number;
};

/** A first-payment address of a draft that has no test yet: what a test would send. */
export type TestPaymentOffer = {
  network: NetworkId;
  address: string;
  currency: string;
  amount: DecimalString;
  rowCount: number;
};

export type TestPaymentAmount = { currency: string; amount: DecimalString; isDefault: boolean };
