// The browser host's guards, over real HTTP: the token (handed over in the printed URL's
// fragment, never in a served file), its own Host and Origin on every route, the event
// stream's one-time tickets, and that no answer ever carries a stored secret.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type RunningBrowserHost } from '../../../electron/browser-host/server';
import { rawRequest, requestText } from './raw-http';

let host: RunningBrowserHost;
let dataDir: string;
let rendererDir: string;
/** What the stand-in page and script contain: a refusal must show neither. */
const PAGE = 'stand-in-app-page';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'payout-desk-host-'));
  // A stand-in page: this test is about the API, not the UI bundle.
  rendererDir = mkdtempSync(join(tmpdir(), 'payout-desk-renderer-'));
  writeFileSync(
    join(rendererDir, 'index.html'),
    `<html><head><script type="module" src="/app.js"></script></head><body>${PAGE}</body></html>`,
  );
  writeFileSync(join(rendererDir, 'app.js'), `console.log("${PAGE}");\n`);
  host = await startBrowserHost({ rendererDir, desk: { dataDir, sync: { startOnOpen: false } } });
});

afterAll(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(rendererDir, { recursive: true, force: true });
});

function call(method: string, argument: unknown, headers: Record<string, string>) {
  return fetch(`${host.url}api/call`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ method, argument }),
  });
}

const origin = () => host.url.replace(/\/$/, '');

describe('browser host API', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
  });

  it('serves no file that carries the token, with a strict CSP', async () => {
    for (const path of ['', 'index.html', 'app.js']) {
      const response = await fetch(`${host.url}${path}`);
      expect(response.status, path).toBe(200);
      const text = await response.text();
      expect(text, path).not.toContain(host.token);
      expect(text, path).not.toContain('desk-token');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });

  it('hands the token to the person in the fragment of the page URL, never sent to a server', () => {
    const page = new URL(host.pageUrl);
    expect(page.origin).toBe(origin());
    expect(page.pathname).toBe('/');
    expect(page.search).toBe('');
    expect(page.hash).toBe(`#token=${host.token}`);
    expect(host.url).not.toContain(host.token);
  });

  it('answers a call with the token from the page origin', async () => {
    const response = await call('listProfiles', undefined, {
      Origin: origin(),
      'X-Desk-Token': host.token,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: boolean; value: { id: string }[] };
    expect(body.ok).toBe(true);
    expect(body.value.map((profile) => profile.id)).toContain('simulator');
  });

  it('refuses a call without the token', async () => {
    const response = await call('listProfiles', undefined, { Origin: origin() });
    expect(response.status).toBe(403);
  });

  it('refuses a call with a wrong token', async () => {
    const response = await call('listProfiles', undefined, {
      Origin: origin(),
      'X-Desk-Token': '0'.repeat(64),
    });
    expect(response.status).toBe(403);
  });

  it('refuses a call from another origin even with the token', async () => {
    const response = await call('listProfiles', undefined, {
      Origin: 'http://evil.example',
      'X-Desk-Token': host.token,
    });
    expect(response.status).toBe(403);
  });

  it('refuses the event stream without the token', async () => {
    const response = await fetch(`${host.url}api/events`);
    expect(response.status).toBe(403);
  });

  it('validates arguments behind the gate', async () => {
    const response = await call(
      'queryHistory',
      { profileId: 'simulator', limit: 'all' },
      { Origin: origin(), 'X-Desk-Token': host.token },
    );
    const body = (await response.json()) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(body.error.message).toMatch(/^queryHistory: limit/);
  });

  it('never returns the built-in simulator secret', async () => {
    const secret = host.desk.simulator?.merchant.secret ?? 'missing';
    const headers = { Origin: origin(), 'X-Desk-Token': host.token };
    const bodies = await Promise.all([
      call('listProfiles', undefined, headers).then((r) => r.text()),
      call('checkConnection', { profileId: 'simulator' }, headers).then((r) => r.text()),
      call('syncNow', { profileId: 'simulator' }, headers).then((r) => r.text()),
      call('queryHistory', { profileId: 'simulator' }, headers).then((r) => r.text()),
    ]);
    for (const body of bodies) expect(body).not.toContain(secret);
  });
});

const port = () => Number(new URL(host.url).port);

async function ticket(): Promise<string> {
  const response = await fetch(`${host.url}api/event-ticket`, {
    method: 'POST',
    headers: { Origin: origin(), 'X-Desk-Token': host.token },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { ok: boolean; value: { ticket: string } };
  expect(body.ok).toBe(true);
  return body.value.ticket;
}

/** Every route, asked with the right token or ticket, so only the guard under test refuses. */
async function everyRoute(headers: Record<string, string>): Promise<[string, string][]> {
  const call = JSON.stringify({ method: 'listProfiles' });
  return [
    ['GET /', requestText('GET', '/', headers)],
    ['GET /app.js', requestText('GET', '/app.js', headers)],
    ['HEAD /', requestText('HEAD', '/', headers)],
    ['GET /missing', requestText('GET', '/missing', headers)],
    [
      'POST /api/call',
      requestText(
        'POST',
        '/api/call',
        { 'Content-Type': 'application/json', 'X-Desk-Token': host.token, ...headers },
        call,
      ),
    ],
    [
      'POST /api/event-ticket',
      requestText('POST', '/api/event-ticket', { 'X-Desk-Token': host.token, ...headers }),
    ],
    ['GET /api/events', requestText('GET', `/api/events?ticket=${await ticket()}`, headers)],
  ];
}

describe('Host header (DNS rebinding)', () => {
  const own = () => `127.0.0.1:${port()}`;

  it('answers its own loopback address and port', async () => {
    const answer = await rawRequest(port(), requestText('GET', '/', { Host: own() }));
    expect(answer.status).toBe(200);
  });

  it.each([
    ['a rebound name', (p: number) => `evil.example:${p}`],
    ['a rebound name without port', () => 'evil.example'],
    ['localhost (not the printed address)', (p: number) => `localhost:${p}`],
    ['the address without its port', () => '127.0.0.1'],
    ['another port', (p: number) => `127.0.0.1:${p + 1}`],
    ['IPv6 loopback', (p: number) => `[::1]:${p}`],
    ['a look-alike', (p: number) => `127.0.0.1.evil.example:${p}`],
    ['userinfo', (p: number) => `evil@127.0.0.1:${p}`],
  ])('refuses %s on every route, with nothing of value in the answer', async (_, hostOf) => {
    const headers = { Host: hostOf(port()), Origin: origin() };
    for (const [route, request] of await everyRoute(headers)) {
      const answer = await rawRequest(port(), request);
      expect([421, 403], `${route} ${headers.Host}`).toContain(answer.status);
      expect(answer.raw, route).not.toContain(host.token);
      expect(answer.body, route).not.toContain(PAGE);
      expect(answer.body.length, route).toBeLessThan(200);
    }
  });

  it('refuses a request without a Host header (HTTP/1.0) and an absolute-form target', async () => {
    const noHost = await rawRequest(port(), 'GET / HTTP/1.0\r\n\r\n');
    expect([400, 421]).toContain(noHost.status);
    const absolute = await rawRequest(
      port(),
      requestText('GET', 'http://evil.example/', { Host: own() }),
    );
    expect([400, 421]).toContain(absolute.status);
    expect(absolute.body).not.toContain(PAGE);
  });
});

describe('Origin and Sec-Fetch-Site on every route', () => {
  it.each([
    ['a cross-site Origin', { Origin: 'http://evil.example' }],
    ['Origin null (sandboxed frame, file:)', { Origin: 'null' }],
    ['another local port as Origin', { Origin: 'http://127.0.0.1:1' }],
    ['Sec-Fetch-Site cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site same-site (another port of 127.0.0.1)', { 'Sec-Fetch-Site': 'same-site' }],
  ])('refuses %s', async (_, extra) => {
    const headers: Record<string, string> = { Host: `127.0.0.1:${port()}`, ...extra };
    for (const [route, request] of await everyRoute(headers)) {
      const answer = await rawRequest(port(), request);
      expect(answer.status, route).toBe(403);
      expect(answer.raw, route).not.toContain(host.token);
      expect(answer.body, route).not.toContain(PAGE);
    }
  });

  it('serves the page to a navigation typed by the person and to its own requests', async () => {
    for (const site of ['none', 'same-origin']) {
      const answer = await rawRequest(
        port(),
        requestText('GET', '/', { Host: `127.0.0.1:${port()}`, 'Sec-Fetch-Site': site }),
      );
      expect(answer.status, site).toBe(200);
    }
  });
});

describe('event stream', () => {
  async function openStream(path: string, headers: Record<string, string> = {}) {
    const controller = new AbortController();
    const response = await fetch(`${host.url}${path}`, { headers, signal: controller.signal });
    return {
      response,
      close: () => {
        controller.abort();
      },
    };
  }

  it('opens with a ticket obtained through an authenticated POST', async () => {
    const stream = await openStream(`api/events?ticket=${await ticket()}`, {
      'Sec-Fetch-Site': 'same-origin',
    });
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    stream.close();
  });

  it('accepts a ticket once only', async () => {
    const once = await ticket();
    const first = await openStream(`api/events?ticket=${once}`);
    expect(first.response.status).toBe(200);
    first.close();
    const again = await openStream(`api/events?ticket=${once}`);
    expect(again.response.status).toBe(403);
  });

  it('no longer takes the long-lived token in the query string', async () => {
    const stream = await openStream(`api/events?token=${host.token}`);
    expect(stream.response.status).toBe(403);
  });

  it('gives no ticket without the token or from another origin', async () => {
    const noToken = await fetch(`${host.url}api/event-ticket`, {
      method: 'POST',
      headers: { Origin: origin() },
    });
    expect(noToken.status).toBe(403);
    const otherOrigin = await fetch(`${host.url}api/event-ticket`, {
      method: 'POST',
      headers: { Origin: 'http://evil.example', 'X-Desk-Token': host.token },
    });
    expect(otherOrigin.status).toBe(403);
    const noOrigin = await fetch(`${host.url}api/event-ticket`, {
      method: 'POST',
      headers: { 'X-Desk-Token': host.token },
    });
    expect(noOrigin.status).toBe(403);
  });

  it('refuses a made-up ticket', async () => {
    const stream = await openStream(`api/events?ticket=${'a'.repeat(64)}`);
    expect(stream.response.status).toBe(403);
  });
});

describe('call bodies, however they arrive', () => {
  // The body is gathered into one buffer as it arrives (api.ts readBody): sized from
  // Content-Length, or grown when the client sends it chunked. Either way the worker must
  // get every byte, in order.
  const body = (padding: number) =>
    `{"method":"queryHistory",${' '.repeat(padding)}"argument":{"profileId":"simulator","search":"no-such-payout-${'x'.repeat(40)}"}}`;

  it('reads a chunked body (no Content-Length) far larger than its first buffer', async () => {
    const text = body(200_000);
    const pieces = [text.slice(0, 7), text.slice(7, 50_000), text.slice(50_000)];
    const chunked = pieces
      .map((piece) => `${Buffer.byteLength(piece).toString(16)}\r\n${piece}\r\n`)
      .join('');
    const answer = await rawRequest(
      port(),
      requestText(
        'POST',
        '/api/call',
        {
          Host: `127.0.0.1:${port()}`,
          Origin: origin(),
          'X-Desk-Token': host.token,
          'Content-Type': 'application/json',
          'Transfer-Encoding': 'chunked',
        },
        `${chunked}0\r\n\r\n`,
      ),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('"ok":true');
    expect(answer.body).toContain('"total":0');
  });

  it('reads a body of several MB with Content-Length, every byte in place', async () => {
    const response = await fetch(`${host.url}api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin(), 'X-Desk-Token': host.token },
      body: body(3_000_000),
    });
    const answer = (await response.json()) as { ok: boolean; value?: { total: number } };
    expect(answer).toMatchObject({ ok: true, value: { total: 0 } });
  });

  // The page sends a file to read as the body of /api/call-file (api.ts): the other
  // arguments in X-Desk-Call, the bytes made base64 here and checked by the same gate.
  const csv = Buffer.from(
    'address,amount,currency\r\nTLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7,1.50,USDT_TRX\r\nnot-an-address,2,USDT_TRX\r\n',
    'utf8',
  );
  const readArgument = {
    profileId: 'simulator',
    fileName: 'Payroll é.csv',
    choices: {},
    recall: false,
  };

  function fileCall(headers: Record<string, string>, file: Uint8Array, call?: unknown) {
    return fetch(`${host.url}api/call-file`, {
      method: 'POST',
      headers: {
        'X-Desk-Call': encodeURIComponent(
          JSON.stringify(call ?? { method: 'readPayoutFile', argument: readArgument }),
        ),
        ...headers,
      },
      body: file,
    });
  }

  type Reading = { ok: boolean; value: { readingId: string; result: Record<string, unknown> } };

  it('reads a file sent as the body of a file call as it reads the same bytes in base64', async () => {
    const auth = { Origin: origin(), 'X-Desk-Token': host.token };
    const asFile = (await (await fileCall(auth, csv)).json()) as Reading;
    const asText = (await (
      await call('readPayoutFile', { ...readArgument, bytes: csv.toString('base64') }, auth)
    ).json()) as Reading;
    expect(asFile.ok).toBe(true);
    expect(asFile.value.result).toMatchObject({ rowCount: 2, counts: { error: 1 } });
    expect(asFile.value.result).toEqual(asText.value.result);
    expect(asFile.value.readingId).not.toBe(asText.value.readingId);
  });

  it('refuses a file call without the token, from another origin, or for another method', async () => {
    expect((await fileCall({ Origin: origin() }, csv)).status).toBe(403);
    expect(
      (await fileCall({ Origin: 'http://evil.example', 'X-Desk-Token': host.token }, csv)).status,
    ).toBe(403);
    const other = await fileCall({ Origin: origin(), 'X-Desk-Token': host.token }, csv, {
      method: 'createDraft',
      argument: {},
    });
    expect(other.status).toBe(400);
    expect(await other.text()).toContain('X-Desk-Call must name a method that takes a file');
    const garbled = await fetch(`${host.url}api/call-file`, {
      method: 'POST',
      headers: { Origin: origin(), 'X-Desk-Token': host.token, 'X-Desk-Call': '%E0%A4%A' },
      body: csv,
    });
    expect(garbled.status).toBe(400);
    expect(await garbled.text()).toContain('X-Desk-Call is not URI-encoded JSON');
  });

  it('validates a file call’s other arguments behind the gate', async () => {
    const response = await fileCall({ Origin: origin(), 'X-Desk-Token': host.token }, csv, {
      method: 'readPayoutFile',
      argument: { ...readArgument, recall: 'yes' },
    });
    const body = (await response.json()) as { ok: boolean; error: { message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.message).toMatch(/^readPayoutFile: recall/);
  });

  it('refuses a file over 8 MiB with the sentence the page shows', async () => {
    const response = await fileCall(
      { Origin: origin(), 'X-Desk-Token': host.token },
      new Uint8Array(8 * 1024 * 1024 + 1),
    );
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('This file is larger than 8 MiB');
  });
});
