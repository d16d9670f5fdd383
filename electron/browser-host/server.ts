/**
 * The browser host: the app's UI and the same DeskApi handler table served to a browser from
 * 127.0.0.1 only (the desk runs in its own worker thread, as in Electron main), for development and for end-to-end tests on machines without the Electron
 * binary. Every answer carries the same strict Content-Security-Policy as the Electron
 * window. Every request, whatever its route, passes request-guard.ts first (a plain path, the
 * host's own Host header, no other site); the token is handed to the person in the printed
 * URL's fragment (`pageUrl`), never in a served file (see api.ts). A request that throws is
 * answered 500 and logged without secrets: no request ever ends the process.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger, type Logger } from '../services/log';
import type { WorkerDeskOptions } from '../services/worker/desk-worker-protocol';
import { startDeskWorker, type DeskWorker } from '../services/worker/desk-worker-client';
import { createBrowserApi, refuse } from './api';
import { checkFetchContext, checkHost, isRefusal, parseTarget } from './request-guard';
import { createStaticFiles } from './static-files';

// 'wasm-unsafe-eval' lets the page's import worker compile hash-wasm's Keccak (shared/keccak256.ts):
// WebAssembly only, never eval or new Function. A worker takes the policy of its own response;
// the page also enforces its meta policy, which lacks it (docs/security.md, row 7).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type BrowserHostOptions = {
  rendererDir: string;
  port?: number;
  /**
   * Where the cache and the built-in simulator live, and how the desk is built. The desk runs
   * in its own worker thread (desk-worker.ts): only options that survive a structured clone,
   * plus the logger its log lines come back to.
   */
  desk: Omit<WorkerDeskOptions, 'events'> & { log?: Logger };
  /** Where a request that failed inside the host is reported (default: the desk's log). */
  log?: Logger;
  /** The largest /api/call body accepted (default api.ts DEFAULT_MAX_CALL_BYTES). */
  maxCallBytes?: number;
  /**
   * The desk worker's file (default: the sources, through tsx). The benches pass the built
   * `out/main/desk-worker.js`, the bundle Electron runs, so that they time what ships.
   */
  workerEntry?: string;
};

export type RunningBrowserHost = {
  /** The host's base address, `http://127.0.0.1:PORT/`: what API clients and tests append to. */
  url: string;
  /**
   * The address to open: `url` plus `#token=...`. A fragment is never sent to a server; the
   * page keeps the token in session storage and removes it from the address bar.
   */
  pageUrl: string;
  token: string;
  /** The desk's worker: its handler table, simulator and raw relay, as seen from here. */
  desk: DeskWorker;
  close(): Promise<void>;
};

export async function startBrowserHost(options: BrowserHostOptions): Promise<RunningBrowserHost> {
  const token = randomBytes(32).toString('hex');
  const log = options.log ?? options.desk.log ?? silentLogger;
  const loadStatic = createStaticFiles(options.rendererDir);
  let origin = '';
  let ownHost = '';

  /** The last line of defence: log what failed (redacted, no query string) and answer 500. */
  function failed(request: IncomingMessage, response: ServerResponse, error: unknown) {
    const path = (request.url ?? '').split('?')[0]?.slice(0, 200);
    log.error('browser host: a request failed', { method: request.method, path, error });
    if (!response.headersSent && !response.destroyed) {
      refuse(response, 500, 'the host could not answer this request');
    } else {
      response.destroy();
    }
  }

  // The API and the desk need each other: events flow out through the API, calls in. A call's
  // body is parsed, validated and answered in the worker: this thread only moves bytes.
  const ready: { desk?: DeskWorker } = {};
  const api = createBrowserApi({
    token,
    origin: () => origin,
    relay: (body) => {
      if (!ready.desk) throw new Error('the desk is not ready');
      return ready.desk.callJson(body);
    },
    failed: (response, error) => {
      failed(response.req, response, error);
    },
    ...(options.maxCallBytes === undefined ? {} : { maxCallBytes: options.maxCallBytes }),
  });
  const { log: deskLog, ...deskOptions } = options.desk;
  const desk = await startDeskWorker({
    desk: { ...deskOptions, events: 'json' },
    ...(options.workerEntry === undefined ? {} : { entry: options.workerEntry }),
    log: deskLog ?? silentLogger,
    onEvent: (event, _payload, json) => {
      api.emitJson(event, json ?? 'null');
    },
  });
  ready.desk = desk;

  async function serveStatic(request: IncomingMessage, response: ServerResponse, path: string) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      refuse(response, 405, 'use GET');
      return;
    }
    const file = await loadStatic(path);
    if (response.destroyed) return;
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Cache-Control': 'no-store',
      'Content-Length': file.body.length,
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  function answer(request: IncomingMessage, response: ServerResponse): void {
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('X-Frame-Options', 'DENY');
    // Cheapest first; each refusal carries a short fixed sentence and nothing else.
    const target = parseTarget(request.url);
    if (isRefusal(target)) {
      refuse(response, target.status, target.message);
      return;
    }
    const refusal =
      checkHost(request.rawHeaders, ownHost) ?? checkFetchContext(request.headers, origin, false);
    if (refusal) {
      refuse(response, refusal.status, refusal.message);
      return;
    }
    if (api.handle(request, response, target)) return;
    serveStatic(request, response, target.pathname).catch((error: unknown) => {
      failed(request, response, error);
    });
  }

  const server: Server = createServer((request, response) => {
    try {
      answer(request, response);
    } catch (error) {
      failed(request, response, error);
    }
  });
  try {
    await new Promise<void>((resolvePromise, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        resolvePromise();
      });
    });
  } catch (error) {
    await desk.close();
    throw error;
  }
  // Once listening, a server error (say, out of file descriptors on accept) is logged: with no
  // listener Node would throw it and end the process.
  server.on('error', (error) => {
    log.error('browser host: server error', { error });
  });
  const { port } = server.address() as AddressInfo;
  ownHost = `127.0.0.1:${port}`;
  origin = `http://${ownHost}`;
  return {
    url: `${origin}/`,
    pageUrl: `${origin}/#token=${token}`,
    token,
    desk,
    close: async () => {
      api.close();
      await new Promise<void>((resolvePromise) => {
        server.close(() => {
          resolvePromise();
        });
        server.closeAllConnections();
      });
      await desk.close();
    },
  };
}
