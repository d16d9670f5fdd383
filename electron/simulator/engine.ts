/**
 * Moves stored payouts through their states as the simulator clock passes, creates and
 * cancels them. Transitions are applied lazily: before every API request the engine
 * replays every transition that fell due up to now(), each at the moment it was due (see
 * lifecycle.ts). Tests therefore `advance()` the clock and read deterministic states.
 *
 * Failure rule: see fail-list.ts (API payouts fail only for addresses on the fail list;
 * seeded history carries its own pre-decided outcomes).
 */
import { isCancellablePayoutState } from '../../shared/calypso/states';
import type { Cancellation } from '../../shared/calypso/types';
import { ApiError } from './api-error';
import { debitNewPayout, refundUnsent } from './balance';
import type { FailList } from './fail-list';
import {
  applyNextTransition,
  cancelBundle,
  dueAfter,
  initialState,
  type FailRule,
  type LifecycleConfig,
} from './lifecycle';
import type { SimConfig } from './options';
import {
  buildMassPayout,
  buildSinglePayout,
  type Bundle,
  type Merchant,
  type PayoutRecord,
} from './records';
import type { SimStore } from './store';
import type { ValidMassPayout, ValidSinglePayout } from './validate';

/** The fixed user an API cancel is attributed to. */
export const API_CANCEL_USER = {
  canceledByUserId: '00000000-0000-4000-8000-00000000a91a',
  canceledByFirstname: 'API',
  canceledByLastname: 'User',
} as const;

export const DEFAULT_CANCEL_MESSAGE = 'Canceled via API';

const CATCH_UP_BATCH = 256;

export class Engine {
  private readonly store: SimStore;
  private readonly config: SimConfig;
  private readonly failRule: FailRule;

  constructor(store: SimStore, config: SimConfig, failList: FailList) {
    this.store = store;
    this.config = config;
    this.failRule = (withdrawal) => failList.has(withdrawal.view.depositAddress);
  }

  get lifecycle(): LifecycleConfig {
    return { verification: this.config.verification, delays: this.config.delays };
  }

  /** Applies every transition due at or before `now`; returns how many were applied. */
  catchUp(now: number): number {
    return this.store.transaction(() => {
      let applied = 0;
      for (;;) {
        const ids = this.store.duePayoutIds(now, CATCH_UP_BATCH);
        if (ids.length === 0) return applied;
        for (const id of ids) {
          const payout = this.store.payoutById(id);
          if (!payout || payout.dueAt === null) continue;
          // Only starting and finishing touch withdrawals; skip loading them otherwise.
          const touchesWithdrawals = ['CONFIRMED', 'IN_PROGRESS'].includes(payout.view.state);
          const bundle: Bundle = touchesWithdrawals
            ? this.store.bundleOf(payout)
            : { payout, withdrawals: [] };
          const result = applyNextTransition(bundle, payout.dueAt, this.lifecycle, this.failRule);
          if (result.withdrawalsChanged) refundUnsent(this.store, bundle.withdrawals);
          this.store.updatePayout(bundle.payout);
          if (result.withdrawalsChanged) this.store.updateWithdrawals(bundle.withdrawals);
          applied += 1;
        }
      }
    });
  }

  private refuseReusedKey(account: string, idempotencyKey: string | null): void {
    if (idempotencyKey !== null && this.store.findPayoutByKey(account, idempotencyKey)) {
      throw new ApiError('016', `IdempotencyKey ${idempotencyKey} already exists`);
    }
  }

  /** The key check comes first: a replay of an accepted create is 016, never "no funds". */
  private insertNew(bundle: Bundle, now: number): PayoutRecord {
    const { payout } = bundle;
    debitNewPayout(this.store, bundle);
    payout.dueAt = dueAfter(payout.view.state, now, payout.executionAt, this.config.delays);
    this.store.insertBundle(bundle);
    return payout;
  }

  createSingle(merchant: Merchant, input: ValidSinglePayout, now: number): PayoutRecord {
    return this.store.transaction(() => {
      this.refuseReusedKey(merchant.account, input.idempotencyKey);
      const bundle = buildSinglePayout({
        ...input,
        id: this.store.allocateId(),
        withdrawalId: this.store.allocateId(),
        merchant,
        recipient: { depositAddress: input.depositAddress, amount: input.amount, comment: null },
        createdAt: now,
        feePercentage: this.config.feePercentage,
        state: initialState('single', this.lifecycle),
      });
      return this.insertNew(bundle, now);
    });
  }

  createMass(merchant: Merchant, input: ValidMassPayout, now: number): PayoutRecord {
    return this.store.transaction(() => {
      this.refuseReusedKey(merchant.account, input.idempotencyKey);
      const id = this.store.allocateId();
      const bundle = buildMassPayout({
        ...input,
        id,
        withdrawalIds: input.recipients.map(() => this.store.allocateId()),
        merchant,
        createdAt: now,
        feePercentage: this.config.feePercentage,
        state: initialState('mass', this.lifecycle),
      });
      return this.insertNew(bundle, now);
    });
  }

  /** Cancels from a cancellable state (Q8); anything else, a second cancel included, is 012. */
  cancel(payout: PayoutRecord, message: string | null): PayoutRecord {
    return this.store.transaction(() => {
      if (!isCancellablePayoutState(payout.view.state)) {
        throw new ApiError(
          '012',
          `Invalid payout state: payout ${payout.id} is ${payout.view.state} and cannot be canceled`,
        );
      }
      const bundle = this.store.bundleOf(payout);
      const cancellation: Cancellation = {
        ...API_CANCEL_USER,
        cancelMessage: message ?? DEFAULT_CANCEL_MESSAGE,
      };
      cancelBundle(bundle, cancellation);
      refundUnsent(this.store, bundle.withdrawals);
      this.store.updatePayout(bundle.payout);
      this.store.updateWithdrawals(bundle.withdrawals);
      return bundle.payout;
    });
  }
}
