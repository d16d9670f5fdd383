// What the browser host does when the request is too big or the host itself fails: a 4xx or a
// 500, a log line without the token, and the host still serving.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type RunningBrowserHost } from '../../../electron/browser-host/server';
import type { Logger } from '../../../electron/services/log';
import { formatLogLine } from '../../../electron/services/log';

let host: RunningBrowserHost;
let dataDir: string;
let rendererDir: string;
const lines: string[] = [];
const log: Logger = {
  info: (message, fields) => lines.push(formatLogLine('info', message, fields, 0)),
  warn: (message, fields) => lines.push(formatLogLine('warn', message, fields, 0)),
  error: (message, fields) => lines.push(formatLogLine('error', message, fields, 0)),
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'payout-desk-host-fail-'));
  rendererDir = mkdtempSync(join(tmpdir(), 'payout-desk-host-fail-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
  host = await startBrowserHost({
    rendererDir,
    desk: { dataDir, sync: { startOnOpen: false } },
    log,
    maxCallBytes: 4096,
  });
});

afterAll(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(rendererDir, { recursive: true, force: true });
});

const headers = () => ({
  Origin: host.url.replace(/\/$/, ''),
  'X-Desk-Token': host.token,
  'Content-Type': 'application/json',
});

async function stillServing() {
  const response = await fetch(host.url);
  expect(response.status).toBe(200);
}

describe('browser host failures', () => {
  it('answers 413 to a streamed (chunked) body over the limit and keeps serving', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        `${host.url}api/call`,
        { method: 'POST', headers: { ...headers(), 'Transfer-Encoding': 'chunked' } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      // No Content-Length to refuse up front: the limit is found while reading.
      for (let n = 0; n < 8; n += 1) request.write('x'.repeat(1024));
      request.end();
    });
    expect(status).toBe(413);
    await stillServing();
  });

  it('answers 500 when the host cannot write its answer, logs it without the token', async () => {
    const desk = host.desk as { callJson: RunningBrowserHost['desk']['callJson'] };
    const real = desk.callJson;
    // What the desk's worker answers when JSON cannot write a value (a handler returned a
    // BigInt): the failure happens after dispatch, and the host must answer 500.
    desk.callJson = () =>
      Promise.resolve({ kind: 'failed', message: 'Do not know how to serialize a BigInt' });
    try {
      const response = await fetch(`${host.url}api/call?probe=${host.token}`, {
        method: 'POST',
        headers: headers(),
        body: JSON.stringify({ method: 'listProfiles' }),
      });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).not.toContain('BigInt');
      expect(text).not.toContain(host.token);
    } finally {
      desk.callJson = real;
    }
    const logged = lines.join('');
    expect(logged).toContain('browser host: a request failed');
    expect(logged).toContain('/api/call');
    expect(logged).not.toContain(host.token);
    expect(logged).not.toContain('probe');
    await stillServing();
  });
});
