import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DraftSummary } from '../../../../shared/drafts';
import { formatCount } from '../../lib/format';
import { draftSelectedCount, type VerdictFilter } from './drafts-slice';
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
    allSelected,
    narrowed,
    search,
    setSearch,
    busy,
    saving,
    addRow,
    askDelete,
    confirmDelete,
    deleteSelected,
    cancelDelete,
    undo,
    undoDelete,
    clearSelection,
    discard,
    review,
    showFileColumns,
    setShowFileColumns,
  } = useDeskStore(
    useShallow((state) => ({
      filter: state.draftFilter,
      setFilter: state.setDraftFilter,
      selected: draftSelectedCount(state),
      allSelected: state.draftSelectAll !== null,
      narrowed: state.draftFilter !== 'all' || state.draftSearchApplied !== '',
      search: state.draftSearch,
      setSearch: state.setDraftSearch,
      busy: state.draftBusy,
      saving: Object.keys(state.draftSavingRows).length > 0,
      addRow: state.addDraftRow,
      askDelete: state.askDeleteSelectedDraftRows,
      confirmDelete: state.draftConfirmDelete,
      deleteSelected: state.deleteSelectedDraftRows,
      cancelDelete: state.cancelDeleteDraftRows,
      undo: state.draftUndo,
      undoDelete: state.undoDraftDelete,
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
      <p
        className="count"
        data-testid="draft-counts"
        aria-live="polite"
        title="Rows of this draft by verdict: OK rows and rows with warnings are sent; rows with errors are not sent until they are fixed."
      >
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
      <input
        type="search"
        className="draft-search"
        aria-label="Search rows"
        placeholder="Search address, name, comment, amount"
        maxLength={200}
        value={search}
        onChange={(event) => {
          setSearch(event.target.value);
        }}
      />
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
        {!confirmDelete ? (
          <button
            type="button"
            disabled={busy || selected === 0}
            title="Or press Delete in the grid"
            onClick={askDelete}
          >
            Delete selected{selected > 0 ? ` (${formatCount(selected)})` : ''}
          </button>
        ) : (
          <DeleteConfirm
            count={selected}
            scope={allSelected ? (narrowed ? 'matching' : 'draft') : 'ticked'}
            busy={busy}
            onDelete={() => {
              void deleteSelected();
            }}
            onKeep={cancelDelete}
          />
        )}
        {selected > 0 && !confirmDelete && (
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
        {undo !== null && (
          <span className="undo-bar" role="status" data-testid="draft-undo">
            <span>{rowsText(undo.rowNos.length)} deleted.</span>
            <button
              type="button"
              className="small"
              disabled={busy}
              onClick={() => {
                void undoDelete();
              }}
            >
              Undo
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

/**
 * "Delete 3 rows?" in the toolbar, as the discard asks. It takes the focus, so the Delete key
 * in the grid followed by Enter deletes, and Escape keeps the rows.
 */
function DeleteConfirm({
  count,
  scope,
  busy,
  onDelete,
  onKeep,
}: {
  count: number;
  /**
   * What is deleted: the rows ticked one by one, or by Select all every row of the draft or
   * every row matching its filter and search, loaded or not.
   */
  scope: 'ticked' | 'matching' | 'draft';
  busy: boolean;
  onDelete: () => void;
  onKeep: () => void;
}) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus();
  }, []);
  return (
    <span
      className="confirm-inline"
      role="group"
      aria-label="Delete the selected rows"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onKeep();
      }}
    >
      <span>
        Delete {scope === 'ticked' ? '' : 'all '}
        {rowsText(count)}
        {scope === 'matching' ? ' matching the filter and search' : ''}
        {scope === 'draft' ? ' of the draft' : ''}? You can undo it until your next change.
      </span>
      <button
        ref={button}
        type="button"
        className="danger small"
        disabled={busy}
        onClick={onDelete}
      >
        Delete {rowsText(count)}
      </button>
      <button type="button" className="small" onClick={onKeep}>
        Keep them
      </button>
    </span>
  );
}
