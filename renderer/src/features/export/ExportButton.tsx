import { useState } from 'react';
import type { DeskError } from '../../../../shared/ipc';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useDeskStore } from '../../stores/store';

/** Hands the file main wrote to the browser's download machinery. */
function download(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

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
    download(result.value.fileName, result.value.csv);
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
