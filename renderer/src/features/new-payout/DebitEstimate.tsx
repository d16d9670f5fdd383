/**
 * The single-payout confirmation's "what leaves the account": asked from main (which reads
 * the fee percentage from the cache and the balances from Calypso) when the confirmation
 * opens, and shown as one DebitTable row.
 */
import { useEffect, useState } from 'react';
import type { DeskError, DeskResults } from '../../../../shared/ipc';
import { DebitTable } from '../../components/DebitTable';
import { payoutsService } from '../../services/desk-service';
import { currencyName } from '../../../../shared/currency-names';
import { formatAmount, formatOptionalAmount } from '../../lib/amount-format';

type Props = { profileId: string; currency: string; amount: string };

type Answer = {
  /** Which question this answers: a newer one shows "Estimating…" until its own answer. */
  key: string;
  estimate: DeskResults['estimateDebit'] | null;
  error: DeskError | null;
};

export function DebitEstimate({ profileId, currency, amount }: Props) {
  const key = `${profileId}\u0000${currency}\u0000${amount}`;
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => {
    let current = true;
    void payoutsService.estimateDebit({ profileId, currency, amount }).then((result) => {
      if (!current) return;
      setAnswer(
        result.ok
          ? { key, estimate: result.value, error: null }
          : { key, estimate: null, error: result.error },
      );
    });
    return () => {
      current = false;
    };
  }, [key, profileId, currency, amount]);

  const error = answer?.key === key ? answer.error : null;
  const estimate = answer?.key === key ? answer.estimate : null;
  if (error) {
    return (
      <p className="warning" role="note">
        The total debit could not be estimated: {error.message}
      </p>
    );
  }
  if (estimate === null) return <p className="muted">Estimating what leaves the account…</p>;
  return (
    <div data-testid="confirm-debit">
      {estimate.balanceError && (
        <p className="warning" role="note">
          The balance could not be checked: {estimate.balanceError.message}
        </p>
      )}
      {estimate.debit.short && (
        <p className="error-message" role="alert" data-testid="confirm-short">
          Not enough funds: the amount plus the estimated fee is{' '}
          {formatAmount(estimate.debit.totalDebit)} {currencyName(currency)}, the balance{' '}
          {formatOptionalAmount(estimate.debit.balance)}.
        </p>
      )}
      <DebitTable
        debits={[estimate.debit]}
        label="What leaves the account"
        balancesKnown={estimate.balanceError === null}
      />
    </div>
  );
}
