/** The eleven endpoint paths the app uses (calypso-api.md section 4 and 6.3). All are POST. */
export const CALYPSO_PATHS = {
  getPayout: '/api/v1/payout',
  getWithdrawal: '/api/v1/payout/withdrawal',
  listWithdrawals: '/api/v1/payout/withdrawal/all',
  getMassPayout: '/api/v1/payout/mass',
  createMassPayout: '/api/v1/payout/mass/create',
  cancelMassPayout: '/api/v1/payout/mass/cancel',
  listMassPayouts: '/api/v1/payout/mass/all',
  createPayout: '/api/v1/payout/create',
  cancelPayout: '/api/v1/payout/cancel',
  listPayouts: '/api/v1/payout/all',
  getAccount: '/api/v1/account',
} as const;

export type CalypsoEndpoint = keyof typeof CALYPSO_PATHS;

export const PRODUCTION_BASE_URL = 'https://api.calypso.finance';

/** The server's ±3 minute acceptance window for `timestamp` (section 2). */
export const TIMESTAMP_WINDOW_MS = 180_000;
