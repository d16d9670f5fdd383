import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DraftSummary } from '../../../../shared/drafts';
import { formatCount } from '../../lib/format';
import type { VerdictFilter } from './drafts-slice';
import { useDeskStore } from '../../stores/store';
import { countsText, rowsText } from './verdicts';

const FILTERS: readonly { filter: VerdictFilter; label: string }[] = [
  { filter: 'all', label: 'All rows' },
  { filter: 'error', label: 'Errors only' },
  { filter: 'warning', label: 'Warnings only' },
];

function countFor(draft: DraftSummary, filter: VerdictFilter): number {
  return filter === 'all' ? draft.rowCount : draft.counts[filter];
}

/** Filter, counts, add, delete, discard, and the way on to the review. */
export function DraftToolbar({ draft }: { draft: DraftSummary }) {
  const {
    filter,
    setFilter,
    selected,
    busy,
    saving,
    addRow,
    deleteSelected,
    clearSelection,
    discard,
    review,
    showFileColumns,
    setShowFileColumns,
  } = useDeskStore(
    useShallow((state) => ({
      filter: state.draftFilter,
      setFilter: state.setDraftFilter,
      selected: Object.keys(state.draftSelection).length,
      busy: state.draftBusy,
      saving: Object.keys(state.draftSavingRows).length > 0,
      addRow: state.addDraftRow,
      deleteSelected: state.deleteSelectedDraftRows,
      clearSelection: state.clearDraftSelection,
      discard: state.discardDraft,
      review: state.startDraftReview,
      showFileColumns: state.draftShowFileColumns,
      setShowFileColumns: state.setDraftShowFileColumns,
    })),
  );
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const sendable = draft.counts.ok + draft.counts.warning;

  return (
    <div className="draft-toolbar">
      <p className="count" data-testid="draft-counts" aria-live="polite">
        {rowsText(draft.rowCount)}: {countsText(draft.counts)}
      </p>
      <div className="segmented" role="group" aria-label="Show">
        {FILTERS.map((entry) => (
          <button
            key={entry.filter}
            type="button"
            className="small"
            aria-pressed={filter === entry.filter}
            onClick={() => {
              setFilter(entry.filter);
            }}
          >
            {entry.label} ({formatCount(countFor(draft, entry.filter))})
          </button>
        ))}
      </div>
      {draft.extraColumns.length > 0 && (
        <label
          className="inline-check"
          title={`Columns of the file the payout does not use: ${draft.extraColumns.join(', ')}. They stay with each row and go into the reconciliation; Calypso never receives them.`}
        >
          <input
            type="checkbox"
            checked={showFileColumns}
            onChange={(event) => {
              setShowFileColumns(event.target.checked);
            }}
          />{' '}
          Show the file’s other columns ({formatCount(draft.extraColumns.length)})
        </label>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            void addRow();
          }}
        >
          Add row
        </button>
        <button
          type="button"
          disabled={busy || selected === 0}
          title="Or press Delete in the grid"
          onClick={() => {
            void deleteSelected();
          }}
        >
          Delete selected{selected > 0 ? ` (${formatCount(selected)})` : ''}
        </button>
        {selected > 0 && (
          <button type="button" className="ghost small" onClick={clearSelection}>
            Clear selection
          </button>
        )}
        {!confirmDiscard ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setConfirmDiscard(true);
            }}
          >
            Discard draft
          </button>
        ) : (
          <span className="confirm-inline" role="group" aria-label="Discard the draft">
            <span>Discard “{draft.name}” and all its rows? Nothing was sent.</span>
            <button
              type="button"
              className="danger small"
              disabled={busy}
              onClick={() => {
                void discard();
              }}
            >
              Discard
            </button>
            <button
              type="button"
              className="small"
              onClick={() => {
                setConfirmDiscard(false);
              }}
            >
              Keep it
            </button>
          </span>
        )}
        <button
          type="button"
          className="primary"
          disabled={busy || saving || sendable === 0}
          onClick={() => {
            void review();
          }}
        >
          Review and submit
        </button>
      </div>
    </div>
  );
}
