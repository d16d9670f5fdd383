/**
 * What a single payout will take from the balance (amount, estimated fee, balance after),
 * for the form as the person types. The balance comes from Calypso; when it cannot be asked,
 * the estimate is still given and the reason travels with it as `balanceError`.
 */
import type { Balance } from '../../../shared/calypso/types';
import { estimateDebit } from '../../../shared/debit-estimate';
import type { DeskArgument, DeskError, DeskResults } from '../../../shared/ipc';
import { normalizeDecimal, type DecimalString } from '../../../shared/money';
import { checkCurrency } from '../../../shared/payout-rules';
import type { CalypsoClient } from '../calypso';
import { DeskFailure } from '../ipc/desk-failure';
import { toDeskError } from '../ipc/to-desk-error';

export type DebitEstimatorDeps = {
  requireProfile: (profileId: string) => unknown;
  clientOf: (profileId: string) => Promise<CalypsoClient>;
  /** The fee percentage of the profile's recent payouts in that currency, if any. */
  feePercentageOf: (profileId: string, currency: string) => DecimalString | null;
};

export function createDebitEstimator(deps: DebitEstimatorDeps) {
  return async ({
    profileId,
    currency,
    amount,
  }: DeskArgument<'estimateDebit'>): Promise<DeskResults['estimateDebit']> => {
    deps.requireProfile(profileId);
    const known = checkCurrency(currency);
    if ('field' in known) throw new DeskFailure('VALIDATION', known.message);
    let balances: Balance[] | null = null;
    let balanceError: DeskError | null = null;
    try {
      balances = (await (await deps.clientOf(profileId)).getAccount()).balances;
    } catch (error) {
      balanceError = toDeskError(error);
    }
    const debit = estimateDebit({
      currency: known.code,
      amount: normalizeDecimal(amount),
      feePercentage: deps.feePercentageOf(profileId, known.code),
      balances,
    });
    return { debit, balanceError };
  };
}
