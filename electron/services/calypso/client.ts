/**
 * The Calypso Payout API client. Guards three things:
 * - every request is signed over exactly the bytes sent (body serialised once per attempt);
 * - amounts stay exact both ways (lossless JSON, money as decimal strings);
 * - a create is never duplicated by a retry: it always carries an idempotencyKey, retries
 *   reuse it, and Calypso's "key already exists" (016) is answered by looking the payout up.
 * The secret lives only in this closure; it is never put on the returned object or in errors.
 */
import { randomUUID } from 'node:crypto';
import { createFetch, FetchError } from 'ofetch';
import { CALYPSO_PATHS, type CalypsoEndpoint } from '../../../shared/calypso/endpoints';
import { parseCalypsoJson, stringifyCalypsoJson } from '../../../shared/calypso/json';
import type {
  Account,
  CancelRequest,
  LookupRequest,
  MassPayout,
  MassPayoutCreateRequest,
  Page,
  Payout,
  PayoutCreateRequest,
  PayoutListRequest,
  Withdrawal,
  WithdrawalListRequest,
  WithdrawalLookupRequest,
} from '../../../shared/calypso/types';
import { compareDecimals, sumDecimals } from '../../../shared/money';
import { createClockOffset } from './clock-offset';
import {
  decodeAccount,
  decodeErrorBody,
  decodeMassPayout,
  decodePage,
  decodePayout,
  decodeWithdrawal,
  type Decoder,
} from './decode';
import {
  CalypsoApiError,
  CalypsoNetworkError,
  CalypsoProtocolError,
  CalypsoRetryRefusedError,
  CalypsoUnknownOutcomeError,
} from './errors';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { signBody } from './sign';

export type CalypsoClientOptions = {
  baseUrl: string;
  account: string;
  key: string;
  secret: string;
  /** Transport; defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Local clock in ms; defaults to Date.now. */
  now?: () => number;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
};

export type CalypsoClient = {
  readonly baseUrl: string;
  readonly account: string;
  getPayout(request: LookupRequest): Promise<Payout>;
  getWithdrawal(request: WithdrawalLookupRequest): Promise<Withdrawal>;
  listWithdrawals(request?: WithdrawalListRequest): Promise<Page<Withdrawal>>;
  getMassPayout(request: LookupRequest): Promise<MassPayout>;
  createMassPayout(request: MassPayoutCreateRequest): Promise<MassPayout>;
  cancelMassPayout(request: CancelRequest): Promise<MassPayout>;
  listMassPayouts(request?: PayoutListRequest): Promise<Page<MassPayout>>;
  createPayout(request: PayoutCreateRequest): Promise<Payout>;
  cancelPayout(request: CancelRequest): Promise<Payout>;
  listPayouts(request?: PayoutListRequest): Promise<Page<Payout>>;
  getAccount(): Promise<Account>;
  /** How far the server's clock is ahead of ours (negative: behind), as last measured. */
  clockOffsetMs(): number;
};

const DUPLICATE_KEY = '016';
const BAD_TIMESTAMP = '011';

/** The calls that create a payout: a refusal of one of their retries proves nothing. */
const CREATES: ReadonlySet<CalypsoEndpoint> = new Set(['createPayout', 'createMassPayout']);

type AttemptResult =
  | {
      kind: 'answer';
      status: number;
      body: unknown;
      text: string;
      dateHeader: string | null;
      receivedAt: number;
    }
  | { kind: 'no-answer'; error: CalypsoNetworkError };

/**
 * Failures that happen before a connection exists, so no byte of the request can have left:
 * refused, no route, DNS. A timeout, a reset or a dropped answer is never one of them.
 */
const NEVER_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
]);

/** True when every error in the cause chain that names a system code names a connect one. */
function neverConnected(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 8) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return NEVER_CONNECTED_CODES.has(code);
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner) && inner.length > 0) {
    return inner.every((entry) => neverConnected(entry, depth + 1));
  }
  return neverConnected(error.cause, depth + 1);
}

function toNetworkError(endpoint: CalypsoEndpoint, error: unknown): CalypsoNetworkError {
  const cause: unknown = error instanceof FetchError ? (error.cause ?? error) : error;
  const reason = cause instanceof Error ? cause.message : String(cause);
  const timedOut =
    /timeout|aborted/i.test(reason) || (cause instanceof Error && cause.name === 'TimeoutError');
  return new CalypsoNetworkError(endpoint, timedOut, reason, !timedOut && neverConnected(cause));
}

const defaultSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

export function createCalypsoClient(options: CalypsoClientOptions): CalypsoClient {
  const { account, key, secret } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const clock = createClockOffset();
  const http = createFetch(options.fetch ? { fetch: options.fetch } : {});

  async function attempt(
    endpoint: CalypsoEndpoint,
    payload: object | undefined,
  ): Promise<AttemptResult> {
    const envelope: Record<string, unknown> = { account, timestamp: now() + clock.current() };
    if (payload !== undefined) envelope.payload = payload;
    // Serialised once: these exact bytes are signed and sent.
    const body = stringifyCalypsoJson(envelope);
    let response;
    try {
      response = await http.raw<string, 'text'>(`${baseUrl}${CALYPSO_PATHS[endpoint]}`, {
        method: 'POST',
        body,
        headers: { Key: key, Sign: signBody(body, secret), 'Content-Type': 'application/json' },
        responseType: 'text',
        retry: 0,
        timeout: timeoutMs,
        ignoreResponseError: true,
      });
    } catch (error) {
      return { kind: 'no-answer', error: toNetworkError(endpoint, error) };
    }
    const text = response._data ?? '';
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : parseCalypsoJson(text);
    } catch {
      parsed = undefined;
    }
    return {
      kind: 'answer',
      status: response.status,
      body: parsed,
      text,
      dateHeader: response.headers.get('date'),
      receivedAt: now(),
    };
  }

  /** One logical call: signs, sends, retries what may be retried, decodes the answer. */
  async function call<T>(
    endpoint: CalypsoEndpoint,
    payload: object | undefined,
    decode: Decoder<T>,
  ): Promise<T> {
    let resignedForClock = false;
    let lastFailure: Error | undefined;
    // "Not sent" only if no attempt of this call can have reached Calypso.
    let everyAttemptUnsent = true;
    // Whether an attempt before the current one may have reached Calypso: no answer that
    // could have connected, or a 5xx (which may come after the work was done).
    let mayHaveArrived = false;
    for (let tries = 1; tries <= retry.attempts; tries += 1) {
      const result = await attempt(endpoint, payload);
      if (result.kind === 'no-answer') {
        if (!result.error.notSent) everyAttemptUnsent = false;
        lastFailure = result.error;
      } else {
        everyAttemptUnsent = false;
        const isTimestampRefusal =
          result.status < 500 && decodeErrorBody(result.body)?.errorCode === BAD_TIMESTAMP;
        clock.learn(result.dateHeader, result.receivedAt, isTimestampRefusal);
        if (result.status >= 200 && result.status < 300) {
          const decoded = decode(result.body);
          if (typeof decoded === 'string') {
            throw new CalypsoProtocolError(endpoint, result.status, decoded);
          }
          return decoded;
        }
        const error = decodeErrorBody(result.body);
        if (!error) {
          lastFailure = new CalypsoProtocolError(
            endpoint,
            result.status,
            `not a Calypso error body: ${result.text.slice(0, 120)}`,
          );
          if (result.status < 500) throw lastFailure;
        } else {
          const apiError = new CalypsoApiError(
            endpoint,
            result.status,
            error.errorCode,
            error.message,
            error.traceId,
          );
          if (isTimestampRefusal && !resignedForClock) {
            // Re-signed once with the clock just learned; a second refusal is final.
            resignedForClock = true;
            tries -= 1;
            continue;
          }
          if (result.status < 500) {
            // An earlier attempt of this create may have reached Calypso: this refusal answers
            // the retry only (a revoked key, a rate limit), not whether the payout exists.
            // 016 is the key's own answer, which createOnce resolves by looking it up.
            if (CREATES.has(endpoint) && mayHaveArrived && error.errorCode !== DUPLICATE_KEY) {
              throw new CalypsoRetryRefusedError(endpoint, apiError);
            }
            throw apiError;
          }
          lastFailure = apiError;
        }
      }
      if (result.kind === 'answer' ? result.status >= 500 : !result.error.notSent) {
        mayHaveArrived = true;
      }
      if (tries < retry.attempts) await sleep(backoffDelayMs(retry, tries));
    }
    if (lastFailure instanceof CalypsoNetworkError && lastFailure.notSent && !everyAttemptUnsent) {
      // The last attempt could not connect, but an earlier one may have reached Calypso.
      throw new CalypsoNetworkError(endpoint, lastFailure.timedOut, lastFailure.reason, false);
    }
    throw lastFailure ?? new Error(`${endpoint}: no attempt was made`);
  }

  /**
   * 016 on a create means the key is taken: by our own earlier attempt whose answer was lost
   * (adopt it) or, if the stored payout differs, by something else (refuse loudly). When the
   * lookup fails, nobody knows which: an unknown outcome, never a refusal.
   */
  async function createOnce<T>(
    create: () => Promise<T>,
    lookup: () => Promise<T>,
    sameRequest: (existing: T) => boolean,
  ): Promise<T> {
    try {
      return await create();
    } catch (error) {
      if (!(error instanceof CalypsoApiError) || error.errorCode !== DUPLICATE_KEY) throw error;
      let existing: T;
      try {
        existing = await lookup();
      } catch (lookupError) {
        throw new CalypsoUnknownOutcomeError(
          error.endpoint,
          lookupError instanceof Error ? lookupError.message : String(lookupError),
        );
      }
      if (!sameRequest(existing)) {
        throw new CalypsoApiError(
          error.endpoint,
          error.httpStatus,
          DUPLICATE_KEY,
          'This idempotency key already belongs to a different payout.',
          error.traceId,
        );
      }
      return existing;
    }
  }

  const payoutPage = decodePage(decodePayout);
  const massPayoutPage = decodePage(decodeMassPayout);
  const withdrawalPage = decodePage(decodeWithdrawal);

  return {
    baseUrl,
    account,
    getPayout: (request) => call('getPayout', request, decodePayout),
    getWithdrawal: (request) => call('getWithdrawal', request, decodeWithdrawal),
    listWithdrawals: (request = {}) => call('listWithdrawals', request, withdrawalPage),
    getMassPayout: (request) => call('getMassPayout', request, decodeMassPayout),
    listMassPayouts: (request = {}) => call('listMassPayouts', request, massPayoutPage),
    listPayouts: (request = {}) => call('listPayouts', request, payoutPage),
    cancelPayout: (request) => call('cancelPayout', request, decodePayout),
    cancelMassPayout: (request) => call('cancelMassPayout', request, decodeMassPayout),
    getAccount: () => call('getAccount', undefined, decodeAccount),
    clockOffsetMs: () => clock.current(),

    createPayout(request) {
      const keyed = { ...request, idempotencyKey: request.idempotencyKey ?? randomUUID() };
      return createOnce(
        () => call('createPayout', keyed, decodePayout),
        () => call('getPayout', { idempotencyKey: keyed.idempotencyKey }, decodePayout),
        (existing) =>
          existing.currency === keyed.currency &&
          existing.depositAddress === keyed.depositAddress &&
          compareDecimals(existing.amount, keyed.amount) === 0,
      );
    },

    createMassPayout(request) {
      const keyed = { ...request, idempotencyKey: request.idempotencyKey ?? randomUUID() };
      const total = sumDecimals(keyed.massAddresses.map((entry) => entry.amount));
      return createOnce(
        () => call('createMassPayout', keyed, decodeMassPayout),
        () => call('getMassPayout', { idempotencyKey: keyed.idempotencyKey }, decodeMassPayout),
        (existing) =>
          existing.currency === keyed.currency &&
          compareDecimals(existing.totalWithdrawalAmount, total) === 0,
      );
    },
  };
}
