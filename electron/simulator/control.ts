/**
 * The control API for tests and the app: unsigned, under /__simulator/, and reachable only
 * because the server listens on 127.0.0.1. Faults never apply here. Endpoints (JSON bodies):
 *
 *   GET  /__simulator/state            -> { now, clockOffsetMs, account, counts, faults,
 *                                           failAddresses, verification }
 *   POST /__simulator/advance          { ms }                  -> { now }
 *   POST /__simulator/clock            { offsetMs }            -> { now, offsetMs }
 *   POST /__simulator/faults           { latencyMs?, errorRate?, dropRate?, failNext?,
 *                                        dropNext? }           -> the fault settings now
 *   POST /__simulator/fail-addresses   { add?: [..], remove?: [..] } -> { failAddresses }
 *   POST /__simulator/seed             { count, kind?, currency?, state?, amount?,
 *                                        recipients?, spanMs?, account? } -> { created, firstId, lastId }
 *   POST /__simulator/merchants        { name? }               -> { account, key, secret }
 *   POST /__simulator/settings         { verification? }       -> { verification }
 *   POST /__simulator/balances         { currency, amount, account? } -> { account, balances }
 *        (amount read losslessly, as a string or a number literal; the demo merchant when
 *        no account is given)
 *
 * Errors answer HTTP 400 `{ errorCode: "001", message }`.
 */
import { z } from 'zod';
import { parseCalypsoJson } from '../../shared/calypso/json';
import { PAYOUT_STATES } from '../../shared/calypso/types';
import { setBalance } from './balance';
import type { SimClock } from './clock';
import type { Engine } from './engine';
import type { FailList } from './fail-list';
import type { FaultInjector } from './faults';
import type { MerchantCredentials, NewMerchantOptions } from './merchants';
import type { SimConfig } from './options';
import type { SeedPayoutsOptions } from './seed';
import type { SimStore } from './store';

export const CONTROL_PREFIX = '/__simulator/';

export type ControlDeps = {
  clock: SimClock;
  store: SimStore;
  engine: Engine;
  faults: FaultInjector;
  failList: FailList;
  config: SimConfig;
  demoAccount: string;
  seedPayouts: (count: number, options: SeedPayoutsOptions) => string[];
  addMerchant: (options: NewMerchantOptions) => MerchantCredentials;
};

export type ControlResponse = { status: number; body: string };

const advanceSchema = z.object({ ms: z.number() });
const clockSchema = z.object({ offsetMs: z.number() });
const failAddressesSchema = z.object({
  add: z.array(z.string().min(1)).optional(),
  remove: z.array(z.string()).optional(),
});
const seedSchema = z.object({
  count: z.int().min(0).max(1_000_000),
  kind: z.enum(['single', 'mass']).optional(),
  currency: z.string().optional(),
  state: z.enum(PAYOUT_STATES).optional(),
  amount: z.string().optional(),
  recipients: z.int().min(1).optional(),
  spanMs: z.int().min(0).optional(),
  account: z.string().optional(),
  seed: z.int().optional(),
});
const merchantSchema = z.object({ name: z.string().min(1).optional() });
const settingsSchema = z.object({ verification: z.boolean().optional() });
// `amount` is a money field, so parseCalypsoJson already made an exact decimal string of it.
const balanceSchema = z.object({
  currency: z.string().min(1),
  amount: z.string({ error: 'expected a decimal string such as "12.5"' }),
  account: z.string().min(1).optional(),
});

class ControlError extends Error {}

function ok(value: unknown): ControlResponse {
  return { status: 200, body: JSON.stringify(value) };
}

function input<T extends z.ZodType>(schema: T, body: Buffer): z.output<T> {
  let parsed: unknown;
  try {
    parsed = body.length === 0 ? {} : parseCalypsoJson(body.toString('utf8'));
  } catch {
    throw new ControlError('body: not valid JSON');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw new ControlError(
      result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  }
  return result.data;
}

function state(deps: ControlDeps): ControlResponse {
  const now = deps.clock.now();
  deps.engine.catchUp(now);
  return ok({
    now,
    clockOffsetMs: deps.clock.offset,
    account: deps.demoAccount,
    counts: deps.store.counts(),
    faults: deps.faults.settings,
    failAddresses: deps.failList.list(),
    verification: deps.config.verification,
  });
}

function route(deps: ControlDeps, method: string, name: string, body: Buffer): ControlResponse {
  if (method === 'GET' && name === 'state') return state(deps);
  if (method !== 'POST') throw new ControlError(`no control endpoint ${method} ${name}`);
  switch (name) {
    case 'advance':
      return ok({ now: deps.clock.advance(input(advanceSchema, body).ms) });
    case 'clock':
      deps.clock.setOffset(input(clockSchema, body).offsetMs);
      return ok({ now: deps.clock.now(), offsetMs: deps.clock.offset });
    case 'faults':
      return ok(deps.faults.update(input(z.record(z.string(), z.unknown()), body)));
    case 'fail-addresses': {
      const request = input(failAddressesSchema, body);
      for (const address of request.add ?? []) deps.failList.add(address);
      for (const address of request.remove ?? []) deps.failList.remove(address);
      return ok({ failAddresses: deps.failList.list() });
    }
    case 'seed': {
      const { count, ...options } = input(seedSchema, body);
      const ids = deps.seedPayouts(count, options);
      return ok({ created: ids.length, firstId: ids[0] ?? null, lastId: ids.at(-1) ?? null });
    }
    case 'merchants':
      return ok(deps.addMerchant(input(merchantSchema, body)));
    case 'balances': {
      const request = input(balanceSchema, body);
      const account = request.account ?? deps.demoAccount;
      setBalance(deps.store, { ...request, account });
      return ok({ account, balances: deps.store.balancesOf(account) });
    }
    case 'settings': {
      const request = input(settingsSchema, body);
      if (request.verification !== undefined) deps.config.verification = request.verification;
      return ok({ verification: deps.config.verification });
    }
    default:
      throw new ControlError(`no control endpoint ${method} ${name}`);
  }
}

export function handleControl(
  deps: ControlDeps,
  method: string,
  path: string,
  body: Buffer,
): ControlResponse {
  try {
    return route(deps, method, path.slice(CONTROL_PREFIX.length), body);
  } catch (error) {
    // Bad control input (including a RangeError from a setter) is the caller's mistake.
    if (error instanceof ControlError || error instanceof RangeError) {
      return { status: 400, body: JSON.stringify({ errorCode: '001', message: error.message }) };
    }
    throw error;
  }
}
