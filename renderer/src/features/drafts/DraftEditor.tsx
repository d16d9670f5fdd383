import { useShallow } from 'zustand/react/shallow';
import type { DraftSummary } from '../../../../shared/drafts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useDeskStore } from '../../stores/store';
import { BatchPlan } from './BatchPlan';
import { DraftGrid } from './DraftGrid';
import { DraftToolbar } from './DraftToolbar';
import { RowDetails } from './RowDetails';

/** Fix every row before anything is sent: the grid, what is wrong, and the batch plan. */
export function DraftEditor({ draft }: { draft: DraftSummary }) {
  const { rowsError, actionError, refresh } = useDeskStore(
    useShallow((state) => ({
      rowsError: state.draftRowsError,
      actionError: state.draftActionError,
      refresh: state.refreshDraftRows,
    })),
  );
  return (
    <>
      <DraftToolbar draft={draft} />
      {actionError && <ErrorMessage error={actionError} />}
      {rowsError && (
        <ErrorMessage
          error={rowsError}
          onRetry={() => {
            void refresh();
          }}
        />
      )}
      <div className="draft-workspace">
        <DraftGrid />
        <aside className="draft-side">
          <RowDetails />
          <BatchPlan draft={draft} />
        </aside>
      </div>
    </>
  );
}
