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
 * the outcome is UNKNOWN: the payout may exist. Resolve it by looking up the idempotencyKey.
 */
export class CalypsoNetworkError extends Error {
  override readonly name = 'CalypsoNetworkError';
  constructor(
    readonly endpoint: string,
    readonly timedOut: boolean,
    reason: string,
  ) {
    super(`${endpoint}: no answer from Calypso (${timedOut ? 'timed out' : reason})`);
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

export type CalypsoError = CalypsoApiError | CalypsoNetworkError | CalypsoProtocolError;

export function isCalypsoError(error: unknown): error is CalypsoError {
  return (
    error instanceof CalypsoApiError ||
    error instanceof CalypsoNetworkError ||
    error instanceof CalypsoProtocolError
  );
}
