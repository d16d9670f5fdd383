/**
 * One payout, everything the cache holds: a readable summary (exact amounts, fee and its
 * percentage, hash with Copy, errors in words, who cancelled and why), the recipients of a
 * mass payout, and every field the server sent.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isCancellablePayoutState } from '../../../../shared/calypso/states';
import type { Cancellation, PayoutErrors, Withdrawal } from '../../../../shared/calypso/types';
import type { PayoutDetails } from '../../../../shared/history';
import { findCurrency } from '../../../../shared/networks';
import { networkLabelOf } from '../../../../shared/payout-rules';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StateBadge } from '../../components/StateBadge';
import { formatDateTimeSeconds } from '../../lib/format';
import { payoutStateMeaning } from '../../lib/state-meaning';
import { useDeskStore } from '../../stores/store';
import { CancelPayout } from './CancelPayout';
import { Recipients } from './Recipients';
import { ServerFields } from './ServerFields';
import { CurrencyName } from '../../components/CurrencyName';
import { formatAmount } from '../../lib/amount-format';

export function PayoutDetailsPanel() {
  const { ref, details, error, withdrawalsPage, close, reload } = useDeskStore(
    useShallow((state) => ({
      ref: state.detailsRef,
      details: state.details,
      error: state.detailsError,
      withdrawalsPage: state.withdrawalsPage,
      close: state.closeDetails,
      reload: state.reloadDetails,
    })),
  );

  useEffect(() => {
    if (ref === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, [ref, close]);

  if (ref === null) return null;
  const title = `${ref.kind === 'mass' ? 'Mass payout' : 'Payout'} ${ref.id}`;
  return (
    <aside className="drawer" role="dialog" aria-modal="false" aria-labelledby="details-title">
      <header className="drawer-header">
        <h2 id="details-title">{title}</h2>
        <button type="button" className="ghost" onClick={close} aria-label="Close details">
          ×
        </button>
      </header>
      <div className="drawer-body">
        {error && (
          <ErrorMessage
            error={error}
            onRetry={() => {
              void reload();
            }}
          />
        )}
        {!details && !error && <p className="muted">Loading…</p>}
        {details && (
          <DetailsBody
            details={details}
            knownWithdrawals={[...details.withdrawals, ...(withdrawalsPage?.items ?? [])]}
          />
        )}
      </div>
    </aside>
  );
}

function DetailsBody({
  details,
  knownWithdrawals,
}: {
  details: PayoutDetails;
  knownWithdrawals: Withdrawal[];
}) {
  const { item } = details;
  const currency = findCurrency(item.currency);
  const meaning = payoutStateMeaning(item.state);
  const payout = details.payout;
  const feePercentage =
    details.kind === 'single'
      ? details.payout.calypsoFeePercentage
      : details.payout.totalCalypsoFeePercentage;
  const fee =
    details.kind === 'single' ? details.payout.calypsoFee : details.payout.totalCalypsoFee;
  const cancellation: Cancellation | null =
    details.kind === 'single' ? details.payout.cancellation : null;
  const hash = item.transactionHash;

  return (
    <>
      <section className="details-summary" aria-label="Summary">
        <div className="details-state">
          <StateBadge state={item.state} showCode />
          <p>{meaning.description}</p>
        </div>
        <p className="details-amount">
          <span className="amount">{formatAmount(item.amount)}</span>{' '}
          <CurrencyName code={item.currency} />
        </p>
        <dl className="facts">
          <div>
            <dt>Fee</dt>
            <dd>
              {fee === null ? (
                'Not reported yet'
              ) : (
                <>
                  <span className="amount">{formatAmount(fee)}</span>{' '}
                  <CurrencyName code={item.currency} />
                </>
              )}
              {feePercentage !== null && ` (${feePercentage} %)`}
            </dd>
          </div>
          <div>
            <dt>Network</dt>
            <dd>{currency ? networkLabelOf(currency) : '—'}</dd>
          </div>
          {item.depositAddress !== null && (
            <div>
              <dt>Recipient</dt>
              <dd className="with-action">
                {item.recipientLabel && (
                  <span className="address-label" data-testid="recipient-label">
                    {item.recipientLabel}
                  </span>
                )}
                <span className="mono wrap">{item.depositAddress}</span>
                <CopyButton text={item.depositAddress} label="Copy recipient address" />
              </dd>
            </div>
          )}
          <div>
            <dt>Transaction hash</dt>
            <dd className="with-action">
              {hash === null ? (
                <span className="muted">None yet</span>
              ) : (
                <>
                  <span className="mono wrap" data-testid="transaction-hash">
                    {hash}
                  </span>
                  <CopyButton text={hash} label="Copy transaction hash" />
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>{details.kind === 'mass' ? 'Name' : 'Comment'}</dt>
            <dd>{item.label ?? '—'}</dd>
          </div>
          <div>
            <dt>Date</dt>
            <dd>{formatDateTimeSeconds(item.dateMs)}</dd>
          </div>
          <div>
            <dt>Execution date</dt>
            <dd>
              {item.executionDateMs === null
                ? 'As soon as possible'
                : formatDateTimeSeconds(item.executionDateMs)}
            </dd>
          </div>
          <div>
            <dt>Idempotency key</dt>
            <dd className="mono wrap">{item.idempotencyKey ?? '—'}</dd>
          </div>
          <div>
            <dt>Last confirmed by the server</dt>
            <dd>{formatDateTimeSeconds(item.syncedAtMs)}</dd>
          </div>
        </dl>
        {isCancellablePayoutState(item.state) && <CancelPayout />}
      </section>
      {cancellation && <CancellationNote cancellation={cancellation} />}
      <PayoutErrorsList errors={payout.errors} withdrawals={knownWithdrawals} />
      {details.kind === 'mass' && <Recipients />}
      <section className="details-section" aria-labelledby="server-fields-title">
        <h3 id="server-fields-title">Everything the server sent</h3>
        <ServerFields value={payout} />
      </section>
    </>
  );
}

function CancellationNote({ cancellation }: { cancellation: Cancellation }) {
  const who = `${cancellation.canceledByFirstname} ${cancellation.canceledByLastname}`.trim();
  return (
    <section className="details-section" aria-labelledby="cancellation-title">
      <h3 id="cancellation-title">Cancellation</h3>
      <p>
        Cancelled by <strong>{who || 'an unknown user'}</strong>
        {cancellation.canceledByUserId && (
          <span className="muted"> (user {cancellation.canceledByUserId})</span>
        )}
        .
      </p>
      <blockquote className="cancel-message">
        {cancellation.cancelMessage || 'No message.'}
      </blockquote>
    </section>
  );
}

function PayoutErrorsList({
  errors,
  withdrawals,
}: {
  errors: PayoutErrors | null;
  withdrawals: Withdrawal[];
}) {
  const entries = errors?.withdrawalErrors.filter((entry) => entry.errors.length > 0) ?? [];
  if (entries.length === 0) return null;
  const addressOf = new Map(withdrawals.map((withdrawal) => [withdrawal.id, withdrawal]));
  return (
    <section className="details-section" aria-labelledby="errors-title">
      <h3 id="errors-title">What went wrong</h3>
      <ul className="error-list">
        {entries.map((entry) => {
          const withdrawal = addressOf.get(entry.withdrawalId);
          return (
            <li key={entry.withdrawalId}>
              <p>
                Transfer {entry.withdrawalId}
                {withdrawal && (
                  <>
                    {' '}
                    to <span className="mono">{withdrawal.depositAddress}</span> (
                    {formatAmount(withdrawal.amount)} <CurrencyName code={withdrawal.currency} />)
                  </>
                )}
                :
              </p>
              <ul>
                {entry.errors.map((problem) => (
                  <li key={problem.id}>
                    {problem.errorMessage}{' '}
                    <span className="muted">
                      ({problem.errorResolved ? 'resolved' : 'not resolved'}
                      {problem.status !== 'ERROR' ? `, status ${problem.status}` : ''})
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
