/**
 * The page's side of the import worker. The file's bytes are moved to the worker (a
 * transferable ArrayBuffer, no copy); the summary comes back, and the rows stay in the
 * worker until "Create draft" asks for them a page at a time. Should a worker not start at
 * all, the same importer runs on the page so an import still works, only less smoothly.
 */
import type { ColumnMappingInput, ImportOptions } from '../../../shared/import';
import { draftRowOf } from '../../../shared/import/draft-from-reading';
import type { ImportHistory } from '../../../shared/import/import-history';
import type { RecalledReading } from '../../../shared/import/read-with-recall';
import { summarizeReading, type ReadingSummary } from '../../../shared/import/reading-summary';
import type { DraftRowInput, ImportWorkerAnswer, ImportWorkerRequest } from './import-protocol';

export type { DraftRowInput } from './import-protocol';

/** A file read in the page's worker: what the screen shows, and its rows on request. */
export type ParsedFile = Omit<RecalledReading, 'result'> & {
  result: ReadingSummary;
  /** Rows `start` to `start + count` (0-based) as draft rows. */
  rowsAt: (start: number, count: number) => Promise<DraftRowInput[]>;
  /** The rows are not needed any more (a draft was made, another file was chosen). */
  forget: () => void;
};

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
/** Requests for rows of a kept reading, by their own number. */
const asks = new Map<
  number,
  { resolve: (rows: DraftRowInput[]) => void; reject: (error: Error) => void }
>();
let nextAsk = 1;

function post(target: Worker, message: ImportWorkerRequest, transfer: Transferable[] = []): void {
  target.postMessage(message, transfer);
}

/** The worker itself failed (it could not load, or it crashed), not the file. */
class WorkerStopped extends Error {}

function failAll(message: string): void {
  for (const entry of pending.values()) entry.reject(new WorkerStopped(message));
  pending.clear();
  for (const entry of asks.values()) {
    entry.reject(new Error(`${message} Choose the file again to create the draft.`));
  }
  asks.clear();
}

/** The rows of reading `id`, kept in `target`, a page at a time. */
function rowsInWorker(target: Worker, id: number): ParsedFile['rowsAt'] {
  return (start, count) =>
    new Promise<DraftRowInput[]>((resolve, reject) => {
      if (worker !== target) {
        reject(new Error('The import worker stopped. Choose the file again to create the draft.'));
        return;
      }
      const ask = nextAsk;
      nextAsk += 1;
      asks.set(ask, { resolve, reject });
      post(target, { type: 'rows', id, ask, start, count });
    });
}

function startWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL('./import-worker.ts', import.meta.url), {
    type: 'module',
    name: 'import',
  });
  created.addEventListener('message', (event: MessageEvent<ImportWorkerAnswer>) => {
    const answer = event.data;
    if (answer.type === 'rows') {
      asks.get(answer.ask)?.resolve(answer.rows);
      asks.delete(answer.ask);
      return;
    }
    if (answer.type === 'failed' && answer.ask !== undefined) {
      asks.get(answer.ask)?.reject(new Error(answer.message));
      asks.delete(answer.ask);
      return;
    }
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
        result: answer.summary,
        signature: answer.signature,
        recalled: answer.recalled,
        recalledBy: answer.recalledBy,
        parseMs: answer.parseMs,
        rowsAt: rowsInWorker(created, answer.id),
        forget: () => {
          if (worker === created) post(created, { type: 'forget', id: answer.id });
        },
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
  sourceName: string | undefined,
): Promise<ParsedFile> {
  const { readWithRecall } = await import('../../../shared/import/read-with-recall');
  const { withHistory } = await import('../../../shared/import/import-history');
  const { result, ...reading } = await readWithRecall(
    new Uint8Array(bytes),
    withHistory(options, history),
    recall,
    sourceName !== undefined ? { sourceName } : {},
  );
  let rows: typeof result.rows | null = result.rows;
  return {
    ...reading,
    result: summarizeReading(result),
    rowsAt: (start, count) =>
      rows === null
        ? Promise.reject(
            new Error(
              'The file was read again or another file was chosen: create the draft again.',
            ),
          )
        : Promise.resolve(rows.slice(start, start + count).map(draftRowOf)),
    forget: () => {
      rows = null;
    },
  };
}

/** Reads, parses and validates a file in the worker. */
export async function parseFile(
  file: Blob,
  options: ImportOptions,
  recall?: RecallMapping,
  history: ImportHistory | null = null,
  onRows?: OnRows,
  sourceName?: string,
): Promise<ParsedFile> {
  const bytes = await file.arrayBuffer();
  let target: Worker;
  try {
    target = startWorker();
  } catch {
    return parseOnPage(bytes, options, recall, history, sourceName);
  }
  const id = nextId;
  nextId += 1;
  try {
    return await new Promise<ParsedFile>((resolve, reject) => {
      pending.set(id, { resolve, reject, recall, onRows });
      const request: ImportWorkerRequest = {
        type: 'parse',
        id,
        bytes,
        options,
        history,
        recall: recall !== undefined,
        ...(sourceName !== undefined ? { sourceName } : {}),
      };
      post(target, request, [bytes]);
    });
  } catch (error) {
    if (!(error instanceof WorkerStopped)) throw error;
    // The bytes went to the worker: read the file again.
    return parseOnPage(await file.arrayBuffer(), options, recall, history, sourceName);
  }
}
