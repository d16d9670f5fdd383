/**
 * The browser host's stand-in for Electron IPC: the same dispatch gate, reached over HTTP on
 * 127.0.0.1. Guards: a random per-run token (only the page this host served knows it, from
 * its <meta> tag; other sites cannot read that page), and for calls the page's own Origin,
 * so another local page or tool cannot drive the app. Events stream as Server-Sent Events.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { DeskEventName, DeskEvents } from '../../shared/ipc';
import { dispatch, type DeskHandlers } from '../services/ipc/dispatch';

const MAX_CALL_BYTES = 64 * 1024 * 1024;

export type BrowserApi = {
  handle(request: IncomingMessage, response: ServerResponse, url: URL): boolean;
  emit<E extends DeskEventName>(event: E, payload: DeskEvents[E]): void;
  close(): void;
};

function sameToken(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_CALL_BYTES) {
        reject(new Error('request too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new Error('the body is not JSON'));
      }
    });
    request.on('error', reject);
  });
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

export function createBrowserApi(options: {
  token: string;
  origin: () => string;
  handlers: () => DeskHandlers;
}): BrowserApi {
  const listeners = new Set<ServerResponse>();

  function refuse(response: ServerResponse, why: string) {
    reply(response, 403, { ok: false, error: { code: 'VALIDATION', message: why } });
  }

  return {
    handle(request, response, url) {
      if (url.pathname === '/api/call') {
        if (request.method !== 'POST') {
          response.writeHead(405).end();
          return true;
        }
        if (request.headers.origin !== options.origin()) {
          refuse(response, 'calls are accepted only from the app page');
          return true;
        }
        if (!sameToken(request.headers['x-desk-token'] as string | undefined, options.token)) {
          refuse(response, 'missing or wrong token');
          return true;
        }
        readJson(request).then(
          async (body) => {
            const { method, argument } = (body ?? {}) as { method?: unknown; argument?: unknown };
            reply(response, 200, await dispatch(options.handlers(), method, argument));
          },
          (error: unknown) => {
            const message = error instanceof Error ? error.message : 'bad request';
            reply(response, 400, { ok: false, error: { code: 'VALIDATION', message } });
          },
        );
        return true;
      }
      if (url.pathname === '/api/events') {
        if (!sameToken(url.searchParams.get('token'), options.token)) {
          refuse(response, 'missing or wrong token');
          return true;
        }
        response.writeHead(200, {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        response.write(': connected\n\n');
        listeners.add(response);
        request.on('close', () => listeners.delete(response));
        return true;
      }
      return false;
    },
    emit(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const listener of listeners) listener.write(frame);
    },
    close() {
      for (const listener of listeners) listener.end();
      listeners.clear();
    },
  };
}
