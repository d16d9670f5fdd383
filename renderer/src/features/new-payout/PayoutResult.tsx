import { useShallow } from 'zustand/react/shallow';
import { isFinalPayoutState } from '../../../../shared/calypso/states';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StateBadge } from '../../components/StateBadge';
import { formatDateTime } from '../../lib/format';
import { DELIVERY_MEANINGS } from '../../lib/state-meaning';
import { selectPayoutResult, selectResultPayoutState } from '../../stores/selectors';
import { useDeskStore } from '../../stores/store';
import { CurrencyName } from '../../components/CurrencyName';
import { formatAmount } from '../../lib/amount-format';

/**
 * What the submission ended as: created (with its state), not known yet, not sent (Calypso
 * could not be reached: it can be cancelled), cancelled or expired (docs/intents.md). The
 * created payout's state is the latest the window heard of (payout-states-slice.ts): a
 * scheduled payout cancelled from its details says so here too.
 */
export function PayoutResult() {
  const {
    result,
    liveState,
    submitting,
    cancelling,
    error,
    recheck,
    cancel,
    startNew,
    openDetails,
    navigate,
  } = useDeskStore(
    useShallow((state) => ({
      result: selectPayoutResult(state),
      liveState: selectResultPayoutState(state),
      submitting: state.payoutSubmitting,
      cancelling: state.payoutCancelling,
      error: state.payoutError,
      recheck: state.recheckPayout,
      cancel: state.cancelUnsentPayout,
      startNew: state.startNewPayout,
      openDetails: state.openDetails,
      navigate: state.navigate,
    })),
  );
  if (result === null) return null;
  return (
    <section className="card result" aria-labelledby="result-title" role="status">
      {result.state === 'done' ? (
        <>
          <h3 id="result-title">Payout created</h3>
          <p>
            <span className="amount big">{formatAmount(result.item.amount)}</span>{' '}
            <CurrencyName code={result.item.currency} /> to{' '}
            <span className="mono wrap">{result.item.depositAddress}</span>
          </p>
          <p>
            Payout <span className="mono">{result.item.id}</span>:{' '}
            <StateBadge state={liveState ?? result.item.state} showCode />
          </p>
          {!isFinalPayoutState(liveState ?? result.item.state) && (
            <p className="muted">You will see a notice here when it is delivered or fails.</p>
          )}
        </>
      ) : result.state === 'pending' ? (
        <>
          <h3 id="result-title">{DELIVERY_MEANINGS.pending.label}</h3>
          <p>{result.message}</p>
          <p className="muted">
            Do not make a new payout for it: Payout Desk looks it up by its request id and shows it
            in the history as soon as Calypso answers. “Check again” asks now, with the same request
            id, so it can never be paid twice.
          </p>
        </>
      ) : result.state === 'not-sent' ? (
        <>
          <h3 id="result-title">{DELIVERY_MEANINGS['not-sent'].label}</h3>
          <p>{result.message}</p>
          <p className="muted">
            If you pay it another way, cancel it here. Unless it is sent by{' '}
            {formatDateTime(result.expiresAtMs)}, it expires and needs a new confirmation.
          </p>
        </>
      ) : (
        <>
          <h3 id="result-title">{DELIVERY_MEANINGS[result.state].label}</h3>
          <p>{result.message}</p>
        </>
      )}
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        {result.state === 'done' && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              openDetails({ kind: result.item.kind, id: result.item.id });
            }}
          >
            Open details
          </button>
        )}
        {(result.state === 'pending' || result.state === 'not-sent') && (
          <button
            type="button"
            className="primary"
            disabled={submitting || cancelling}
            onClick={() => {
              void recheck();
            }}
          >
            {submitting
              ? 'Checking…'
              : result.state === 'pending'
                ? 'Check again'
                : 'Try again now'}
          </button>
        )}
        {result.state === 'not-sent' && (
          <button
            type="button"
            className="danger"
            disabled={submitting || cancelling}
            onClick={() => {
              void cancel();
            }}
          >
            {cancelling ? 'Cancelling…' : 'Cancel this payout'}
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            navigate('history');
          }}
        >
          Go to history
        </button>
        <button type="button" onClick={startNew}>
          New payout
        </button>
      </div>
    </section>
  );
}
