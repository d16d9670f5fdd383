import { useId, useState, type DragEvent } from 'react';
import { useDeskStore } from '../../stores/store';

/** Choose a file or drop it here; it is read in a worker and nothing is sent yet. */
export function FileDrop() {
  const choose = useDeskStore((state) => state.chooseImportFile);
  const [dragging, setDragging] = useState(false);
  const id = useId();

  const pick = (files: FileList | null) => {
    const file = files?.[0];
    if (file) void choose(file);
  };
  const over = (event: DragEvent) => {
    event.preventDefault();
    setDragging(true);
  };

  return (
    <div
      className={`card file-drop${dragging ? ' dragging' : ''}`}
      onDragEnter={over}
      onDragOver={over}
      onDragLeave={() => {
        setDragging(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        pick(event.dataTransfer.files);
      }}
    >
      <div className="field compact">
        <label htmlFor={id}>Payout file</label>
        <input
          id={id}
          type="file"
          accept=".csv,.txt,.tsv,.xlsx,.xlsm,.ods,.xls"
          aria-describedby={`${id}-note`}
          onChange={(event) => {
            pick(event.target.files);
            // The same file can be chosen again after it was edited.
            event.target.value = '';
          }}
        />
      </div>
      <p className="field-note" id={`${id}-note`}>
        Choose an Excel workbook (.xlsx), an OpenDocument spreadsheet (.ods) or a CSV, TXT or TSV
        file, or drop it here: exports from Excel, Google Sheets or an ERP work as they are (UTF-8
        or UTF-16; comma, semicolon or tab). The columns are address, amount, currency and comment.
        Nothing is sent before you review and submit.
      </p>
    </div>
  );
}
