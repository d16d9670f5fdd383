/**
 * Proves a set of credentials works with one real call (the account balances) and turns
 * Calypso's answer into a sentence a person can act on. Never echoes the secret.
 */
import {
  createCalypsoClient,
  CalypsoApiError,
  CalypsoNetworkError,
  type CalypsoClient,
} from '../calypso';
import type { Balance } from '../../../shared/calypso/types';
import { DeskFailure } from '../ipc/desk-failure';

export type Credentials = { baseUrl: string; account: string; key: string; secret: string };

export type CheckedConnection = { clockOffsetMs: number; balances: Balance[] };

/** Beyond this the UI warns that the computer's clock is off (DESIGN.md). */
export const CLOCK_WARNING_MS = 60_000;

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

export async function checkConnection(client: CalypsoClient): Promise<CheckedConnection> {
  try {
    const account = await client.getAccount();
    return { clockOffsetMs: client.clockOffsetMs(), balances: account.balances };
  } catch (error) {
    throw explainConnectionFailure(error, client);
  }
}

export function explainConnectionFailure(error: unknown, client: CalypsoClient): unknown {
  if (error instanceof CalypsoNetworkError) {
    return new DeskFailure(
      'NO_NETWORK',
      error.timedOut
        ? `${hostOf(client.baseUrl)} did not answer in time. Check the address and the network.`
        : `Cannot reach ${hostOf(client.baseUrl)}. Check the address and the network connection.`,
    );
  }
  if (!(error instanceof CalypsoApiError)) return error;
  const details = { errorCode: error.errorCode };
  switch (error.errorCode) {
    case '002':
      return new DeskFailure(
        'AUTH_REJECTED',
        'Calypso does not recognise this API key (error 002). Check the Key you copied from the dashboard.',
        details,
      );
    case '003':
      return new DeskFailure(
        'AUTH_REJECTED',
        'The API secret does not match this key (error 003). Paste the secret again.',
        details,
      );
    case '011': {
      const seconds = Math.round(Math.abs(client.clockOffsetMs()) / 1000);
      const direction = client.clockOffsetMs() > 0 ? 'behind' : 'ahead of';
      return new DeskFailure(
        'CLOCK_SKEW',
        `This computer's clock is ${seconds} seconds ${direction} Calypso's (error 011). Set the clock automatically and try again.`,
        { ...details, clockOffsetMs: client.clockOffsetMs() },
      );
    }
    case '001':
      return new DeskFailure(
        'AUTH_REJECTED',
        `Calypso refused this merchant account for the key (error 001: ${error.serverMessage}). Check the account id.`,
        details,
      );
    default:
      return error;
  }
}

export function clientFor(credentials: Credentials): CalypsoClient {
  return createCalypsoClient(credentials);
}
