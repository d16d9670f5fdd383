/**
 * Maps whatever a service threw to the small fixed set of codes the UI handles. Unknown
 * failures become INTERNAL with a generic sentence: internal messages may name files or SQL,
 * which the user cannot act on.
 */
import { describeCalypsoError } from '../../../shared/calypso/error-codes';
import type { DeskError } from '../../../shared/ipc';
import { CalypsoApiError, CalypsoNetworkError, CalypsoProtocolError } from '../calypso';
import { DeskFailure } from './desk-failure';

export function toDeskError(error: unknown): DeskError {
  if (error instanceof DeskFailure) {
    return { code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof CalypsoNetworkError) {
    return {
      code: 'NO_NETWORK',
      message: error.timedOut
        ? 'Calypso did not answer in time. Check the network and try again.'
        : 'Calypso cannot be reached. Check the network connection and the server address.',
    };
  }
  if (error instanceof CalypsoApiError) {
    const details = { errorCode: error.errorCode, serverMessage: error.serverMessage };
    if (error.errorCode === '002' || error.errorCode === '003') {
      return { code: 'AUTH_REJECTED', message: describeCalypsoError(error.errorCode), details };
    }
    if (error.errorCode === '011') {
      return { code: 'CLOCK_SKEW', message: describeCalypsoError('011'), details };
    }
    const message = error.serverMessage || describeCalypsoError(error.errorCode);
    return { code: 'CALYPSO_REJECTED', message: `Calypso refused: ${message}`, details };
  }
  if (error instanceof CalypsoProtocolError) {
    return {
      code: 'CALYPSO_REJECTED',
      message: 'Calypso sent an answer the app does not understand.',
    };
  }
  if (error instanceof Error && error.name === 'KeychainUnavailableError') {
    return { code: 'KEYCHAIN_UNAVAILABLE', message: error.message };
  }
  if (
    error instanceof Error &&
    (error.name === 'DatabaseTooNewError' || error.name === 'SqliteError')
  ) {
    return { code: 'DATABASE', message: error.message };
  }
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside Payout Desk. Details are in the log.',
  };
}
