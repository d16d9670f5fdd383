/**
 * What the killed desk process (desk-child.ts) imports and sends, shared with the test that
 * checks it afterwards: the profile name, each trial's draft rows and each intent's payout.
 */
import { testAddress } from '../../support/addresses';

export const KILL_PROFILE_NAME = 'Fault kill';

/** The rows of the draft of trial `seed`: what the person imported, to compare after a crash. */
export function childDraftRows(count: number, seed: number) {
  return Array.from({ length: count }, (_, index) => ({
    line: index + 2,
    address: testAddress('tron', 900_000 + seed * 1_000 + index),
    amount: `${index + 1}.25`,
    currency: 'USDT_TRX',
    comment: `trial ${seed} row ${index + 1}`,
  }));
}

/** The single payout of an intent: the same request each time it is sent. */
export function childPayout(profileId: string, requestId: string, seed: number) {
  return {
    profileId,
    requestId,
    depositAddress: testAddress('tron', 800_000 + seed),
    amount: `${seed}.75`,
    currency: 'USDT_TRX',
  };
}
