/**
 * Typed failures of a Calypso call. Messages never carry the Key, the Sign or the secret:
 * they name the endpoint and what went wrong, so they can be logged and shown as they are.
 */
import { describeCalypsoError } from '../../../shared/calypso/error-codes';

/** Calypso answered with `{errorCode, message}` (HTTP 400 or 500). */
export class CalypsoApiError extends Error {
  override readonly name = 'CalypsoApiError';
  constructor(
    readonly endpoint: string,
    readonly httpStatus: number,
    readonly errorCode: string,
    readonly serverMessage: string,
    readonly traceId?: string,
  ) {
    super(
      `${endpoint}: Calypso error ${errorCode}: ${serverMessage || describeCalypsoError(errorCode)}`,
    );
  }
}

/**
 * No usable answer: connection refused, reset, dropped or timed out. For a create this means
 * the outcome is UNKNOWN (the payout may exist: resolve it by looking up the idempotencyKey),
 * unless `notSent`: every attempt of the call failed before a connection existed (refused,
 * DNS failure), so no byte of any request reached Calypso (docs/intents.md, `not-sent`).
 */
export class CalypsoNetworkError extends Error {
  override readonly name = 'CalypsoNetworkError';
  constructor(
    readonly endpoint: string,
    readonly timedOut: boolean,
    readonly reason: string,
    readonly notSent = false,
  ) {
    super(`${endpoint}: no answer from Calypso (${timedOut ? 'timed out' : reason})`);
  }
}

/**
 * A create was answered "idempotency key already exists" (016), so a payout under this key
 * may be ours, but the lookup that would tell failed: the outcome is unknown, never a
 * refusal (reporting it as refused made people pay again, docs/intents.md).
 */
export class CalypsoUnknownOutcomeError extends Error {
  override readonly name = 'CalypsoUnknownOutcomeError';
  constructor(
    readonly endpoint: string,
    readonly lookupFailure: string,
  ) {
    super(
      `${endpoint}: Calypso already holds a payout under this idempotency key, but looking it ` +
        `up failed (${lookupFailure}); the outcome is not known yet`,
    );
  }
}

/**
 * A create was refused (a 4xx other than 016) on a retry, after an earlier attempt of the same
 * call may have reached Calypso (it timed out, its answer was lost, or it got a 5xx). The
 * refusal answers the retry only: the earlier attempt may have created the payout, so the
 * outcome is unknown, never a refusal (docs/intents.md, "How an outcome is decided"). Found
 * by test/integration/payouts/refusal-after-maybe-sent.test.ts: stored as `rejected`, the
 * payout was confirmed again under a new key and paid twice.
 */
export class CalypsoRetryRefusedError extends Error {
  override readonly name = 'CalypsoRetryRefusedError';
  constructor(
    readonly endpoint: string,
    readonly refusal: CalypsoApiError,
  ) {
    super(
      `${endpoint}: an earlier attempt may have reached Calypso, and the retry was refused ` +
        `(Calypso error ${refusal.errorCode}); the outcome is not known yet`,
    );
  }
}

/** An answer that is not what the API documents (not JSON, wrong shape). Not retried. */
export class CalypsoProtocolError extends Error {
  override readonly name = 'CalypsoProtocolError';
  constructor(
    readonly endpoint: string,
    readonly httpStatus: number,
    detail: string,
  ) {
    super(`${endpoint}: unexpected answer from Calypso (HTTP ${httpStatus}): ${detail}`);
  }
}

export type CalypsoError =
  | CalypsoApiError
  | CalypsoNetworkError
  | CalypsoProtocolError
  | CalypsoUnknownOutcomeError
  | CalypsoRetryRefusedError;

export function isCalypsoError(error: unknown): error is CalypsoError {
  return (
    error instanceof CalypsoApiError ||
    error instanceof CalypsoNetworkError ||
    error instanceof CalypsoProtocolError ||
    error instanceof CalypsoUnknownOutcomeError ||
    error instanceof CalypsoRetryRefusedError
  );
}
