import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useDeskStore } from '../../stores/store';

/** Asks why, then cancels. Only offered while the payout can still be stopped. */
export function CancelPayout() {
  const { submitting, error, cancelPayout } = useDeskStore(
    useShallow((state) => ({
      submitting: state.cancelSubmitting,
      error: state.cancelError,
      cancelPayout: state.cancelPayout,
    })),
  );
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const id = useId();

  if (!open) {
    return (
      <button
        type="button"
        className="danger"
        onClick={() => {
          setOpen(true);
        }}
      >
        Cancel this payout
      </button>
    );
  }
  return (
    <form
      className="cancel-form"
      aria-label="Cancel the payout"
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim() === '') return;
        void cancelPayout(reason.trim()).then((cancelled) => {
          if (cancelled) setOpen(false);
        });
      }}
    >
      <div className="field">
        <label htmlFor={id}>Reason for cancelling</label>
        <textarea
          id={id}
          value={reason}
          required
          maxLength={500}
          rows={2}
          onChange={(event) => {
            setReason(event.target.value);
          }}
        />
        <p className="field-note">Calypso keeps this message with the cancelled payout.</p>
      </div>
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" className="danger" disabled={submitting || reason.trim() === ''}>
          {submitting ? 'Cancelling…' : 'Confirm cancellation'}
        </button>
        <button
          type="button"
          disabled={submitting}
          onClick={() => {
            setOpen(false);
          }}
        >
          Keep the payout
        </button>
      </div>
    </form>
  );
}
