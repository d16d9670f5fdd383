import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isCancellablePayoutState } from '../../../../shared/calypso/states';
import type { DraftBatch } from '../../../../shared/drafts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatCount } from '../../lib/format';
import { useDeskStore } from '../../stores/store';
import { currencyName } from '../../../../shared/currency-names';

/** Shown with the batch's recipients while the batch can still be stopped. */
export function CancelBatch({ batch }: { batch: DraftBatch }) {
  const { cancelling, error, cancel } = useDeskStore(
    useShallow((state) => ({
      cancelling: state.batchCancelling === batch.batchNo,
      error: state.batchCancelError,
      cancel: state.cancelBatch,
    })),
  );
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (batch.payoutState === null || !isCancellablePayoutState(batch.payoutState)) return null;
  if (!open) {
    return (
      <button
        type="button"
        className="danger"
        onClick={() => {
          setOpen(true);
        }}
      >
        Cancel batch {batch.batchNo}
      </button>
    );
  }
  return (
    <form
      className="cancel-form"
      aria-label={`Cancel batch ${batch.batchNo}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim() === '') return;
        void cancel(batch.batchNo, reason.trim()).then((cancelled) => {
          if (cancelled) setOpen(false);
        });
      }}
    >
      <div className="field">
        <label htmlFor={`cancel-batch-${batch.batchNo}`}>Reason for cancelling</label>
        <textarea
          id={`cancel-batch-${batch.batchNo}`}
          value={reason}
          required
          maxLength={500}
          rows={2}
          onChange={(event) => {
            setReason(event.target.value);
          }}
        />
        <p className="field-note">
          Only this batch ({currencyName(batch.currency)}, {formatCount(batch.rowCount)} rows) is
          cancelled; Calypso keeps the message with it.
        </p>
      </div>
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" className="danger" disabled={cancelling || reason.trim() === ''}>
          {cancelling ? 'Cancelling…' : 'Confirm cancellation'}
        </button>
        <button
          type="button"
          disabled={cancelling}
          onClick={() => {
            setOpen(false);
          }}
        >
          Keep the batch
        </button>
      </div>
    </form>
  );
}
