/**
 * The browser host's stand-in for Electron IPC: the same dispatch gate (run by the desk's
 * worker thread, which parses and answers each body: desk-worker-protocol.ts), reached over
 * HTTP on 127.0.0.1. By the time a request gets here the server has checked its target, its Host and
 * that no other site sent it (request-guard.ts). Here: a POST needs the page's own Origin and
 * the per-run token in the X-Desk-Token header (the person got it in the printed URL's
 * fragment; no served file carries it); the event stream needs a one-time ticket
 * (event-tickets.ts). Events stream as Server-Sent Events.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { FILE_READ_MAX_BYTES, type DeskEventName } from '../../shared/ipc';
import type { JsonAnswer } from '../services/worker/desk-worker-protocol';
import { createEventTickets } from './event-tickets';
import { checkFetchContext, type Target } from './request-guard';

/** A 100,000-row draft is about 15 MB of JSON; anything far beyond that is not the page. */
export const DEFAULT_MAX_CALL_BYTES = 64 * 1024 * 1024;

/**
 * `/api/call-file`: a call whose `bytes` argument is the request's body, the file itself,
 * and whose other arguments are the `X-Desk-Call` header (`{method, argument}` as JSON,
 * URI-encoded). Here the body becomes the base64 `bytes` of an ordinary call, which goes
 * through the same gate as any other. Why: the page sends the File as it is, with no base64
 * text and no 1.3 MB JSON body built and copied on its UI thread (issue 10 part 3).
 */
export const FILE_CALL_METHODS: ReadonlySet<string> = new Set(['readPayoutFile']);
export const FILE_TOO_LARGE =
  'This file is larger than 8 MiB: the app reads it in the page and sends it in pages.';

export type BrowserApi = {
  /** Answers an /api/ route (true) or leaves the request to the static files (false). */
  handle(request: IncomingMessage, response: ServerResponse, target: Target): boolean;
  /** An event whose payload is already JSON text (serialised in the desk's worker). */
  emitJson(event: DeskEventName, json: string): void;
  close(): void;
};

function sameToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The body's bytes, gathered into one buffer as they arrive. A 100,000-row createDraft body
 * is about 13 MB: joining its ~200 chunks at the end (Buffer.concat) was one 10-18 ms copy on
 * this thread, the longest stall the worker-stall bench found, and its second 13 MB of
 * external memory set off a major GC of this thread's heap. With a declared Content-Length
 * the buffer is allocated once and each chunk is copied in as it arrives (64 KB at a time);
 * without one (chunked encoding) it grows by doubling. The result owns its ArrayBuffer, so
 * the worker client transfers it without another copy (docs/desktop-runtime.md).
 */
function readBody(
  request: IncomingMessage,
  maxBytes: number,
  tooLarge = 'the request is too large',
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      reject(new BodyError(413, tooLarge));
      return;
    }
    let body = new Uint8Array(Number.isSafeInteger(declared) && declared > 0 ? declared : 16_384);
    let size = 0;
    let done = false;
    const fail = (error: BodyError) => {
      if (done) return;
      done = true;
      reject(error);
    };
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      if (size + chunk.length > maxBytes) {
        fail(new BodyError(413, tooLarge));
        return;
      }
      if (size + chunk.length > body.length) {
        const grown = new Uint8Array(
          Math.min(maxBytes, Math.max(body.length * 2, size + chunk.length)),
        );
        grown.set(body.subarray(0, size));
        body = grown;
      }
      body.set(chunk, size);
      size += chunk.length;
    });
    request.on('end', () => {
      if (done) return;
      done = true;
      // A shorter body than declared (or a grown buffer) is trimmed into a buffer of its own.
      resolve(size === body.length ? body : body.slice(0, size));
    });
    request.on('aborted', () => {
      fail(new BodyError(400, 'the request was cut short'));
    });
    request.on('error', () => {
      fail(new BodyError(400, 'the request could not be read'));
    });
  });
}

/**
 * The `X-Desk-Call` header of a file call, as the `{method, argument}` body of an ordinary
 * call with `argument.bytes` the file's base64; a BodyError for a header that is not one.
 */
function fileCallBody(
  header: string | string[] | undefined,
  file: Uint8Array,
  maxCallBytes: number,
): Uint8Array {
  if (typeof header !== 'string') {
    throw new BodyError(
      400,
      'A file call needs the X-Desk-Call header (the call without its file)',
    );
  }
  let call: unknown;
  try {
    call = JSON.parse(decodeURIComponent(header));
  } catch {
    throw new BodyError(400, 'X-Desk-Call is not URI-encoded JSON');
  }
  const { method, argument } = (typeof call === 'object' && call !== null ? call : {}) as {
    method?: unknown;
    argument?: unknown;
  };
  if (typeof method !== 'string' || !FILE_CALL_METHODS.has(method)) {
    throw new BodyError(400, 'X-Desk-Call must name a method that takes a file (readPayoutFile)');
  }
  if (typeof argument !== 'object' || argument === null || Array.isArray(argument)) {
    throw new BodyError(400, "X-Desk-Call must carry the call's other arguments as an object");
  }
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength).toString('base64');
  // A buffer of its own (not Buffer's shared pool): the worker client transfers it.
  const body = new TextEncoder().encode(
    JSON.stringify({ method, argument: { ...argument, bytes } }),
  );
  // The call as it goes on is held to the same size as any other call's body.
  if (body.byteLength > maxCallBytes) throw new BodyError(413, FILE_TOO_LARGE);
  return body;
}

/** Writes one JSON answer, unless the client is already gone or an answer has started. */
export function reply(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Writes an answer the desk's worker already serialised. */
function replyJson(response: ServerResponse, json: Uint8Array): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'Content-Length': json.byteLength,
  });
  response.end(json);
}

export function refuse(response: ServerResponse, status: number, message: string): void {
  reply(response, status, { ok: false, error: { code: 'VALIDATION', message } });
}

function methodNotAllowed(response: ServerResponse, allow: string): void {
  response.setHeader('Allow', allow);
  refuse(response, 405, `use ${allow}`);
}

const NO_TOKEN =
  'missing or wrong token: open the address printed by `npm run start:browser` (it carries the token)';

export function createBrowserApi(options: {
  token: string;
  origin: () => string;
  /** Hands a raw `{method, argument}` body to the desk's worker, which parses and answers. */
  relay: (body: Uint8Array) => Promise<JsonAnswer>;
  /** A failure that is not the caller's: the server logs it and answers 500. */
  failed: (response: ServerResponse, error: unknown) => void;
  maxCallBytes?: number;
}): BrowserApi {
  const listeners = new Set<ServerResponse>();
  const tickets = createEventTickets();
  const maxCallBytes = options.maxCallBytes ?? DEFAULT_MAX_CALL_BYTES;

  /** The POST routes: the page's own Origin (always sent on a POST) and the token. */
  function authenticated(request: IncomingMessage, response: ServerResponse): boolean {
    if (request.method !== 'POST') {
      methodNotAllowed(response, 'POST');
      return false;
    }
    const context = checkFetchContext(request.headers, options.origin(), true);
    if (context) {
      refuse(response, context.status, context.message);
      return false;
    }
    if (!sameToken(request.headers['x-desk-token'], options.token)) {
      refuse(response, 403, NO_TOKEN);
      return false;
    }
    return true;
  }

  /** An ordinary call's body is the call; a file call's body is the file (FILE_CALL_METHODS). */
  function call(request: IncomingMessage, response: ServerResponse, withFile = false): void {
    const read = withFile
      ? readBody(request, FILE_READ_MAX_BYTES, FILE_TOO_LARGE).then((file) =>
          fileCallBody(request.headers['x-desk-call'], file, maxCallBytes),
        )
      : readBody(request, maxCallBytes);
    read
      .then(async (body) => {
        const answer = await options.relay(body);
        if (answer.kind === 'not-json') throw new BodyError(400, 'the body is not JSON');
        if (answer.kind === 'failed') throw new Error(answer.message);
        replyJson(response, answer.json);
      })
      .catch((error: unknown) => {
        if (error instanceof BodyError) {
          // The rest of an oversized body is not read: the connection closes after the answer.
          if (error.status === 413) response.setHeader('Connection', 'close');
          refuse(response, error.status, error.message);
          return;
        }
        options.failed(response, error);
      });
  }

  function events(request: IncomingMessage, response: ServerResponse, target: Target): void {
    if (request.method !== 'GET') {
      methodNotAllowed(response, 'GET');
      return;
    }
    if (!tickets.redeem(target.query.get('ticket'))) {
      refuse(response, 403, 'missing, used or expired ticket: ask /api/event-ticket for one');
      return;
    }
    response.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    listeners.add(response);
    request.on('close', () => listeners.delete(response));
  }

  return {
    handle(request, response, target) {
      switch (target.pathname) {
        case '/api/call':
          if (authenticated(request, response)) call(request, response);
          return true;
        case '/api/call-file':
          if (authenticated(request, response)) call(request, response, true);
          return true;
        case '/api/event-ticket':
          if (authenticated(request, response)) {
            // The body, if any, means nothing; drain it so the connection stays usable.
            request.resume();
            reply(response, 200, { ok: true, value: { ticket: tickets.issue() } });
          }
          return true;
        case '/api/events':
          events(request, response, target);
          return true;
        default:
          if (target.pathname.startsWith('/api/')) {
            refuse(response, 404, 'no such API route');
            return true;
          }
          return false;
      }
    },
    emitJson(event, json) {
      const frame = `event: ${event}\ndata: ${json}\n\n`;
      for (const listener of listeners) {
        if (!listener.destroyed) listener.write(frame);
      }
    },
    close() {
      for (const listener of listeners) listener.end();
      listeners.clear();
    },
  };
}
