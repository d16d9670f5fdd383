import { useShallow } from 'zustand/react/shallow';
import { ErrorMessage } from '../../components/ErrorMessage';
import { downloadCsv } from '../../lib/download-file';
import { selectNotice } from '../../stores/selectors';
import { HISTORY_OBJECT } from '../../stores/scope';
import { useDeskStore } from '../../stores/store';

/**
 * "Export CSV": every row matching the current filters, in the current order. What it said is
 * the active profile's (stores/notices-slice.ts): another profile's history shows none.
 */
export function ExportButton() {
  const { exporting, exportHistory, notice } = useDeskStore(
    useShallow((state) => ({
      exporting: state.historyExporting,
      exportHistory: state.exportHistory,
      notice: selectNotice(state, HISTORY_OBJECT, 'export'),
    })),
  );

  const run = async () => {
    const result = await exportHistory();
    if (result?.ok) downloadCsv(result.value.fileName, result.value.csv);
  };

  return (
    <div className="export">
      <button
        type="button"
        disabled={exporting}
        onClick={() => {
          void run();
        }}
      >
        {exporting ? 'Exporting…' : 'Export CSV'}
      </button>
      {notice?.kind === 'done' && (
        <span className="muted small-text" role="status">
          {notice.text}
        </span>
      )}
      {notice?.kind === 'error' && <ErrorMessage error={notice.error} />}
    </div>
  );
}
