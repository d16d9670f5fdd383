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
    if (error.httpStatus >= 500) {
      // A 5xx that outlived the client's retries is an outage, not a refusal: "Calypso
      // refused" made a transient error look final (found by the fault suite under 30% 5xx
      // answers). The person's move is the one for no network: wait, the app tries again.
      return {
        code: 'NO_NETWORK',
        message: `Calypso is not answering normally (server error ${error.errorCode}). Payout Desk will try again; the history stays available offline.`,
        details: { ...details, httpStatus: error.httpStatus },
      };
    }
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
  if (error instanceof Error && error.name === 'DatabaseTooNewError') {
    return { code: 'DATABASE', message: error.message };
  }
  if (error instanceof Error && error.name === 'SqliteError') {
    const sqliteCode = (error as Error & { code?: unknown }).code;
    const code = typeof sqliteCode === 'string' ? sqliteCode : '';
    return {
      code: 'DATABASE',
      message: describeSqliteFailure(code, error.message),
      details: { sqliteCode: code },
    };
  }
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside Payout Desk. Details are in the log.',
  };
}

/**
 * SQLite's own words ("database is locked", "database or disk is full") name no cause a person
 * can act on; the failures a desktop really meets get a sentence (found by the fault suite: a
 * cache file locked by another process, a full disk). The SQLite code stays in `details`.
 */
function describeSqliteFailure(code: string, message: string): string {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return 'Payout Desk could not write to its history file: another program holds a lock on it (a second copy of Payout Desk, a backup or antivirus tool). Close that program and try again.';
  }
  if (code === 'SQLITE_FULL') {
    return 'The disk is full: Payout Desk could not save. What was saved before is kept; free some disk space and try again.';
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return 'Payout Desk could not read or write its history file (a disk error). Check the disk and its free space, then try again.';
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return 'Payout Desk cannot write its history file: check that its folder is writable, then restart the app.';
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return 'The local history file is damaged. Restart Payout Desk; if this happens again, contact support with the log.';
  }
  return `The local history could not be read or written (${message}).`;
}
