/**
 * The import worker: decoding, parsing and validating a spreadsheet of any size happens here,
 * off the UI thread (DESIGN.md "Performance budgets": the UI never blocks for 50 ms).
 */
import {
  headerSignature,
  importPayoutFile,
  type ColumnMappingInput,
  type ImportResult,
} from '../../../shared/import';
import type { ImportWorkerAnswer, ImportWorkerRequest } from './import-protocol';

type WorkerScope = {
  postMessage: (message: ImportWorkerAnswer) => void;
  addEventListener: (
    type: 'message',
    listener: (event: MessageEvent<ImportWorkerRequest>) => void,
  ) => void;
};

const scope = self as unknown as WorkerScope;

/** Enough of the file to find its header row (searched within the first records). */
const HEADER_PREFIX_BYTES = 64 * 1024;

const recalls = new Map<number, (mapping: ColumnMappingInput | null) => void>();

/**
 * The file's first lines, cut after a line break so no character is split; UTF-16 text is
 * cut at an even offset.
 */
function headerPrefix(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength <= HEADER_PREFIX_BYTES) return bytes;
  const head = bytes.subarray(0, HEADER_PREFIX_BYTES);
  const lastBreak = head.lastIndexOf(0x0a);
  if (lastBreak < 0) return head;
  let zeros = 0;
  for (const byte of head) if (byte === 0) zeros += 1;
  const utf16 = zeros > head.length / 4;
  let end = lastBreak + 1;
  if (utf16 && end % 2 === 1) end += 1;
  return bytes.subarray(0, end);
}

function signatureOf(result: ImportResult): string | null {
  return result.hasHeader && result.headers.length > 0 ? headerSignature(result.headers) : null;
}

async function parse(request: Extract<ImportWorkerRequest, { type: 'parse' }>): Promise<void> {
  const bytes = new Uint8Array(request.bytes);
  let options = request.options;
  let recalled: ColumnMappingInput | null = null;
  if (request.recall && options.mapping === undefined) {
    const header = signatureOf(importPayoutFile(headerPrefix(bytes), options));
    if (header !== null) {
      const waiting = new Promise<ColumnMappingInput | null>((resolve) => {
        recalls.set(request.id, resolve);
      });
      scope.postMessage({ type: 'signature', id: request.id, signature: header });
      recalled = await waiting;
      if (recalled !== null) options = { ...options, mapping: recalled };
    }
  }
  const parseStarted = performance.now();
  const result = importPayoutFile(bytes, options);
  scope.postMessage({
    type: 'result',
    id: request.id,
    result,
    signature: signatureOf(result),
    recalled,
    parseMs: Math.round(performance.now() - parseStarted),
  });
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (request.type === 'recalled') {
    recalls.get(request.id)?.(request.mapping);
    recalls.delete(request.id);
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
