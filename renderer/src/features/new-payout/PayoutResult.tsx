import { useShallow } from 'zustand/react/shallow';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StateBadge } from '../../components/StateBadge';
import { useDeskStore } from '../../stores/store';

/** What the submission ended as: created (with its state), or not known yet. */
export function PayoutResult() {
  const { result, submitting, error, recheck, startNew, openDetails, navigate } = useDeskStore(
    useShallow((state) => ({
      result: state.payoutResult,
      submitting: state.payoutSubmitting,
      error: state.payoutError,
      recheck: state.recheckPayout,
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
            <span className="amount big">{result.item.amount}</span> {result.item.currency} to{' '}
            <span className="mono wrap">{result.item.depositAddress}</span>
          </p>
          <p>
            Payout <span className="mono">{result.item.id}</span>:{' '}
            <StateBadge state={result.item.state} showCode />
          </p>
          <p className="muted">You will see a notice here when it is delivered or fails.</p>
        </>
      ) : (
        <>
          <h3 id="result-title">Sent — waiting for Calypso’s answer</h3>
          <p>{result.message}</p>
          <p className="muted">
            Do not make a new payout for it: Payout Desk looks it up by its request id and shows it
            in the history as soon as Calypso answers. “Check again” asks now, with the same request
            id, so it can never be paid twice.
          </p>
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
        {result.state === 'pending' && (
          <button
            type="button"
            className="primary"
            disabled={submitting}
            onClick={() => {
              void recheck();
            }}
          >
            {submitting ? 'Checking…' : 'Check again'}
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
