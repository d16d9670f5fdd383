/** Public seam of the Calypso client: what the rest of main, tests and tools import. */
export { createCalypsoClient } from './client';
export type { CalypsoClient, CalypsoClientOptions } from './client';
export { signBody, verifySignature } from './sign';
export {
  CalypsoApiError,
  CalypsoNetworkError,
  CalypsoProtocolError,
  CalypsoRetryRefusedError,
  CalypsoUnknownOutcomeError,
  isCalypsoError,
  type CalypsoError,
} from './errors';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
