/**
 * The import worker: decoding, parsing and validating a spreadsheet too large for the desk to
 * be sent in one call happens here, off the UI thread (DESIGN.md "Performance budgets": the
 * UI never blocks for 50 ms). Smaller files are read by the desk itself (docs/import.md).
 * The rows of the latest reading stay here; the page gets the summary and asks for pages.
 */
import type { ColumnMappingInput } from '../../../shared/import';
import { draftRowOf } from '../../../shared/import/draft-from-reading';
import { withHistory } from '../../../shared/import/import-history';
import { readWithRecall } from '../../../shared/import/read-with-recall';
import { summarizeReading } from '../../../shared/import/reading-summary';
import type { ImportRow } from '../../../shared/import/types';
import { installWasmKeccak256 } from '../../../shared/keccak256';
import type { ImportWorkerAnswer, ImportWorkerRequest } from './import-protocol';

type WorkerScope = {
  postMessage: (message: ImportWorkerAnswer) => void;
  addEventListener: (
    type: 'message',
    listener: (event: MessageEvent<ImportWorkerRequest>) => void,
  ) => void;
};

const scope = self as unknown as WorkerScope;

const PROGRESS_INTERVAL_MS = 150;

// A large file has hundreds of thousands of 0x addresses to check: hash-wasm's Keccak is
// five to nine times noble's (shared/keccak256.ts). It compiles in milliseconds, so the first
// reading waits for it; where the page's policy refused WebAssembly, noble's runs.
const keccakReady = installWasmKeccak256();

const recalls = new Map<number, (mapping: ColumnMappingInput | null) => void>();

/** Only the latest reading is kept: the screen shows one file at a time. */
let kept: { id: number; rows: readonly ImportRow[] } | null = null;
/**
 * The latest parse asked for. An earlier one that finishes later (it waited for a remembered
 * mapping while a column choice was read) must not replace the reading on screen.
 */
let latest = 0;

async function parse(request: Extract<ImportWorkerRequest, { type: 'parse' }>): Promise<void> {
  // A new file or a new choice: the previous reading's rows are not wanted any more.
  latest = request.id;
  kept = null;
  await keccakReady;
  // The page is asked for a remembered mapping of the header, by message.
  const recall = request.recall
    ? (signature: string) => {
        const waiting = new Promise<ColumnMappingInput | null>((resolve) => {
          recalls.set(request.id, resolve);
        });
        scope.postMessage({ type: 'signature', id: request.id, signature });
        return waiting;
      }
    : undefined;
  // At most a few messages a second: the page redraws its bar, nothing more.
  let lastPostMs = 0;
  const onRows = (checked: number, total: number) => {
    const now = Date.now();
    if (checked < total && now - lastPostMs < PROGRESS_INTERVAL_MS) return;
    lastPostMs = now;
    scope.postMessage({ type: 'progress', id: request.id, checked, total });
  };
  const { result, ...reading } = await readWithRecall(
    new Uint8Array(request.bytes),
    withHistory(request.options, request.history),
    recall,
    { onRows, ...(request.sourceName !== undefined ? { sourceName: request.sourceName } : {}) },
  );
  if (request.id === latest) kept = { id: request.id, rows: result.rows };
  scope.postMessage({
    type: 'result',
    id: request.id,
    summary: summarizeReading(result),
    signature: reading.signature,
    recalled: reading.recalled,
    recalledBy: reading.recalledBy,
    parseMs: reading.parseMs,
  });
}

function answerRows(request: Extract<ImportWorkerRequest, { type: 'rows' }>): void {
  if (kept === null || kept.id !== request.id) {
    scope.postMessage({
      type: 'failed',
      id: request.id,
      ask: request.ask,
      message: 'The file was read again or another file was chosen: create the draft again.',
    });
    return;
  }
  const rows = kept.rows.slice(request.start, request.start + request.count).map(draftRowOf);
  scope.postMessage({ type: 'rows', id: request.id, ask: request.ask, rows });
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (request.type === 'recalled') {
    recalls.get(request.id)?.(request.mapping);
    recalls.delete(request.id);
    return;
  }
  if (request.type === 'rows') {
    answerRows(request);
    return;
  }
  if (request.type === 'forget') {
    if (kept?.id === request.id) kept = null;
    return;
  }
  parse(request).catch((error: unknown) => {
    scope.postMessage({
      type: 'failed',
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
    });
  });
});
