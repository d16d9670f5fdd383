import { useShallow } from 'zustand/react/shallow';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateTime } from '../../lib/format';
import { useDeskStore } from '../../stores/store';
import { RepeatRunButton } from '../run-diff/RepeatRunButton';
import { RunDiffPanel } from '../run-diff/RunDiffPanel';
import { DraftEditor } from './DraftEditor';
import { DraftReviewPanel } from './DraftReviewPanel';
import { RetryLineage } from './RetryLineage';
import { DraftTracking } from './DraftTracking';
import { DRAFT_STATE_LABELS } from './verdicts';

/** One draft: edit its rows, review and submit it, then follow its mass payouts. */
export function DraftScreen() {
  const { draft, error, step, close, openDraft, parentName, reload } = useDeskStore(
    useShallow((state) => ({
      draft: state.draft,
      error: state.draftError,
      step: state.draftStep,
      close: state.closeDraft,
      openDraft: state.openDraft,
      parentName:
        state.draft?.parentDraftId == null
          ? null
          : (state.draftsList?.find((entry) => entry.id === state.draft?.parentDraftId)?.name ??
            'the original draft'),
      reload: state.reloadDraft,
    })),
  );
  if (!draft) {
    return (
      <section className="page">
        {error ? (
          <ErrorMessage
            error={error}
            onRetry={() => {
              void reload();
            }}
          />
        ) : (
          <p className="muted">Opening the draft…</p>
        )}
        <div className="actions">
          <button type="button" onClick={close}>
            All drafts
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="page draft-page" aria-labelledby="draft-title">
      <header className="page-header">
        <button type="button" className="ghost" onClick={close}>
          ← All drafts
        </button>
        <h2 id="draft-title">{draft.name}</h2>
        <span
          className={`badge ${draft.state === 'editing' ? 'badge-waiting' : draft.state === 'submitting' ? 'badge-progress' : 'badge-success'}`}
          data-testid="draft-state"
        >
          {DRAFT_STATE_LABELS[draft.state]}
        </span>
        <p className="muted small-text">
          {draft.sourceFile !== null ? `From ${draft.sourceFile} · ` : ''}created{' '}
          {formatDateTime(draft.createdMs)} · saved {formatDateTime(draft.updatedMs)}
        </p>
        <div className="page-actions">
          <RepeatRunButton draft={draft} />
        </div>
      </header>
      {draft.parentDraftId !== null && (
        <p className="draft-parent" data-testid="draft-parent">
          A retry of the failed rows of{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              if (draft.parentDraftId !== null) openDraft(draft.parentDraftId);
            }}
          >
            {parentName}
          </button>
          .
        </p>
      )}
      <RetryLineage retries={draft.retries} onOpen={openDraft} />
      {/* Before the review: what this run changes compared with the last one. */}
      {/* Keyed by the draft (one key per panel: siblings never share one): what a panel
          keeps for itself (a refused cancel, a message) is about this draft and goes when
          another one is opened here. */}
      {draft.state === 'editing' && <RunDiffPanel key={`run-diff:${draft.id}`} draft={draft} />}
      {draft.state !== 'editing' ? (
        <DraftTracking key={`tracking:${draft.id}`} draft={draft} />
      ) : step === 'review' ? (
        <DraftReviewPanel key={`review:${draft.id}`} draft={draft} />
      ) : (
        <DraftEditor key={`editor:${draft.id}`} draft={draft} />
      )}
    </section>
  );
}
