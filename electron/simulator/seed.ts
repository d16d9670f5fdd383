/**
 * Writes payout history straight into the store: `seedPayouts` for bulk data in tests
 * (10,000+ rows in one transaction) and `seedDemo` for the realistic history a new user of
 * the built-in simulator sees. Each record is built in its initial state and driven through
 * the same lifecycle functions the engine uses, so seeded payouts look exactly like ones
 * made through the API. Seeded failures are decided up front (`forceFail`) instead of
 * through the fail list. Non-final seeded payouts are scheduled to move on from now.
 */
import { createHash } from 'node:crypto';
import type { Cancellation, PayoutState } from '../../shared/calypso/types';
import { encodeAddress } from '../../shared/address';
import { normalizeDecimal, type DecimalString } from '../../shared/money';
import { CURRENCIES, findCurrency, type Currency } from '../../shared/networks';
import { checkAmount } from '../../shared/payout-rules';
import {
  applyNextTransition,
  cancelBundle,
  dueAfter,
  initialState,
  type LifecycleConfig,
} from './lifecycle';
import type { SimConfig } from './options';
import { createRandom, uuidFromBytes, type Random } from './random';
import {
  buildMassPayout,
  buildSinglePayout,
  type Bundle,
  type Merchant,
  type NewRecipient,
  type PayoutKind,
} from './records';
import type { SimStore } from './store';

export type SeedPayoutsOptions = {
  /** Merchant account to seed; the demo merchant when absent. */
  account?: string;
  kind?: PayoutKind;
  /** Default USDT_TRX. */
  currency?: string;
  /** Default COMPLETED. PARTIAL needs kind 'mass'; CREATION_IN_PROGRESS too. */
  state?: PayoutState;
  /** Same amount for every recipient; varied deterministic amounts when absent. */
  amount?: DecimalString;
  /** Recipients per mass payout, default 3. */
  recipients?: number;
  /** createdDate is spread evenly over this span ending now, oldest first (default 30 days). */
  spanMs?: number;
  /** PRNG seed for the recipient addresses. */
  seed?: number;
};

export type SeedContext = {
  store: SimStore;
  config: SimConfig;
  now: number;
  merchant: Merchant;
};

type HistorySpec = {
  kind: PayoutKind;
  currency: Currency;
  createdAt: number;
  executionAt: number | null;
  target: PayoutState;
  recipients: NewRecipient[];
  name: string | null;
  comment: string | null;
  externalId: string | null;
  cancellation?: Cancellation;
  /** Earliest moment a non-final payout may move on (keeps demo items in their state). */
  holdUntil?: number;
};

const DAY_MS = 86_400_000;

function uuidFrom(random: Random): string {
  return uuidFromBytes(random.bytes(16));
}

/** Unique however often the same seed is used: keys must never collide (016). */
function keyFor(account: string, payoutId: string): string {
  return uuidFromBytes(
    createHash('sha256').update(`${account}:${payoutId}`).digest().subarray(0, 16),
  );
}

/** Builds one payout as if it had lived until now and ended in (or still sits in) `target`. */
function writeHistory(context: SeedContext, spec: HistorySpec): Bundle {
  const { store, config, merchant } = context;
  const lifecycle: LifecycleConfig = {
    verification: spec.target === 'PENDING_CONFIRMATION' || config.verification,
    delays: config.delays,
  };
  const state = initialState(spec.kind, lifecycle);
  const id = store.allocateId();
  const common = {
    id,
    merchant,
    currency: spec.currency,
    comment: spec.comment,
    executionAt: spec.executionAt,
    // Seeded payouts carry a key, as the app always sends one.
    idempotencyKey: keyFor(merchant.account, id),
    externalId: spec.externalId,
    createdAt: spec.createdAt,
    feePercentage: config.feePercentage,
    state,
  };
  const firstRecipient = spec.recipients[0];
  if (!firstRecipient) throw new RangeError('a seeded payout needs a recipient');
  const bundle =
    spec.kind === 'single'
      ? buildSinglePayout({
          ...common,
          withdrawalId: store.allocateId(),
          recipient: firstRecipient,
        })
      : buildMassPayout({
          ...common,
          name: spec.name,
          withdrawalIds: spec.recipients.map(() => store.allocateId()),
          recipients: spec.recipients,
        });
  const { payout } = bundle;
  payout.dueAt = dueAfter(state, spec.createdAt, spec.executionAt, config.delays);
  if (spec.target === 'CANCELED') {
    cancelBundle(
      bundle,
      spec.cancellation ?? {
        canceledByUserId: merchant.ownerId,
        canceledByFirstname: 'Demo',
        canceledByLastname: 'Operator',
        cancelMessage: 'Canceled',
      },
    );
  } else {
    while (payout.view.state !== spec.target && payout.dueAt !== null) {
      applyNextTransition(bundle, payout.dueAt, lifecycle, () => false);
    }
    if (payout.view.state !== spec.target) {
      throw new RangeError(`a ${spec.kind} payout cannot be seeded in state ${spec.target}`);
    }
    if (payout.dueAt !== null) {
      // Still moving: continue from now (or later), not from a moment long past.
      const from = Math.max(context.now, spec.holdUntil ?? 0);
      payout.dueAt = Math.max(
        payout.dueAt,
        dueAfter(payout.view.state, from, payout.executionAt, config.delays) ?? from,
      );
    }
  }
  store.insertBundle(bundle);
  return bundle;
}

// ---- bulk seeding --------------------------------------------------------------------------

function bulkSpecState(kind: PayoutKind, state: PayoutState, recipients: number): void {
  if (kind === 'single' && (state === 'PARTIAL' || state === 'CREATION_IN_PROGRESS')) {
    throw new RangeError(`a single payout is never ${state}`);
  }
  if (state === 'PARTIAL' && recipients < 2) {
    throw new RangeError('a PARTIAL mass payout needs at least 2 recipients');
  }
}

/** Seeds `count` payouts in one transaction; returns their ids, oldest first. */
export function seedPayouts(
  context: SeedContext,
  count: number,
  options: SeedPayoutsOptions = {},
): string[] {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  }
  const kind = options.kind ?? 'single';
  const state = options.state ?? 'COMPLETED';
  const recipientCount = kind === 'single' ? 1 : (options.recipients ?? 3);
  if (!Number.isSafeInteger(recipientCount) || recipientCount < 1) {
    throw new RangeError('recipients must be a positive integer');
  }
  bulkSpecState(kind, state, recipientCount);
  const currency = findCurrency(options.currency ?? 'USDT_TRX');
  if (!currency) throw new RangeError(`unknown currency ${options.currency ?? ''}`);
  const amountProblem =
    options.amount === undefined ? undefined : checkAmount(options.amount, currency)[0];
  if (amountProblem) throw new RangeError(`amount: ${amountProblem.message}`);
  const spanMs = options.spanMs ?? 30 * DAY_MS;
  const random = createRandom(options.seed ?? count);
  const ids: string[] = [];
  context.store.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const recipients: NewRecipient[] = [];
      for (let r = 0; r < recipientCount; r += 1) {
        const n = i * recipientCount + r;
        recipients.push({
          depositAddress: encodeAddress(currency.network, random.bytes(20)),
          amount:
            options.amount ??
            normalizeDecimal(`${(n % 997) + 1}.${String(n % 100).padStart(2, '0')}`),
          comment: null,
          forceFail: state === 'FAILED' || (state === 'PARTIAL' && r === 0),
        });
      }
      const bundle = writeHistory(context, {
        kind,
        currency,
        createdAt: context.now - spanMs + Math.floor(((i + 1) * spanMs) / Math.max(count, 1)) - 1,
        executionAt: null,
        target: state,
        recipients,
        name: kind === 'mass' ? `Seeded batch ${i + 1}` : null,
        comment: `Seeded payout ${i + 1}`,
        externalId: `SEED-${i + 1}`,
      });
      ids.push(bundle.payout.id);
    }
  });
  return ids;
}

// ---- demo history --------------------------------------------------------------------------

type AmountProfile = { intMin: number; intMax: number; places: number };

const AMOUNT_PROFILES: Record<string, AmountProfile> = {
  BTC: { intMin: 0, intMax: 1, places: 8 },
  ETH: { intMin: 0, intMax: 3, places: 18 },
  BNB: { intMin: 0, intMax: 12, places: 6 },
  MATIC: { intMin: 10, intMax: 9000, places: 4 },
  TRX: { intMin: 50, intMax: 40000, places: 2 },
  XDG: { intMin: 100, intMax: 50000, places: 2 },
};
const STABLE_PROFILE: AmountProfile = { intMin: 10, intMax: 4800, places: 2 };

function demoAmount(random: Random, currency: Currency): DecimalString {
  const profile = AMOUNT_PROFILES[currency.code] ?? STABLE_PROFILE;
  // Most ETH payouts are round-ish; some carry all 18 decimals, as real wallets produce.
  const places =
    currency.code === 'ETH' && random.next() < 0.6
      ? 4
      : Math.min(profile.places, currency.decimals);
  let fraction = '';
  for (let i = 0; i < places; i += 1) fraction += String(random.int(0, 9));
  const amount = normalizeDecimal(
    `${random.int(profile.intMin, profile.intMax)}.${fraction || '0'}`,
  );
  return amount === '0' ? '1' : amount;
}

const SINGLE_COMMENTS = [
  'Invoice INV-{n}',
  'Refund for order #{n}',
  'Freelancer payment, design sprint',
  'Affiliate commission',
  'Supplier settlement',
  'Withdrawal request #{n}',
  'Performance bonus',
  'Market maker rebate',
];
const MASS_NAMES = [
  'Affiliate commissions',
  'Contractor payroll',
  'Creator rewards',
  'Refund batch',
  'Partner revenue share',
  'Bug bounty rewards',
];
const CANCELLERS = [
  { canceledByFirstname: 'Maria', canceledByLastname: 'Keller' },
  { canceledByFirstname: 'Tomás', canceledByLastname: 'Ortega' },
  { canceledByFirstname: 'Aiko', canceledByLastname: 'Tanaka' },
];
const CANCEL_MESSAGES = [
  'Wrong amount, will resend',
  'Recipient asked to change the wallet',
  'Duplicate of an earlier payout',
  'Scheduled by mistake',
  'Budget approval withdrawn',
];

type DemoPlan = { state: PayoutState; count: number };

const SINGLE_PLAN: readonly DemoPlan[] = [
  { state: 'COMPLETED', count: 150 },
  { state: 'FAILED', count: 24 },
  { state: 'CANCELED', count: 24 },
  { state: 'CONFIRMED', count: 18 },
  { state: 'IN_PROGRESS', count: 12 },
  { state: 'PENDING_CONFIRMATION', count: 12 },
];
const MASS_PLAN: readonly DemoPlan[] = [
  { state: 'COMPLETED', count: 30 },
  { state: 'PARTIAL', count: 10 },
  { state: 'FAILED', count: 5 },
  { state: 'CANCELED', count: 7 },
  { state: 'CONFIRMED', count: 4 },
  { state: 'IN_PROGRESS', count: 3 },
  { state: 'PENDING_CONFIRMATION', count: 3 },
];

function shuffled<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    const a = items[i];
    const b = items[j];
    if (a === undefined || b === undefined) continue;
    items[i] = b;
    items[j] = a;
  }
  return items;
}

function fill(template: string, random: Random): string {
  return template.replace('{n}', String(random.int(10_000, 99_999)));
}

function demoSpec(
  context: SeedContext,
  random: Random,
  kind: PayoutKind,
  state: PayoutState,
  currency: Currency,
): HistorySpec {
  const { now } = context;
  let createdAt = now - random.int(DAY_MS, 90 * DAY_MS);
  let executionAt: number | null = null;
  let holdUntil: number | undefined;
  if (state === 'CONFIRMED') {
    // Scheduled: created lately, executing within the next month.
    createdAt = now - random.int(60_000, 10 * DAY_MS);
    executionAt = now + random.int(DAY_MS, 30 * DAY_MS);
  } else if (state === 'IN_PROGRESS') {
    createdAt = now - random.int(60_000, 3_600_000);
    holdUntil = now + random.int(2 * 60_000, 45 * 60_000);
  } else if (state === 'PENDING_CONFIRMATION') {
    createdAt = now - random.int(60_000, 6 * 3_600_000);
    holdUntil = now + random.int(3_600_000, 6 * 3_600_000);
  } else if (random.next() < 0.15) {
    // Some past payouts were scheduled, and ran at their date.
    executionAt = createdAt + random.int(3_600_000, 3 * DAY_MS);
  }
  const recipientCount = kind === 'single' ? 1 : random.int(3, 25);
  const failing =
    state === 'FAILED'
      ? recipientCount
      : state === 'PARTIAL'
        ? random.int(1, recipientCount - 1)
        : 0;
  const recipients: NewRecipient[] = [];
  for (let r = 0; r < recipientCount; r += 1) {
    recipients.push({
      depositAddress: encodeAddress(currency.network, random.bytes(20)),
      amount: demoAmount(random, currency),
      comment: kind === 'mass' && random.next() < 0.7 ? `Payee ${random.int(100, 999)}` : null,
      forceFail: r < failing,
    });
  }
  const batchName = `${random.pick(MASS_NAMES)}, ${new Date(createdAt).toISOString().slice(0, 7)}`;
  const canceller = random.pick(CANCELLERS);
  return {
    kind,
    currency,
    createdAt,
    executionAt,
    target: state,
    recipients: kind === 'mass' ? shuffled(random, recipients) : recipients,
    name: kind === 'mass' ? batchName : null,
    comment:
      kind === 'mass'
        ? random.next() < 0.5
          ? `Approved by finance, ticket FIN-${random.int(100, 999)}`
          : null
        : random.next() < 0.85
          ? fill(random.pick(SINGLE_COMMENTS), random)
          : null,
    externalId: `ERP-${random.int(100_000, 999_999)}`,
    cancellation: {
      canceledByUserId: uuidFrom(random),
      ...canceller,
      cancelMessage: random.pick(CANCEL_MESSAGES),
    },
    ...(holdUntil !== undefined && { holdUntil }),
  };
}

/** Fills the merchant with a few hundred payouts across every currency and state. */
export function seedDemo(context: SeedContext, seed = 20_240_601): number {
  const random = createRandom(seed);
  const specs: HistorySpec[] = [];
  let currencyIndex = 0;
  // Round-robin over currencies so every currency appears in every state group.
  const nextCurrency = (): Currency => {
    const currency = CURRENCIES[currencyIndex % CURRENCIES.length];
    currencyIndex += 1;
    if (!currency) throw new Error('no currencies');
    return currency;
  };
  for (const [kind, plan] of [
    ['single', SINGLE_PLAN],
    ['mass', MASS_PLAN],
  ] as const) {
    for (const { state, count } of plan) {
      for (let i = 0; i < count; i += 1) {
        specs.push(demoSpec(context, random, kind, state, nextCurrency()));
      }
    }
  }
  // Ids grow with creation time, as they would have on the real server.
  specs.sort((a, b) => a.createdAt - b.createdAt);
  context.store.transaction(() => {
    for (const spec of specs) writeHistory(context, spec);
  });
  return specs.length;
}
