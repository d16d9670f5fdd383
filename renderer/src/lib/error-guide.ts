/** What each error code from main means to a person, and what they can do about it. */
import type { DeskErrorCode } from '../../../shared/ipc';

export type ErrorGuide = { title: string; hint: string | null };

export const ERROR_GUIDE: Readonly<Record<DeskErrorCode, ErrorGuide>> = {
  VALIDATION: {
    title: 'Please check the form',
    hint: 'Correct the value mentioned and try again.',
  },
  NOT_FOUND: {
    title: 'Not found',
    hint: 'It may have been removed; refresh the list.',
  },
  NO_NETWORK: {
    title: 'Calypso cannot be reached',
    hint: 'Check the network connection. The history stays available offline.',
  },
  AUTH_REJECTED: {
    title: 'Calypso refused the credentials',
    hint: 'Open Accounts and check the account id, Key and secret of this profile.',
  },
  CLOCK_SKEW: {
    title: "This computer's clock is off",
    hint: 'Turn on automatic date and time in the system settings, then try again.',
  },
  KEYCHAIN_UNAVAILABLE: {
    title: 'The system keychain is not available',
    hint: 'Payout Desk keeps API secrets only in the OS keychain; unlock or install it, then try again.',
  },
  CALYPSO_REJECTED: {
    title: 'Calypso refused the request',
    hint: null,
  },
  DATABASE: {
    title: 'The local history could not be read or written',
    hint: 'Restart Payout Desk. If it happens again, check the free disk space.',
  },
  INTERNAL: {
    title: 'Something went wrong in Payout Desk',
    hint: 'Try again; if it keeps happening, restart the app.',
  },
};

export function errorGuide(code: string): ErrorGuide {
  return (
    (ERROR_GUIDE as Readonly<Record<string, ErrorGuide | undefined>>)[code] ?? ERROR_GUIDE.INTERNAL
  );
}
