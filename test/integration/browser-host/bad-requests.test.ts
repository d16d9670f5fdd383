// A malformed or hostile request is answered 4xx and never ends the browser host: the real
// CLI (`npm run start:browser`) runs as its own process, gets every nasty request below over a
// raw socket, and must still be alive and serving its page afterwards. Before this guard, one
// unauthenticated `GET /%E0%A4%A` (an <img> on any web page can send it) killed the process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, requestText } from './raw-http';

let child: ChildProcess;
let output = '';
let pageUrl: URL;
let dataDir: string;
let rendererDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'payout-desk-host-cli-'));
  rendererDir = mkdtempSync(join(tmpdir(), 'payout-desk-host-cli-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body>app page</body></html>');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");\n');
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/browser-host/cli.ts',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--renderer-dir',
      rendererDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  pageUrl = await new Promise<URL>((resolve, reject) => {
    const poll = setInterval(() => {
      const printed = /running at (http:\/\/\S+)/.exec(output)?.[1];
      if (printed) {
        clearInterval(poll);
        resolve(new URL(printed));
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`the host exited (${String(code)}) before it served: ${output}`));
    });
  });
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(rendererDir, { recursive: true, force: true });
});

const port = () => Number(pageUrl.port);
const token = () => new URLSearchParams(pageUrl.hash.slice(1)).get('token') ?? '';
const own = () => ({ Host: `127.0.0.1:${port()}` });
const caller = () => ({ ...own(), Origin: pageUrl.origin, 'X-Desk-Token': token() });

async function stillServing(): Promise<void> {
  expect(child.exitCode, output).toBeNull();
  const answer = await rawRequest(port(), requestText('GET', '/', own()));
  expect(answer.status, output).toBe(200);
  expect(answer.body).toContain('app page');
}

describe('the browser host process', () => {
  it('prints the page URL with the token in its fragment', () => {
    expect(pageUrl.origin).toBe(`http://127.0.0.1:${port()}`);
    expect(token()).toMatch(/^[0-9a-f]{64}$/);
  });

  const targets: [string, string, number[]][] = [
    ['a malformed percent-encoding', '/%E0%A4%A', [400]],
    ['a truncated escape', '/%', [400]],
    ['a lone surrogate', '/%ED%A0%80', [400]],
    ['an encoded NUL', '/index.html%00.js', [400]],
    ['an encoded NUL in the API path', '/api/call%00', [400]],
    ['encoded dot segments', '/%2e%2e/%2e%2e/etc/passwd', [400, 404]],
    ['an encoded slash', '/..%2f..%2fetc%2fpasswd', [400]],
    ['an encoded backslash', '/..%5c..%5cetc%5cpasswd', [400]],
    ['a raw backslash', '/..\\..\\etc\\passwd', [400]],
    ['a double-encoded dot segment', '/%252e%252e/etc/passwd', [400, 404]],
    ['plain dot segments', '/../../etc/passwd', [400]],
    ['a raw NUL', '/index.html\x00.js', [400]],
    ['an asterisk target', '*', [400]],
    ['an absolute-form target', 'http://evil.example/', [400]],
    ['a very long URL', `/${'a'.repeat(8000)}`, [414]],
    ['a very long query', `/?q=${'%41'.repeat(2000)}`, [414]],
  ];
  it.each(targets)('answers %s with 4xx and keeps serving', async (_, target, statuses) => {
    const answer = await rawRequest(port(), requestText('GET', target, own()));
    expect(statuses, `${target.slice(0, 40)}: ${answer.headers}`).toContain(answer.status);
    expect(answer.raw).not.toContain(token());
    await stillServing();
  });

  const requests: [string, () => string, number[]][] = [
    ['an unknown method', () => requestText('BREW', '/', own()), [400, 405]],
    ['DELETE', () => requestText('DELETE', '/', own()), [405]],
    ['PUT on the API', () => requestText('PUT', '/api/call', caller(), '{}'), [405]],
    ['OPTIONS', () => requestText('OPTIONS', '/', own()), [405]],
    ['TRACE', () => requestText('TRACE', '/', own()), [405]],
    ['GET on the API', () => requestText('GET', '/api/call', caller()), [405]],
    [
      'a body that is not JSON',
      () => requestText('POST', '/api/call', caller(), '{"method":'),
      [400],
    ],
    ['an empty body', () => requestText('POST', '/api/call', caller(), ''), [400]],
    [
      'a body in another charset',
      () => requestText('POST', '/api/call', caller(), '\xff\xfe{\x00}\x00'),
      [400],
    ],
    [
      'a declared body over the limit',
      () =>
        requestText('POST', '/api/call', { ...caller(), 'Content-Length': String(2 ** 40) }, 'x'),
      [413],
    ],
    [
      'a body cut short',
      () => requestText('POST', '/api/call', { ...caller(), 'Content-Length': '1000' }, '{"me'),
      [0, 400],
    ],
    [
      'bad chunked encoding',
      () =>
        requestText(
          'POST',
          '/api/call',
          { ...caller(), 'Transfer-Encoding': 'chunked' },
          'zz\r\nnot a chunk\r\n',
        ),
      [400],
    ],
    [
      'a header with a NUL',
      () => `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nX: a\x00b\r\n\r\n`,
      [400],
    ],
    [
      'garbage instead of HTTP',
      () => '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 hello\r\n\r\n',
      [400],
    ],
    [
      'a huge header',
      () => requestText('GET', '/', { ...own(), 'X-Big': 'b'.repeat(70_000) }),
      [431],
    ],
    [
      'two Host headers',
      () =>
        `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
      [400, 421],
    ],
    [
      'an unknown method name with the token',
      () => requestText('POST', '/api/call', caller(), '{"method":"constructor"}'),
      [200],
    ],
    [
      'a JSON body that is not an object',
      () => requestText('POST', '/api/call', caller(), '"listProfiles"'),
      [200, 400],
    ],
    ['HEAD of the page', () => requestText('HEAD', '/', own()), [200]],
    ['HEAD of a missing file', () => requestText('HEAD', '/nope.js', own()), [404]],
    ['HEAD of the event stream', () => requestText('HEAD', '/api/events', own()), [403, 405]],
  ];
  it.each(requests)('answers %s and keeps serving', async (_, request, statuses) => {
    const answer = await rawRequest(port(), request(), 3000);
    expect(statuses, answer.headers).toContain(answer.status);
    expect(answer.raw).not.toContain(token());
    await stillServing();
  });

  it('never answers HEAD with a body', async () => {
    const answer = await rawRequest(port(), requestText('HEAD', '/', own()));
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('');
  });

  it('survives a client that hangs up in the middle of a call', async () => {
    await new Promise((resolve) => {
      void rawRequest(
        port(),
        requestText('POST', '/api/call', { ...caller(), 'Content-Length': '100000' }, '{"method"'),
        100,
      ).then(resolve, resolve);
    });
    await stillServing();
  });
});
