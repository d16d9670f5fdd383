/**
 * The client side of bench/worker-stall-bench.ts, in a thread of its own: building a
 * 100,000-row request and reading its answer must not be counted against the host thread
 * being measured. It calls the browser host as the page does (Origin + token), phase by
 * phase, and tells the bench when each phase starts and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { encodeAddress } from '../shared/address';

const { url, token, rows } = workerData as { url: string; token: string; rows: number };
const origin = new URL(url).origin;

async function call(method: string, argument: unknown): Promise<unknown> {
  const response = await fetch(`${url}api/call`, {
    method: 'POST',
    headers: { Origin: origin, 'X-Desk-Token': token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ method, argument }),
  });
  const result = (await response.json()) as
    { ok: true; value: unknown } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

function draftRows(count: number) {
  const list = [];
  for (let index = 0; index < count; index += 1) {
    const hash = new Uint8Array(20);
    new DataView(hash.buffer).setUint32(16, index + 1);
    hash[0] = 0x5e;
    list.push({
      line: index + 2,
      address: encodeAddress('tron', hash),
      amount: `${(index % 900) + 1}.${String(index % 100).padStart(2, '0')}`,
      currency: 'TRX',
      comment: `Invoice ${index + 1}`,
    });
  }
  return list;
}

async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  parentPort?.postMessage({ type: 'start', name });
  const started = performance.now();
  const value = await work();
  parentPort?.postMessage({ type: 'end', name, ms: performance.now() - started });
  return value;
}

async function main(): Promise<void> {
  const prepared = draftRows(rows);
  const draft = (await phase('create', () =>
    call('createDraft', {
      profileId: 'simulator',
      name: 'Bench draft',
      decimalSeparator: '.',
      rows: prepared,
    }),
  )) as { id: string; rowCount?: number };
  await phase('edit', () =>
    call('updateDraftRow', { draftId: draft.id, rowNo: 7, amount: '12.34' }),
  );
  const status = (await phase('sync', () => call('syncNow', { profileId: 'simulator' }))) as {
    state: string;
  };
  parentPort?.postMessage({ type: 'done', syncState: status.state });
}

main().catch((error: unknown) => {
  parentPort?.postMessage({
    type: 'failed',
    message: error instanceof Error ? error.message : String(error),
  });
});
