/**
 * Guards every API request before any handler runs (calypso-api.md section 2-3):
 *  - `Key` header names a known merchant, else 002;
 *  - `Sign` is the hex HMAC-SHA512 of the RAW body bytes with that merchant's secret, else 003;
 *  - the body is a JSON object, else 001;
 *  - `timestamp` is integer milliseconds within ±3 minutes of the simulator clock, else 011
 *    (a seconds value is therefore 011, Q16); optionally strictly increasing per key (Q15);
 *  - `account` is present (001) and is the key's own account, else 002 (Q12).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { TIMESTAMP_WINDOW_MS } from '../../shared/calypso/endpoints';
import { parseCalypsoJson } from '../../shared/calypso/json';
import { verifySignature } from '../services/calypso/sign';
import { ApiError } from './api-error';
import type { SimConfig } from './options';
import type { Merchant } from './records';
import type { SimStore } from './store';

export type AuthenticatedRequest = {
  merchant: Merchant;
  timestamp: number;
  /** Undefined when the envelope has none (the account endpoint). */
  payload: unknown;
};

const ACCOUNT_PATTERN = /^0x[0-9a-fA-F]{40}$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class Authenticator {
  private readonly store: SimStore;
  private readonly config: SimConfig;
  private readonly lastTimestamps = new Map<string, number>();

  constructor(store: SimStore, config: SimConfig) {
    this.store = store;
    this.config = config;
  }

  authenticate(headers: IncomingHttpHeaders, body: Buffer, now: number): AuthenticatedRequest {
    const key = header(headers, 'key');
    if (key === undefined || key === '') throw new ApiError('002', 'API key is missing');
    const merchant = this.store.merchantByKey(key);
    if (!merchant) throw new ApiError('002', 'API key is invalid');

    const sign = header(headers, 'sign');
    if (sign === undefined || !verifySignature(body, merchant.secret, sign)) {
      throw new ApiError('003', 'Signature is wrong');
    }

    let envelope: unknown;
    try {
      envelope = parseCalypsoJson(body.toString('utf8'));
    } catch {
      throw new ApiError('001', 'body: not valid JSON');
    }
    if (!isRecord(envelope)) throw new ApiError('001', 'body: must be a JSON object');

    const { timestamp, account, payload } = envelope;
    if (timestamp === undefined || timestamp === null) {
      throw new ApiError('001', 'timestamp: is required');
    }
    if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp)) {
      throw new ApiError('011', 'Invalid timestamp parameter: expected integer milliseconds');
    }
    if (Math.abs(timestamp - now) > TIMESTAMP_WINDOW_MS) {
      throw new ApiError(
        '011',
        `Invalid timestamp parameter: ${timestamp} is more than 3 minutes from server time ${now}`,
      );
    }
    if (this.config.monotonicTimestamps) {
      const last = this.lastTimestamps.get(key);
      if (last !== undefined && timestamp <= last) {
        throw new ApiError('011', `Invalid timestamp parameter: must exceed the previous ${last}`);
      }
    }

    if (typeof account !== 'string' || account === '') {
      throw new ApiError('001', 'account: is required');
    }
    if (this.config.strictAccountFormat && !ACCOUNT_PATTERN.test(account)) {
      throw new ApiError('001', 'account: must be 0x followed by 40 hexadecimal characters');
    }
    if (account !== merchant.account) {
      throw new ApiError('002', `API key is not valid for account ${account}`);
    }
    if (payload !== undefined && payload !== null && !isRecord(payload)) {
      throw new ApiError('001', 'payload: must be an object');
    }
    // Only a request that passed every check moves the replay bar.
    if (this.config.monotonicTimestamps) this.lastTimestamps.set(key, timestamp);
    return { merchant, timestamp, payload: payload ?? undefined };
  }
}
