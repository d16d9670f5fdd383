import type { ProfileEnvironment } from '../../../../shared/ipc';

/** As in the single payout's confirmation: which money Submit moves. */
export function moneyAtStake(environment: ProfileEnvironment): string {
  return environment === 'simulator'
    ? 'simulator — not real money'
    : environment === 'production'
      ? 'PRODUCTION — real funds'
      : 'custom environment — may be real funds';
}
