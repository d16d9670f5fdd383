import { useState } from 'react';
import type { DeskError } from '../../../../shared/ipc';
import { ErrorMessage } from '../../components/ErrorMessage';
import { downloadCsv } from '../../lib/download-file';
import { useDeskStore } from '../../stores/store';

/** "Export CSV": every row matching the current filters, in the current order. */
export function ExportButton() {
  const exporting = useDeskStore((state) => state.historyExporting);
  const exportHistory = useDeskStore((state) => state.exportHistory);
  const [error, setError] = useState<DeskError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async () => {
    setError(null);
    setDone(null);
    const result = await exportHistory();
    if (result === null) return;
    if (!result.ok) {
      setError(result.error);
      return;
    }
    downloadCsv(result.value.fileName, result.value.csv);
    setDone(`${result.value.rowCount.toLocaleString()} rows exported to ${result.value.fileName}`);
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
      {done !== null && (
        <span className="muted small-text" role="status">
          {done}
        </span>
      )}
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
