// The page's import worker keeps the rows of its latest reading and hands them out a page at
// a time (docs/import.md, "Files the page reads"). Found by a review: a parse that waited for
// the page's remembered mapping and finished after a newer one replaced the reading on
// screen, so its Create draft found no rows. The real worker module, driven through its
// message protocol with a stand-in for the worker's global scope.
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  ImportWorkerAnswer,
  ImportWorkerRequest,
} from '../../../renderer/src/workers/import-protocol';

type Listener = (event: { data: ImportWorkerRequest }) => void;
let listener: Listener | null = null;
const answers: ImportWorkerAnswer[] = [];

function send(data: ImportWorkerRequest): void {
  if (listener === null) throw new Error('the worker did not listen');
  listener({ data });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

function csv(rows: number): ArrayBuffer {
  const lines = ['address,amount,currency'];
  for (let index = 0; index < rows; index += 1) {
    lines.push(`TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7,${String(index + 1)}.5,USDT_TRX`);
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`).buffer;
}

function lastAnswer(): ImportWorkerAnswer | undefined {
  return answers.at(-1);
}

beforeAll(async () => {
  (globalThis as { self?: unknown }).self = {
    postMessage: (message: ImportWorkerAnswer) => answers.push(message),
    addEventListener: (_type: string, added: Listener) => {
      listener = added;
    },
  };
  await import('../../../renderer/src/workers/import-worker');
});

describe('the import worker', () => {
  it('answers a summary, then the rows a page at a time, in order', async () => {
    send({ type: 'parse', id: 1, bytes: csv(5), options: {}, history: null, recall: false });
    await settle();
    const result = answers.find((answer) => answer.type === 'result' && answer.id === 1);
    expect(result?.type === 'result' && result.summary.rowCount).toBe(5);
    expect(result && 'rows' in result).toBe(false);
    send({ type: 'rows', id: 1, ask: 1, start: 2, count: 2 });
    await settle();
    const page = lastAnswer();
    expect(page?.type === 'rows' && page.rows.map((row) => row.amount)).toEqual(['3.5', '4.5']);
  });

  it('keeps the newest reading when an older one finishes after it', async () => {
    // #2 waits for a remembered mapping; #3 (a column choice) needs none and finishes first.
    send({ type: 'parse', id: 2, bytes: csv(3), options: {}, history: null, recall: true });
    await settle();
    send({
      type: 'parse',
      id: 3,
      bytes: csv(4),
      options: { delimiter: ',' },
      history: null,
      recall: false,
    });
    await settle();
    send({ type: 'recalled', id: 2, mapping: null });
    await settle();
    send({ type: 'forget', id: 2 }); // the page drops the late answer as stale
    send({ type: 'rows', id: 3, ask: 2, start: 0, count: 10 });
    await settle();
    const page = lastAnswer();
    expect(page?.type).toBe('rows');
    expect(page?.type === 'rows' && page.rows).toHaveLength(4);
  });

  it('refuses rows of a reading it no longer keeps, with a sentence', async () => {
    send({ type: 'forget', id: 3 });
    send({ type: 'rows', id: 3, ask: 3, start: 0, count: 1 });
    await settle();
    const answer = lastAnswer();
    expect(answer?.type === 'failed' && answer.message).toMatch(/create the draft again/);
  });
});
