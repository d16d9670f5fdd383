/**
 * Payload validation for the payout endpoints: the shape with zod, then the shared payout
 * rules (shared/payout-rules.ts) that the app itself runs before signing. Every refusal is
 * an ApiError 001 whose message names the field, e.g. `massAddresses[3].amount: ...`; an
 * address that belongs to another chain is 015 (Q22).
 */
import { z } from 'zod';
import { KNOWN_WITHDRAWAL_STATES, PAYOUT_STATES } from '../../shared/calypso/types';
import type { PayoutState } from '../../shared/calypso/types';
import { normalizeDecimal, type DecimalString } from '../../shared/money';
import { massPayoutCap, type Currency, type MassPayoutLimits } from '../../shared/networks';
import {
  checkAmount,
  checkCurrency,
  checkDepositAddress,
  type RuleProblem,
} from '../../shared/payout-rules';
import { ApiError } from './api-error';
import type { NewRecipient } from './records';

type Issue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
};

function describeIssue(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'array' && Number(issue.minimum) === 1) return 'must not be empty';
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      if (issue.format === 'guid') return 'must be a UUID';
      if (issue.format === 'datetime') {
        return 'must be an ISO-8601 date-time such as 2025-06-30T16:56:37.160Z';
      }
      return undefined;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    default:
      return undefined;
  }
}

function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? 'payload' : out;
}

const MAX_LISTED_PROBLEMS = 10;

function joinProblems(problems: readonly string[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).join('; ');
  const more = problems.length - MAX_LISTED_PROBLEMS;
  return more > 0 ? `${listed}; and ${more} more problem(s)` : listed;
}

function parseWith<T extends z.ZodType>(schema: T, payload: unknown): z.output<T> {
  const result = schema.safeParse(payload, { error: describeIssue });
  if (result.success) return result.data;
  throw new ApiError(
    '001',
    joinProblems(result.error.issues.map((issue) => `${fieldName(issue.path)}: ${issue.message}`)),
  );
}

function ruleError(problems: readonly RuleProblem[]): ApiError {
  const code = problems.every((problem) => problem.code === 'ADDRESS_WRONG_NETWORK')
    ? '015'
    : '001';
  return new ApiError(code, joinProblems(problems.map((p) => `${p.field}: ${p.message}`)));
}

// ---- field schemas -------------------------------------------------------------------------

// Jackson would coerce a JSON number into a String id, so an integer id is accepted too.
const objectId = z
  .union([z.string().min(1), z.int().nonnegative()], {
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string id'),
  })
  .transform(String);
// Amounts arrive as exact decimal strings from the lossless parser, whether the client sent a
// JSON number or (as Jackson also accepts) a string.
const amount = z.string({
  error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number'),
});
const text = z.string().nullish();
const uuid = z
  .guid()
  .nullish()
  .transform((value) => (value == null ? null : value.toLowerCase()));
const dateTime = z.iso.datetime({ offset: true }).nullish();
const pageNumber = z.int().min(1).nullish();
const pageSize = z.int().min(1).nullish();

const createPayoutSchema = z.object({
  depositAddress: z.string(),
  amount,
  currency: z.string().min(1),
  comment: text,
  executionDate: dateTime,
  idempotencyKey: uuid,
  externalId: text,
});

const createMassSchema = z.object({
  currency: z.string().min(1),
  name: text,
  comment: text,
  massAddresses: z.array(z.object({ depositAddress: z.string(), amount, comment: text })).min(1),
  executionDate: dateTime,
  idempotencyKey: uuid,
  externalId: text,
});

const lookupSchema = z.object({ id: objectId.nullish(), idempotencyKey: uuid });
const withdrawalLookupSchema = z.object({ requestId: objectId });
const cancelSchema = z.object({
  dealId: objectId.nullish(),
  idempotencyKey: uuid,
  message: text,
});
const payoutListSchema = z.object({
  stateNames: z.array(z.enum(PAYOUT_STATES)).nullish(),
  isExecutionDateInFuture: z.boolean().nullish(),
  pageNumber,
  size: pageSize,
});
const withdrawalListSchema = z.object({
  stateNames: z.array(z.enum(KNOWN_WITHDRAWAL_STATES)).nullish(),
  pageNumber,
  pageSize,
  dealId: objectId.nullish(),
  idempotencyKey: uuid,
});

// ---- validated payloads --------------------------------------------------------------------

type CreateCommon = {
  currency: Currency;
  comment: string | null;
  executionAt: number | null;
  idempotencyKey: string | null;
  externalId: string | null;
};

export type ValidSinglePayout = CreateCommon & { depositAddress: string; amount: DecimalString };
export type ValidMassPayout = CreateCommon & { name: string | null; recipients: NewRecipient[] };

/** Exactly what identifies one payout: `id`, `idempotencyKey`, or both (then they must agree). */
export type PayoutRef = { id: string | null; idempotencyKey: string | null };

export type Paging = { page: number; size: number };
export type ValidPayoutList = Paging & {
  states?: PayoutState[];
  executionInFuture?: boolean;
};
export type ValidWithdrawalList = Paging & {
  states?: string[];
  dealId: string | null;
  idempotencyKey: string | null;
};
export type ValidCancel = PayoutRef & { message: string | null };

export const DEFAULT_PAGE_SIZE = 10;

function currencyOf(code: string): Currency {
  const found = checkCurrency(code);
  if ('field' in found) throw ruleError([found]);
  return found;
}

function executionAtOf(value: string | null | undefined): number | null {
  return value == null ? null : Date.parse(value);
}

export function validateCreatePayout(payload: unknown): ValidSinglePayout {
  const input = parseWith(createPayoutSchema, payload);
  const currency = currencyOf(input.currency);
  const problems = [
    ...checkDepositAddress(input.depositAddress, currency),
    ...checkAmount(input.amount, currency),
  ];
  if (problems.length > 0) throw ruleError(problems);
  return {
    currency,
    depositAddress: input.depositAddress,
    amount: normalizeDecimal(input.amount),
    comment: input.comment ?? null,
    executionAt: executionAtOf(input.executionDate),
    idempotencyKey: input.idempotencyKey,
    externalId: input.externalId ?? null,
  };
}

export function validateCreateMass(payload: unknown, limits: MassPayoutLimits): ValidMassPayout {
  const input = parseWith(createMassSchema, payload);
  const currency = currencyOf(input.currency);
  const cap = massPayoutCap(currency.code, limits);
  if (input.massAddresses.length > cap) {
    throw new ApiError(
      '001',
      `massAddresses: ${input.massAddresses.length} recipients exceed the limit of ${cap} per ${currency.code} mass payout`,
    );
  }
  const problems: RuleProblem[] = [];
  input.massAddresses.forEach((entry, index) => {
    const prefix = `massAddresses[${index}]`;
    problems.push(
      ...checkDepositAddress(entry.depositAddress, currency, `${prefix}.depositAddress`),
      ...checkAmount(entry.amount, currency, `${prefix}.amount`),
    );
  });
  if (problems.length > 0) throw ruleError(problems);
  return {
    currency,
    name: input.name ?? null,
    comment: input.comment ?? null,
    recipients: input.massAddresses.map((entry) => ({
      depositAddress: entry.depositAddress,
      amount: normalizeDecimal(entry.amount),
      comment: entry.comment ?? null,
    })),
    executionAt: executionAtOf(input.executionDate),
    idempotencyKey: input.idempotencyKey,
    externalId: input.externalId ?? null,
  };
}

export function validateLookup(payload: unknown): PayoutRef {
  const input = parseWith(lookupSchema, payload);
  if (input.id == null && input.idempotencyKey === null) {
    throw new ApiError('001', 'id: either id or idempotencyKey is required');
  }
  return { id: input.id ?? null, idempotencyKey: input.idempotencyKey };
}

export function validateWithdrawalLookup(payload: unknown): string {
  return parseWith(withdrawalLookupSchema, payload).requestId;
}

export function validateCancel(payload: unknown): ValidCancel {
  const input = parseWith(cancelSchema, payload);
  if (input.dealId == null && input.idempotencyKey === null) {
    throw new ApiError('001', 'dealId: either dealId or idempotencyKey is required');
  }
  return {
    id: input.dealId ?? null,
    idempotencyKey: input.idempotencyKey,
    message: input.message ?? null,
  };
}

function paging(
  pageNumberValue: number | null | undefined,
  sizeValue: number | null | undefined,
  sizeField: 'size' | 'pageSize',
  maxPageSize: number,
): Paging {
  const size = sizeValue ?? DEFAULT_PAGE_SIZE;
  if (size > maxPageSize) throw new ApiError('001', `${sizeField}: must be at most ${maxPageSize}`);
  return { page: pageNumberValue ?? 1, size };
}

export function validatePayoutList(payload: unknown, maxPageSize: number): ValidPayoutList {
  const input = parseWith(payoutListSchema, payload);
  return {
    ...paging(input.pageNumber, input.size, 'size', maxPageSize),
    // An empty list filters nothing, like a missing one.
    ...(input.stateNames != null && input.stateNames.length > 0 && { states: input.stateNames }),
    ...(input.isExecutionDateInFuture != null && {
      executionInFuture: input.isExecutionDateInFuture,
    }),
  };
}

export function validateWithdrawalList(payload: unknown, maxPageSize: number): ValidWithdrawalList {
  const input = parseWith(withdrawalListSchema, payload);
  return {
    ...paging(input.pageNumber, input.pageSize, 'pageSize', maxPageSize),
    ...(input.stateNames != null && input.stateNames.length > 0 && { states: input.stateNames }),
    dealId: input.dealId ?? null,
    idempotencyKey: input.idempotencyKey,
  };
}
