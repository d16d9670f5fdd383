/**
 * A minimal Calypso client for the simulator tests: builds the envelope, serialises it once
 * with exact money literals, signs exactly those bytes and parses the reply losslessly.
 * Overrides let a test break one thing at a time (key, secret, account, timestamp, body).
 */
import { createHash } from 'node:crypto';
import { encodeAddress } from '../../../shared/address';
import { parseCalypsoJson, stringifyCalypsoJson } from '../../../shared/calypso/json';
import type {
  Account,
  CalypsoErrorBody,
  MassPayout,
  Page,
  Payout,
  Withdrawal,
} from '../../../shared/calypso/types';
import type { NetworkId } from '../../../shared/networks';
import { signBody } from '../../../electron/services/calypso/sign';

export type SimTarget = {
  baseUrl: string;
  merchant: { account: string; key: string; secret: string };
  clock: { now(): number };
};

export type Reply = {
  status: number;
  /** The raw response text, for checks on exact number literals. */
  text: string;
  /** Parsed with parseCalypsoJson: money fields are exact decimal strings. */
  body: unknown;
  date: string | null;
};

export type RequestOverrides = {
  key?: string;
  secret?: string;
  account?: string;
  timestamp?: unknown;
  /** Sent (and signed) instead of the built envelope. */
  rawBody?: string;
  /** Sent instead of the correct signature. */
  sign?: string;
  /** Leave `payload` out of the envelope. */
  noPayload?: boolean;
};

export async function signedRequest(
  target: SimTarget,
  path: string,
  payload?: unknown,
  overrides: RequestOverrides = {},
): Promise<Reply> {
  const envelope: Record<string, unknown> = {
    account: overrides.account ?? target.merchant.account,
    timestamp: overrides.timestamp ?? target.clock.now(),
  };
  if (!overrides.noPayload && payload !== undefined) envelope.payload = payload;
  const body = overrides.rawBody ?? stringifyCalypsoJson(envelope);
  const response = await fetch(`${target.baseUrl}${path}`, {
    method: 'POST',
    body,
    headers: {
      Key: overrides.key ?? target.merchant.key,
      Sign: overrides.sign ?? signBody(body, overrides.secret ?? target.merchant.secret),
      'Content-Type': 'application/json',
    },
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    body: text === '' ? undefined : parseCalypsoJson(text),
    date: response.headers.get('date'),
  };
}

/** Reads one field of a parsed JSON object (tests compare it with expect). */
export function field(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as Record<string, unknown>)[name];
}

/** The models a reply can be read as; the name keeps each test's expectation explicit. */
export type ReplyModels = {
  payout: Payout;
  mass: MassPayout;
  withdrawal: Withdrawal;
  account: Account;
  payouts: Page<Payout>;
  masses: Page<MassPayout>;
  withdrawals: Page<Withdrawal>;
  error: CalypsoErrorBody;
};

/** The parsed body read as a model: the simulator's replies are what the tests check. */
export function bodyAs<K extends keyof ReplyModels>(reply: Reply, _model: K): ReplyModels[K] {
  return reply.body as ReplyModels[K];
}

/** A valid, checksummed address of `network`, distinct for every `n`. */
export function addressOf(network: NetworkId, n: number): string {
  const bytes = createHash('sha256').update(`${network}:${n}`).digest().subarray(0, 20);
  return encodeAddress(network, bytes);
}

export function errorCodeOf(reply: Reply): unknown {
  return field(reply.body, 'errorCode');
}

/** POST (or GET without body) to the unsigned control API. */
export async function control(
  baseUrl: string,
  name: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}/__simulator/${name}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body !== undefined && {
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    }),
  });
  return { status: response.status, body: await response.json() };
}
