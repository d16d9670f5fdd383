import { useShallow } from 'zustand/react/shallow';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateTimeSeconds } from '../../lib/format';
import { useDeskStore } from '../../stores/store';
import { DebitEstimate } from './DebitEstimate';

/**
 * The last look before money moves: everything that will be sent, and on which environment.
 * Confirm disables itself; after an error it sends the same requestId again.
 */
export function ConfirmPayout() {
  const { request, submitting, error, confirm, edit } = useDeskStore(
    useShallow((state) => ({
      request: state.payoutRequest,
      submitting: state.payoutSubmitting,
      error: state.payoutError,
      confirm: state.confirmPayout,
      edit: state.editPayout,
    })),
  );
  if (request === null) return null;
  const { input } = request;
  const real = request.environment !== 'simulator';
  return (
    <section className="card confirm" aria-labelledby="confirm-title">
      <h3 id="confirm-title">Confirm the payout</h3>
      <p
        className={`confirm-environment ${real ? 'real' : 'simulated'}`}
        data-testid="confirm-environment"
      >
        {request.profileName} ·{' '}
        {request.environment === 'simulator'
          ? 'simulator — not real money'
          : request.environment === 'production'
            ? 'PRODUCTION — real funds'
            : 'custom environment — may be real funds'}
      </p>
      <dl className="facts confirm-facts">
        <div>
          <dt>Amount</dt>
          <dd>
            <span className="amount big">{input.amount}</span> {input.currency}
          </dd>
        </div>
        <div>
          <dt>Currency</dt>
          <dd>{input.currency}</dd>
        </div>
        <div>
          <dt>Network</dt>
          <dd>{request.networkLabel}</dd>
        </div>
        <div>
          <dt>Recipient address</dt>
          <dd className="mono wrap">{input.depositAddress}</dd>
        </div>
        <div>
          <dt>Comment</dt>
          <dd>{input.comment ?? '—'}</dd>
        </div>
        <div>
          <dt>Execution</dt>
          <dd>
            {input.executionDate === undefined
              ? 'As soon as possible'
              : `${formatDateTimeSeconds(Date.parse(input.executionDate))} (${input.executionDate})`}
          </dd>
        </div>
        <div>
          <dt>Request id</dt>
          <dd className="mono small-text">{request.requestId}</dd>
        </div>
      </dl>
      <DebitEstimate profileId={input.profileId} currency={input.currency} amount={input.amount} />
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button
          type="button"
          className={real ? 'danger' : 'primary'}
          disabled={submitting}
          onClick={() => {
            void confirm();
          }}
        >
          {submitting ? 'Sending…' : error ? 'Try again' : 'Confirm and send'}
        </button>
        <button type="button" disabled={submitting} onClick={edit}>
          Back to edit
        </button>
      </div>
      {error && (
        <p className="field-note">
          Trying again re-sends the same request: Calypso creates this payout at most once.
        </p>
      )}
    </section>
  );
}
