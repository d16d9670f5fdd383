/** Hands a file to the browser's download machinery (exports, approval files). */
export function downloadFile(fileName: string, content: string | Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: some browsers read the blob after click() returns.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

/** A CSV export (history, drafts, audit, address book, run diff). */
export function downloadCsv(fileName: string, csv: string): void {
  downloadFile(fileName, csv, 'text/csv;charset=utf-8');
}

/** An approval request or a signed approval. */
export function downloadJson(fileName: string, json: string): void {
  downloadFile(fileName, json, 'application/json;charset=utf-8');
}

/** A workbook main wrote (base64 over IPC, which carries text). */
export function downloadXlsx(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  downloadFile(
    fileName,
    bytes,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
}
