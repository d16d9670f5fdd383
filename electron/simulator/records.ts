/**
 * The simulator's own records: the documented response object (`view`, exactly what the
 * API returns) plus what Calypso keeps but never returns (externalId, Q18), the scheduling
 * fields the engine needs, and the parent link a Withdrawal lacks (5.3). Builders here
 * create new payouts; lifecycle.ts moves them on.
 */
import { createHash } from 'node:crypto';
import type {
  Cancellation,
  MassPayout,
  Payout,
  PayoutState,
  Withdrawal,
} from '../../shared/calypso/types';
import { percentageOf, sumDecimals, type DecimalString } from '../../shared/money';
import type { Currency } from '../../shared/networks';

export type PayoutKind = 'single' | 'mass';

type RecordBase = {
  id: string;
  account: string;
  idempotencyKey: string | null;
  externalId: string | null;
  /** Simulator-clock milliseconds. */
  createdAt: number;
  executionAt: number | null;
  /** When the next automatic transition is due; null once nothing more happens on its own. */
  dueAt: number | null;
  /** Kept for mass payouts too, although the MassPayout model has no field to return it. */
  cancellation: Cancellation | null;
};

export type SinglePayoutRecord = RecordBase & { kind: 'single'; view: Payout };
export type MassPayoutRecord = RecordBase & { kind: 'mass'; view: MassPayout };
export type PayoutRecord = SinglePayoutRecord | MassPayoutRecord;

export type WithdrawalRecord = {
  id: string;
  parentId: string;
  account: string;
  createdAt: number;
  /** Seeded history only: the outcome was decided when the history was written. */
  forceFail: boolean;
  /**
   * True while its amount and fee are taken from the balance and not given back: set when the
   * API accepts the payout, cleared when it is cancelled or fails (balance.ts). Seeded
   * history never took money, so it never gives any back.
   */
  debited: boolean;
  view: Withdrawal;
};

/** A payout with its withdrawals (one for a single payout, one per recipient for a mass). */
export type Bundle = { payout: PayoutRecord; withdrawals: WithdrawalRecord[] };

export type Merchant = {
  account: string;
  key: string;
  secret: string;
  name: string;
  ownerId: string;
  companyId: string;
};

export type NewRecipient = {
  depositAddress: string;
  amount: DecimalString;
  comment: string | null;
  forceFail?: boolean;
};

type NewPayoutBase = {
  id: string;
  merchant: Merchant;
  currency: Currency;
  comment: string | null;
  executionAt: number | null;
  idempotencyKey: string | null;
  externalId: string | null;
  createdAt: number;
  feePercentage: DecimalString;
  state: PayoutState;
};

export type NewSinglePayout = NewPayoutBase & { withdrawalId: string; recipient: NewRecipient };
export type NewMassPayout = NewPayoutBase & {
  name: string | null;
  withdrawalIds: readonly string[];
  recipients: readonly NewRecipient[];
};

export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

function newWithdrawal(
  input: NewPayoutBase,
  id: string,
  recipient: NewRecipient,
): WithdrawalRecord {
  return {
    id,
    parentId: input.id,
    account: input.merchant.account,
    createdAt: input.createdAt,
    forceFail: recipient.forceFail ?? false,
    debited: false,
    view: {
      id,
      account: input.merchant.account,
      companyName: input.merchant.name,
      amount: recipient.amount,
      currency: input.currency.code,
      state: 'DRAFT',
      calypsoFee: percentageOf(recipient.amount, input.feePercentage, input.currency.decimals),
      transactionHash: null,
      depositAddress: recipient.depositAddress,
      comment: recipient.comment,
      createdDate: isoOf(input.createdAt),
      withdrawalErrors: [],
      belongingType: 'EXTERNAL',
    },
  };
}

function recordBase(input: NewPayoutBase): RecordBase {
  return {
    id: input.id,
    account: input.merchant.account,
    idempotencyKey: input.idempotencyKey,
    externalId: input.externalId,
    createdAt: input.createdAt,
    executionAt: input.executionAt,
    dueAt: null,
    cancellation: null,
  };
}

export function buildSinglePayout(input: NewSinglePayout): Bundle {
  const withdrawal = newWithdrawal(input, input.withdrawalId, input.recipient);
  const payout: SinglePayoutRecord = {
    ...recordBase(input),
    kind: 'single',
    view: {
      id: input.id,
      account: input.merchant.account,
      depositAddress: input.recipient.depositAddress,
      amount: input.recipient.amount,
      currency: input.currency.code,
      calypsoFee: withdrawal.view.calypsoFee,
      calypsoFeePercentage: input.feePercentage,
      state: input.state,
      createdDate: isoOf(input.createdAt),
      transactionHash: null,
      comment: input.comment,
      executionDate: input.executionAt === null ? null : isoOf(input.executionAt),
      idempotencyKey: input.idempotencyKey,
      errors: { withdrawalErrors: [] },
      cancellation: null,
      belongingType: 'EXTERNAL',
    },
  };
  return { payout, withdrawals: [withdrawal] };
}

export function buildMassPayout(input: NewMassPayout): Bundle {
  if (input.withdrawalIds.length !== input.recipients.length) {
    throw new RangeError('one withdrawal id per recipient is needed');
  }
  const withdrawals = input.recipients.map((recipient, index) =>
    newWithdrawal(input, input.withdrawalIds[index] ?? '', recipient),
  );
  const payout: MassPayoutRecord = {
    ...recordBase(input),
    kind: 'mass',
    view: {
      id: input.id,
      idempotencyKey: input.idempotencyKey,
      companyId: input.merchant.companyId,
      account: input.merchant.account,
      state: input.state,
      comment: input.comment,
      name: input.name,
      currency: input.currency.code,
      totalWithdrawalAmount: sumDecimals(input.recipients.map((entry) => entry.amount)),
      totalCalypsoFee: sumDecimals(withdrawals.map((entry) => entry.view.calypsoFee ?? '0')),
      totalCalypsoFeePercentage: input.feePercentage,
      executionDate: input.executionAt === null ? null : isoOf(input.executionAt),
      errors: { withdrawalErrors: [] },
    },
  };
  return { payout, withdrawals };
}

/**
 * A stable, realistic-looking transaction hash: 0x + 64 hex on EVM chains, bare 64 hex on
 * Bitcoin, Tron and Dogecoin. Derived from the withdrawal so a restart gives the same hash.
 */
export function transactionHashFor(currency: Currency, withdrawal: WithdrawalRecord): string {
  const hex = createHash('sha256')
    .update(`${withdrawal.account}:${withdrawal.id}:${withdrawal.view.depositAddress}`)
    .digest('hex');
  return ['ethereum', 'bsc', 'polygon'].includes(currency.network) ? `0x${hex}` : hex;
}
