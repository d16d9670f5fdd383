/**
 * The browser host: the app's UI and the same DeskApi handler table served to a browser from
 * 127.0.0.1 only, for development and for end-to-end tests on machines without the Electron
 * binary. Every answer carries the same strict Content-Security-Policy as the Electron
 * window; the per-run token reaches the page in a <meta> tag of index.html (see api.ts).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDesk, type Desk, type DeskOptions } from '../services/desk';
import { createBrowserApi } from './api';
import { createStaticFiles } from './static-files';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
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
  /** Where the cache and the built-in simulator live, and how the desk is built. */
  desk: Omit<DeskOptions, 'emit'>;
};

export type RunningBrowserHost = {
  url: string;
  token: string;
  desk: Desk;
  close(): Promise<void>;
};

export async function startBrowserHost(options: BrowserHostOptions): Promise<RunningBrowserHost> {
  const token = randomBytes(32).toString('hex');
  const loadStatic = createStaticFiles(options.rendererDir);
  let origin = '';
  // The API and the desk need each other: events flow out through the API, calls in.
  const ready: { desk?: Desk } = {};
  const api = createBrowserApi({
    token,
    origin: () => origin,
    handlers: () => {
      if (!ready.desk) throw new Error('the desk is not ready');
      return ready.desk.handlers;
    },
  });
  const desk = await createDesk({
    ...options.desk,
    emit: (event, payload) => {
      api.emit(event, payload);
    },
  });
  ready.desk = desk;

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('X-Frame-Options', 'DENY');
    if (api.handle(request, response, url)) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    void loadStatic(url.pathname).then((file) => {
      if (!file) {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      const body = file.contentType.startsWith('text/html')
        ? Buffer.from(
            file.body
              .toString('utf8')
              .replace('</head>', `<meta name="desk-token" content="${token}" />\n  </head>`),
          )
        : file.body;
      response.writeHead(200, { 'Content-Type': file.contentType, 'Cache-Control': 'no-store' });
      response.end(body);
    });
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
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
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
