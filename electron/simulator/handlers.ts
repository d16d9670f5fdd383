/**
 * The eleven Calypso endpoints (calypso-api.md section 4 and 6.3). A handler runs after
 * auth.ts accepted the request and the engine caught up to now(); it returns the exact JSON
 * text of the response (money written as exact number literals) or throws an ApiError.
 * Every lookup is confined to the requesting merchant's account.
 */
import { CALYPSO_PATHS } from '../../shared/calypso/endpoints';
import { stringifyCalypsoJson } from '../../shared/calypso/json';
import type { Account } from '../../shared/calypso/types';
import { ApiError } from './api-error';
import type { Engine } from './engine';
import type { SimConfig } from './options';
import type { Merchant, PayoutKind, PayoutRecord } from './records';
import type { ListResult, SimStore } from './store';
import {
  validateCancel,
  validateCreateMass,
  validateCreatePayout,
  validateLookup,
  validatePayoutList,
  validateWithdrawalList,
  validateWithdrawalLookup,
  type Paging,
  type PayoutRef,
} from './validate';

export type HandlerContext = {
  merchant: Merchant;
  now: number;
  store: SimStore;
  engine: Engine;
  config: SimConfig;
};

export type Route = {
  /** Writes are the requests whose response a dropRate / dropNext fault may lose. */
  write: boolean;
  /** The account endpoint has no payload; every payout endpoint requires one. */
  needsPayload: boolean;
  handle: (context: HandlerContext, payload: unknown) => string;
};

const KIND_LABEL: Record<PayoutKind, string> = { single: 'Payout', mass: 'Mass payout' };

/** Finds the payout named by id and/or idempotencyKey; both given must agree (Q9), else 001. */
function resolvePayout(context: HandlerContext, kind: PayoutKind, ref: PayoutRef): PayoutRecord {
  const { store, merchant } = context;
  if (ref.id !== null) {
    const byId = store.findPayout(merchant.account, kind, ref.id);
    if (!byId) throw new ApiError('004', `${KIND_LABEL[kind]} with id ${ref.id} not found`);
    if (ref.idempotencyKey !== null && byId.idempotencyKey !== ref.idempotencyKey) {
      throw new ApiError(
        '001',
        `idempotencyKey: ${ref.idempotencyKey} does not belong to ${KIND_LABEL[kind].toLowerCase()} ${ref.id}`,
      );
    }
    return byId;
  }
  const byKey =
    ref.idempotencyKey === null
      ? undefined
      : store.findPayoutByKey(merchant.account, ref.idempotencyKey);
  // Keys are unique across kinds, so a mass payout's key does not find a single payout.
  if (!byKey || byKey.kind !== kind) {
    throw new ApiError(
      '004',
      `${KIND_LABEL[kind]} with idempotencyKey ${ref.idempotencyKey ?? ''} not found`,
    );
  }
  return byKey;
}

function pageJson(list: ListResult, paging: Paging): string {
  const total = Math.ceil(list.totalElements / paging.size);
  return `{"result":[${list.items.join(',')}],"page":${paging.page},"size":${paging.size},"total":${total},"totalElements":${list.totalElements}}`;
}

function offsetOf(paging: Paging): number {
  return (paging.page - 1) * paging.size;
}

function viewJson(payout: PayoutRecord): string {
  return stringifyCalypsoJson(payout.view);
}

function getPayout(kind: PayoutKind): Route {
  return {
    write: false,
    needsPayload: true,
    handle: (context, payload) => viewJson(resolvePayout(context, kind, validateLookup(payload))),
  };
}

function cancelPayout(kind: PayoutKind): Route {
  return {
    write: true,
    needsPayload: true,
    handle: (context, payload) => {
      const request = validateCancel(payload);
      const payout = resolvePayout(context, kind, request);
      return viewJson(context.engine.cancel(payout, request.message));
    },
  };
}

function listPayouts(kind: PayoutKind): Route {
  return {
    write: false,
    needsPayload: true,
    handle: (context, payload) => {
      const request = validatePayoutList(payload, context.config.limits.maxPageSize);
      const list = context.store.listPayouts({
        account: context.merchant.account,
        kind,
        ...(request.states && { states: request.states }),
        ...(request.executionInFuture !== undefined && {
          executionInFuture: request.executionInFuture,
        }),
        now: context.now,
        limit: request.size,
        offset: offsetOf(request),
      });
      return pageJson(list, request);
    },
  };
}

const listWithdrawals: Route = {
  write: false,
  needsPayload: true,
  handle: (context, payload) => {
    const request = validateWithdrawalList(payload, context.config.limits.maxPageSize);
    const { account } = context.merchant;
    let parentId = request.dealId ?? undefined;
    if (request.idempotencyKey !== null) {
      // The key names the parent payout (Q9); a key and a dealId that disagree match nothing.
      const parent = context.store.findPayoutByKey(account, request.idempotencyKey);
      if (!parent || (parentId !== undefined && parent.id !== parentId)) {
        return pageJson({ items: [], totalElements: 0 }, request);
      }
      parentId = parent.id;
    }
    const list = context.store.listWithdrawals({
      account,
      ...(parentId !== undefined && { parentId }),
      ...(request.states && { states: request.states }),
      limit: request.size,
      offset: offsetOf(request),
    });
    return pageJson(list, request);
  },
};

const getWithdrawal: Route = {
  write: false,
  needsPayload: true,
  handle: (context, payload) => {
    const requestId = validateWithdrawalLookup(payload);
    const json = context.store.findWithdrawalJson(context.merchant.account, requestId);
    if (json === undefined) throw new ApiError('004', `Withdrawal with id ${requestId} not found`);
    return json;
  },
};

const createPayout: Route = {
  write: true,
  needsPayload: true,
  handle: (context, payload) =>
    viewJson(
      context.engine.createSingle(context.merchant, validateCreatePayout(payload), context.now),
    ),
};

const createMassPayout: Route = {
  write: true,
  needsPayload: true,
  handle: (context, payload) =>
    viewJson(
      context.engine.createMass(
        context.merchant,
        validateCreateMass(payload, context.config.limits.massPayout),
        context.now,
      ),
    ),
};

const getAccount: Route = {
  write: false,
  needsPayload: false,
  handle: ({ merchant, store }) => {
    const account: Account = {
      account: merchant.account,
      name: merchant.name,
      ownerId: merchant.ownerId,
      balances: store.balancesOf(merchant.account),
    };
    return stringifyCalypsoJson(account);
  },
};

export const API_ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  [CALYPSO_PATHS.getPayout, getPayout('single')],
  [CALYPSO_PATHS.getWithdrawal, getWithdrawal],
  [CALYPSO_PATHS.listWithdrawals, listWithdrawals],
  [CALYPSO_PATHS.getMassPayout, getPayout('mass')],
  [CALYPSO_PATHS.createMassPayout, createMassPayout],
  [CALYPSO_PATHS.cancelMassPayout, cancelPayout('mass')],
  [CALYPSO_PATHS.listMassPayouts, listPayouts('mass')],
  [CALYPSO_PATHS.createPayout, createPayout],
  [CALYPSO_PATHS.cancelPayout, cancelPayout('single')],
  [CALYPSO_PATHS.listPayouts, listPayouts('single')],
  [CALYPSO_PATHS.getAccount, getAccount],
]);
