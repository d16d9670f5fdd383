/**
 * A submitted draft: each mass payout with its state in words, each recipient's state and
 * errors, cancelling a batch while it can still be stopped, retrying the failed rows as a
 * new draft, and the reconciliation file.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isFinalPayoutState } from '../../../../shared/calypso/states';
import type { DraftBatch, DraftSummary } from '../../../../shared/drafts';
import type { DeskError } from '../../../../shared/ipc';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StateBadge } from '../../components/StateBadge';
import { formatCount, shortId } from '../../lib/format';
import type { PayoutRef } from '../details/details-slice';
import { hasFailedRecipients } from './draft-submission-slice';
import { useDeskStore } from '../../stores/store';
import { BatchRecipients } from './BatchRecipients';
import { RecipientStatesBar } from './RecipientStatesBar';
import { ProgressBar } from '../../components/ProgressBar';
import { progressView } from '../../../../shared/progress';
import { TestPaymentsPanel } from './TestPaymentsPanel';
import { downloadCsv, downloadXlsx } from '../../lib/download-file';
import { DELIVERY_MEANINGS } from '../../lib/state-meaning';
import { selectNotice } from '../../stores/selectors';
import { draftObject } from '../../stores/scope';
import { CurrencyName } from '../../components/CurrencyName';
import { formatAmount } from '../../lib/amount-format';

export function DraftTracking({ draft }: { draft: DraftSummary }) {
  const {
    batches,
    batchesError,
    submitting,
    submitError,
    resubmit,
    recipients,
    openRecipients,
    retrying,
    retry,
    actionError,
    openDetails,
  } = useDeskStore(
    useShallow((state) => ({
      batches: state.draftBatches,
      batchesError: state.draftBatchesError,
      submitting: state.draftSubmitting,
      submitError: state.draftSubmitError,
      resubmit: state.submitDraft,
      recipients: state.batchRecipients,
      openRecipients: state.openBatchRecipients,
      retrying: state.draftRetrying,
      retry: state.retryFailedRows,
      actionError: state.draftActionError,
      openDetails: state.openDetails,
    })),
  );
  const list = batches ?? [];
  const unsent = list.filter(
    (batch) => batch.delivery === 'pending' || batch.delivery === 'not-sent',
  );
  const finished = list.filter(
    (batch) => batch.payoutState !== null && isFinalPayoutState(batch.payoutState),
  ).length;
  const openBatch = list.find((batch) => batch.batchNo === recipients?.batchNo);
  const delivered = list.filter((batch) => batch.delivery === 'done').length;

  return (
    <section className="card tracking" aria-labelledby="tracking-title">
      <header className="tracking-header">
        <h3 id="tracking-title">Mass payouts of this draft</h3>
        <p
          className="count"
          data-testid="tracking-summary"
          aria-live="polite"
          title="Mass payouts of this draft that reached a final state at Calypso (completed, failed, partly paid or cancelled), of all its mass payouts"
        >
          {batches === null
            ? 'Loading…'
            : `${formatCount(finished)} of ${formatCount(list.length)} finished`}
        </p>
        <div className="actions">
          <ExportReconciliation draftId={draft.id} />
          {hasFailedRecipients(batches) && (
            <button
              type="button"
              className="primary"
              disabled={retrying}
              onClick={() => {
                void retry();
              }}
            >
              {retrying ? 'Making a new draft…' : 'Retry the failed rows'}
            </button>
          )}
        </div>
      </header>
      {list.length > 0 && (
        <p className="tracking-progress">
          <ProgressBar
            view={progressView(
              { done: delivered, total: list.length },
              'batches delivered',
              formatCount,
            )}
            label="Delivery"
            testId="delivery-progress"
          />
        </p>
      )}
      {actionError && <ErrorMessage error={actionError} />}
      {batchesError && <ErrorMessage error={batchesError} />}
      {submitError && <ErrorMessage error={submitError} />}
      {list.some((batch) => batch.delivery === 'not-sent') && (
        <div className="warning" role="note" data-testid="not-sent-note">
          {DELIVERY_MEANINGS['not-sent'].label}: {DELIVERY_MEANINGS['not-sent'].description}
        </div>
      )}
      {draft.state === 'submitting' && unsent.length > 0 && (
        <div className="warning" role="note">
          {formatCount(unsent.length)} {unsent.length === 1 ? 'batch is' : 'batches are'} not
          confirmed by Calypso yet. Payout Desk keeps asking with the same request ids, so nothing
          is paid twice.{' '}
          <button
            type="button"
            className="small"
            disabled={submitting}
            onClick={() => {
              void resubmit();
            }}
          >
            {submitting ? 'Sending…' : 'Send them now'}
          </button>
        </div>
      )}
      <table className="recipients tracking-batches" aria-label="Batches">
        <thead>
          <tr>
            <th scope="col">Batch</th>
            <th scope="col">Currency</th>
            <th scope="col" className="num">
              Rows
            </th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col">State</th>
            <th scope="col">Recipients</th>
            <th scope="col">Mass payout</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((batch) => (
            <BatchRow
              key={batch.batchNo}
              batch={batch}
              open={recipients?.batchNo === batch.batchNo}
              onToggle={() => {
                openRecipients(recipients?.batchNo === batch.batchNo ? null : batch.batchNo);
              }}
              onDetails={openDetails}
            />
          ))}
        </tbody>
      </table>
      {openBatch && <BatchRecipients batch={openBatch} />}
      <TestPaymentsPanel draft={draft} />
    </section>
  );
}

function BatchRow({
  batch,
  open,
  onToggle,
  onDetails,
}: {
  batch: DraftBatch;
  open: boolean;
  onToggle: () => void;
  /** Everything the cache holds about the batch's payout, in the details drawer. */
  onDetails: (ref: PayoutRef) => void;
}) {
  return (
    <tr
      data-batch-no={batch.batchNo}
      data-state={batch.payoutState ?? batch.delivery}
      className={open ? 'selected' : undefined}
    >
      <td>{batch.batchNo}</td>
      <td>
        <CurrencyName code={batch.currency} />
      </td>
      <td className="num">{formatCount(batch.rowCount)}</td>
      <td className="num amount">{formatAmount(batch.total)}</td>
      <td>
        {batch.payoutState !== null ? (
          <StateBadge state={batch.payoutState} />
        ) : (
          <span
            className={`badge badge-${DELIVERY_MEANINGS[batch.delivery].tone}`}
            data-delivery={batch.delivery}
            title={DELIVERY_MEANINGS[batch.delivery].description}
          >
            {DELIVERY_MEANINGS[batch.delivery].label}
          </span>
        )}
        {batch.errorMessage !== null && (
          <span className="error-inline block small-text">{batch.errorMessage}</span>
        )}
      </td>
      <td>
        <RecipientStatesBar tally={batch.recipients} />
      </td>
      <td className="mono" title={batch.payoutId ?? batch.requestId}>
        {batch.payoutId !== null ? shortId(batch.payoutId) : '—'}
      </td>
      <td>
        {batch.delivery === 'not-sent' && <CancelUnsentBatch requestId={batch.requestId} />}
        {batch.payoutId !== null && (
          <span className="actions">
            <button type="button" className="small" aria-expanded={open} onClick={onToggle}>
              {open ? 'Hide recipients' : 'Recipients'}
            </button>
            <button
              type="button"
              className="small"
              onClick={() => {
                if (batch.payoutId !== null) onDetails({ kind: 'mass', id: batch.payoutId });
              }}
            >
              Details
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

/** A batch that was never sent can be cancelled, e.g. when it was paid another way. */
function CancelUnsentBatch({ requestId }: { requestId: string }) {
  const { cancelIntent, refresh } = useDeskStore(
    useShallow((state) => ({
      cancelIntent: state.cancelIntent,
      refresh: state.refreshDraftTracking,
    })),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DeskError | null>(null);
  return (
    <>
      <button
        type="button"
        className="small danger"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(null);
          void cancelIntent(requestId).then(async (result) => {
            setBusy(false);
            if (!result.ok) setError(result.error);
            await refresh();
          });
        }}
      >
        {busy ? 'Cancelling…' : 'Cancel this batch'}
      </button>
      {error && <ErrorMessage error={error} />}
    </>
  );
}

/** The reconciliation file of this draft; what the export said is this draft's alone. */
function ExportReconciliation({ draftId }: { draftId: string }) {
  const { exporting, exportReconciliation, notice } = useDeskStore(
    useShallow((state) => ({
      exporting: state.draftExporting,
      exportReconciliation: state.exportReconciliation,
      notice: selectNotice(state, draftObject(draftId), 'export'),
    })),
  );
  const run = async (format: 'csv' | 'xlsx') => {
    const result = await exportReconciliation(format);
    if (!result?.ok) return;
    if (result.value.format === 'xlsx') downloadXlsx(result.value.fileName, result.value.base64);
    else downloadCsv(result.value.fileName, result.value.csv);
  };
  return (
    <>
      <button
        type="button"
        disabled={exporting}
        title="One line per line of the file, in file order: what was paid, what failed and why, what a retry paid, and what was never sent. In the file's own delimiter and decimal separator."
        onClick={() => {
          void run('csv');
        }}
      >
        {exporting ? 'Exporting…' : 'Export reconciliation'}
      </button>
      <button
        type="button"
        disabled={exporting}
        onClick={() => {
          void run('xlsx');
        }}
      >
        As .xlsx
      </button>
      {notice?.kind === 'done' && (
        <span className="muted small-text" role="status">
          {notice.text}
        </span>
      )}
      {notice?.kind === 'error' && <ErrorMessage error={notice.error} />}
    </>
  );
}
