/**
 * The page's side of the import worker. The file's bytes are moved to the worker (a
 * transferable ArrayBuffer, no copy); only the result comes back. Should a worker not start
 * at all, the same importer runs on the page so an import still works, only less smoothly.
 */
import type { ColumnMappingInput, ImportOptions } from '../../../shared/import';
import type { ImportHistory } from '../../../shared/import/import-history';
import type { RecalledReading } from '../../../shared/import/read-with-recall';
import type { ImportWorkerAnswer, ImportWorkerRequest } from './import-protocol';

export type ParsedFile = RecalledReading;

/** Asked with the header's signature before the rows are read; answers a remembered mapping. */
export type RecallMapping = (signature: string) => Promise<ColumnMappingInput | null>;

/** Told how many rows are checked of how many while the worker reads the file. */
export type OnRows = (checked: number, total: number) => void;

type Pending = {
  resolve: (parsed: ParsedFile) => void;
  reject: (error: Error) => void;
  recall: RecallMapping | undefined;
  onRows: OnRows | undefined;
};

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function post(target: Worker, message: ImportWorkerRequest, transfer: Transferable[] = []): void {
  target.postMessage(message, transfer);
}

/** The worker itself failed (it could not load, or it crashed), not the file. */
class WorkerStopped extends Error {}

function failAll(message: string): void {
  for (const entry of pending.values()) entry.reject(new WorkerStopped(message));
  pending.clear();
}

function startWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL('./import-worker.ts', import.meta.url), {
    type: 'module',
    name: 'import',
  });
  created.addEventListener('message', (event: MessageEvent<ImportWorkerAnswer>) => {
    const answer = event.data;
    const entry = pending.get(answer.id);
    if (!entry) return;
    if (answer.type === 'signature') {
      const recall = entry.recall ?? (() => Promise.resolve(null));
      recall(answer.signature)
        .catch(() => null)
        .then((mapping) => {
          post(created, { type: 'recalled', id: answer.id, mapping });
        })
        .catch(() => undefined);
      return;
    }
    if (answer.type === 'progress') {
      entry.onRows?.(answer.checked, answer.total);
      return;
    }
    pending.delete(answer.id);
    if (answer.type === 'failed') entry.reject(new Error(answer.message));
    else {
      entry.resolve({
        result: answer.result,
        signature: answer.signature,
        recalled: answer.recalled,
        // The page's worker recalls by header only; by source name is the desk's (file-readings).
        recalledBy: answer.recalled === null ? null : 'header',
        parseMs: answer.parseMs,
      });
    }
  });
  created.addEventListener('error', (event) => {
    event.preventDefault();
    created.terminate();
    if (worker === created) worker = null;
    failAll(event.message || 'The import worker stopped.');
  });
  worker = created;
  return created;
}

/** Same importer on the page, for the rare host where workers cannot start. */
async function parseOnPage(
  bytes: ArrayBuffer,
  options: ImportOptions,
  recall: RecallMapping | undefined,
  history: ImportHistory | null,
): Promise<ParsedFile> {
  const { readWithRecall } = await import('../../../shared/import/read-with-recall');
  const { withHistory } = await import('../../../shared/import/import-history');
  return readWithRecall(new Uint8Array(bytes), withHistory(options, history), recall);
}

/** Reads, parses and validates a file in the worker. */
export async function parseFile(
  file: Blob,
  options: ImportOptions,
  recall?: RecallMapping,
  history: ImportHistory | null = null,
  onRows?: OnRows,
): Promise<ParsedFile> {
  const bytes = await file.arrayBuffer();
  let target: Worker;
  try {
    target = startWorker();
  } catch {
    return parseOnPage(bytes, options, recall, history);
  }
  const id = nextId;
  nextId += 1;
  try {
    return await new Promise<ParsedFile>((resolve, reject) => {
      pending.set(id, { resolve, reject, recall, onRows });
      post(target, { type: 'parse', id, bytes, options, history, recall: recall !== undefined }, [
        bytes,
      ]);
    });
  } catch (error) {
    if (!(error instanceof WorkerStopped)) throw error;
    // The bytes went to the worker: read the file again.
    return parseOnPage(await file.arrayBuffer(), options, recall, history);
  }
}
