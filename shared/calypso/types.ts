/**
 * Calypso Payout API models, as documented in calypso-api.md (sections 3-5).
 *
 * Inside the app every amount is an exact decimal string (`DecimalString`); the wire format
 * writes them as JSON number literals, and `calypso/json.ts` converts between the two without
 * ever passing through a JS float.
 */
import type { DecimalString } from '../money';

/** Payout and mass payout lifecycle (calypso-api.md 5.5). */
export const PAYOUT_STATES = [
  'CREATION_IN_PROGRESS',
  'PENDING_CONFIRMATION',
  'CONFIRMED',
  'IN_PROGRESS',
  'COMPLETED',
  'FAILED',
  'CANCELED',
  'PARTIAL',
] as const;
export type PayoutState = (typeof PAYOUT_STATES)[number];

/**
 * Only `DRAFT` is confirmed by the docs (Q4); the rest mirror PayoutState and are what the
 * simulator emits. The type stays open so an unknown value from production is kept, not lost.
 */
export const KNOWN_WITHDRAWAL_STATES = [
  'DRAFT',
  'IN_PROGRESS',
  'COMPLETED',
  'FAILED',
  'CANCELED',
] as const;
export type KnownWithdrawalState = (typeof KNOWN_WITHDRAWAL_STATES)[number];
export type WithdrawalState = KnownWithdrawalState | (string & {});

/** Only `SUCCESS` is confirmed (Q5); `ERROR` is the simulator's guess. Open type. */
export type WithdrawalErrorStatus = 'SUCCESS' | 'ERROR' | (string & {});

/** Only `INTERNAL` is confirmed (Q6); `EXTERNAL` is inferred. Open type. */
export type BelongingType = 'INTERNAL' | 'EXTERNAL' | (string & {});

/** ISO-8601 UTC with milliseconds, e.g. `2025-06-30T16:56:37.160Z`. */
export type IsoDateTime = string;

export type WithdrawalError = {
  id: number;
  status: WithdrawalErrorStatus;
  errorResolved: boolean;
  errorMessage: string;
};

export type PayoutErrors = {
  withdrawalErrors: { withdrawalId: string; errors: WithdrawalError[] }[];
};

export type Cancellation = {
  canceledByUserId: string;
  canceledByFirstname: string;
  canceledByLastname: string;
  cancelMessage: string;
};

/** 5.1 PublicDealResponseDTO */
export type Payout = {
  id: string;
  account: string;
  depositAddress: string;
  amount: DecimalString;
  currency: string;
  calypsoFee: DecimalString | null;
  calypsoFeePercentage: DecimalString | null;
  state: PayoutState;
  createdDate: IsoDateTime;
  transactionHash: string | null;
  comment: string | null;
  executionDate: IsoDateTime | null;
  idempotencyKey: string | null;
  errors: PayoutErrors | null;
  cancellation: Cancellation | null;
  belongingType: BelongingType | null;
};

/** 5.2 */
export type MassPayout = {
  id: string;
  idempotencyKey: string | null;
  companyId: string | null;
  account: string;
  state: PayoutState;
  comment: string | null;
  name: string | null;
  currency: string;
  totalWithdrawalAmount: DecimalString;
  totalCalypsoFee: DecimalString | null;
  totalCalypsoFeePercentage: DecimalString | null;
  executionDate: IsoDateTime | null;
  errors: PayoutErrors | null;
};

/** 5.3: one on-chain transfer to one recipient. Has no link to its parent (read via dealId). */
export type Withdrawal = {
  id: string;
  account: string;
  companyName: string | null;
  amount: DecimalString;
  currency: string;
  state: WithdrawalState;
  calypsoFee: DecimalString | null;
  transactionHash: string | null;
  depositAddress: string;
  comment: string | null;
  createdDate: IsoDateTime;
  withdrawalErrors: WithdrawalError[];
  belongingType: BelongingType | null;
};

/** 5.6: `page` echoes the request, `total` counts pages, `totalElements` items (Q1, Q2). */
export type Page<T> = {
  result: T[];
  page: number;
  size: number;
  total: number;
  totalElements: number;
};

export type Balance = { currency: string; amount: DecimalString };

/** POST /api/v1/account */
export type Account = {
  account: string;
  name: string | null;
  ownerId: string;
  balances: Balance[];
};

// ---- Request payloads -------------------------------------------------------------------

/** 4.1 / 4.4: exactly one of the two. */
export type LookupRequest = { id: string } | { idempotencyKey: string };

/** 4.2 */
export type WithdrawalLookupRequest = { requestId: string };

/** 4.3: note `pageSize` here and `size` on the other lists (Q3). */
export type WithdrawalListRequest = {
  stateNames?: WithdrawalState[];
  pageNumber?: number;
  pageSize?: number;
  dealId?: string;
  idempotencyKey?: string;
};

/** 4.7 / 4.10 */
export type PayoutListRequest = {
  stateNames?: PayoutState[];
  isExecutionDateInFuture?: boolean;
  pageNumber?: number;
  size?: number;
};

export type MassAddress = {
  depositAddress: string;
  amount: DecimalString;
  comment?: string;
};

/** 4.5 */
export type MassPayoutCreateRequest = {
  currency: string;
  name?: string;
  comment?: string;
  massAddresses: MassAddress[];
  executionDate?: IsoDateTime;
  idempotencyKey?: string;
  externalId?: string;
};

/** 4.8 */
export type PayoutCreateRequest = {
  depositAddress: string;
  amount: DecimalString;
  currency: string;
  comment?: string;
  executionDate?: IsoDateTime;
  idempotencyKey?: string;
  externalId?: string;
};

/** 4.6 / 4.9: the client sends `dealId` (Q9). */
export type CancelRequest = {
  dealId?: string;
  idempotencyKey?: string;
  message?: string;
};

/** Error body for HTTP 400/500 (section 7). */
export type CalypsoErrorBody = {
  errorCode: string;
  message: string;
  traceId?: string;
};
