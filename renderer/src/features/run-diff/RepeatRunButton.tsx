import { useShallow } from 'zustand/react/shallow';
import type { DraftSummary } from '../../../../shared/drafts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useDeskStore } from '../../stores/store';

/**
 * "Repeat this run": a new draft with this draft's rows (what it sent, once submitted),
 * checked again against today's payments, opened for editing (docs/run-diff.md).
 */
export function RepeatRunButton({ draft }: { draft: DraftSummary }) {
  const { busy, error, repeat } = useDeskStore(
    useShallow((state) => ({
      busy: state.runRepeatBusy,
      error: state.runRepeatError?.draftId === draft.id ? state.runRepeatError.error : null,
      repeat: state.repeatRun,
    })),
  );
  return (
    <div className="run-repeat">
      <button
        type="button"
        disabled={busy}
        title="A new draft with these recipients and amounts, checked again today"
        onClick={() => {
          void repeat(draft.id);
        }}
      >
        {busy ? 'Repeating…' : 'Repeat this run'}
      </button>
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
