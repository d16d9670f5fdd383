import { useShallow } from 'zustand/react/shallow';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatCount, formatDateTime } from '../../lib/format';
import { useDeskStore } from '../../stores/store';
import { DRAFT_STATE_LABELS } from './verdicts';

/** Every draft of the active profile, the latest edited first. */
export function DraftsList() {
  const { drafts, error, reload, openDraft, navigate } = useDeskStore(
    useShallow((state) => ({
      drafts: state.draftsList,
      error: state.draftsListError,
      reload: state.loadDrafts,
      openDraft: state.openDraft,
      navigate: state.navigate,
    })),
  );
  return (
    <section className="page drafts-page" aria-labelledby="drafts-title">
      <header className="page-header">
        <h2 id="drafts-title">Drafts</h2>
        <p className="count">
          {drafts === null
            ? 'Loading…'
            : `${formatCount(drafts.length)} ${drafts.length === 1 ? 'draft' : 'drafts'}`}
        </p>
        <div className="page-actions">
          <button
            type="button"
            onClick={() => {
              navigate('import');
            }}
          >
            Import file
          </button>
        </div>
      </header>
      {error && (
        <ErrorMessage
          error={error}
          onRetry={() => {
            void reload();
          }}
        />
      )}
      {drafts !== null && drafts.length === 0 && (
        <p className="card">
          No drafts yet. Import a spreadsheet of recipients to make one: it is saved here while you
          fix it, and nothing is sent before you submit it.
        </p>
      )}
      {drafts !== null && drafts.length > 0 && (
        <table className="recipients drafts-table card" aria-label="Drafts">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last saved</th>
              <th scope="col" className="num">
                Rows
              </th>
              <th scope="col" className="num">
                OK
              </th>
              <th scope="col" className="num">
                Warnings
              </th>
              <th scope="col" className="num">
                Errors
              </th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((draft) => (
              <tr key={draft.id} data-draft-id={draft.id}>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      openDraft(draft.id);
                    }}
                  >
                    {draft.name}
                  </button>
                  {draft.sourceFile !== null && (
                    <span className="muted block small-text">{draft.sourceFile}</span>
                  )}
                  {draft.parentDraftId !== null && (
                    <span className="muted block small-text">Retry of failed rows</span>
                  )}
                  {draft.retries[0] !== undefined && (
                    <span className="muted block small-text">
                      Retried in {draft.retries[0].name} (
                      {DRAFT_STATE_LABELS[draft.retries[0].state].toLowerCase()})
                    </span>
                  )}
                </td>
                <td>{formatDateTime(draft.createdMs)}</td>
                <td>{formatDateTime(draft.updatedMs)}</td>
                <td className="num">{formatCount(draft.rowCount)}</td>
                <td className="num">{formatCount(draft.counts.ok)}</td>
                <td className="num">{formatCount(draft.counts.warning)}</td>
                <td className="num">{formatCount(draft.counts.error)}</td>
                <td>{DRAFT_STATE_LABELS[draft.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
