/** Backoff between attempts of a retried Calypso call (network errors, timeouts, 5xx). */
export type RetryPolicy = {
  /** Total tries, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 300,
  maxDelayMs: 5_000,
};

/** Exponential backoff with up to 25% jitter, so many clients do not retry in step. */
export function backoffDelayMs(policy: RetryPolicy, failedAttempt: number): number {
  const exponential = policy.baseDelayMs * 2 ** (failedAttempt - 1);
  const capped = Math.min(exponential, policy.maxDelayMs);
  return Math.round(capped * (1 + Math.random() * 0.25));
}
