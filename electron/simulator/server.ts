/**
 * The HTTP front of the simulator (node:http, loopback only). For every API request, in
 * this order: read the raw body; apply latency; maybe answer 500/000 (errorRate / failNext)
 * before doing anything; route; authenticate (auth.ts); catch the engine up to now();
 * handle; and for a committed write maybe drop the response by destroying the socket
 * (dropRate / dropNext), so the client sees a network error although the payout exists.
 * Every response, errors included, carries a Date header from the simulator clock: the
 * client learns its clock offset from it.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApiError, INTERNAL_ERROR_MESSAGE } from './api-error';
import type { Authenticator } from './auth';
import type { SimClock } from './clock';
import { CONTROL_PREFIX, handleControl, type ControlDeps } from './control';
import type { Engine } from './engine';
import type { FaultInjector } from './faults';
import { API_ROUTES } from './handlers';
import type { SimConfig } from './options';
import type { SimStore } from './store';

/** Large enough for a 10,000-recipient mass payout with comments. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export type ServerDeps = {
  clock: SimClock;
  store: SimStore;
  engine: Engine;
  auth: Authenticator;
  faults: FaultInjector;
  config: SimConfig;
  control: ControlDeps;
  /** Where unexpected faults are reported; never given secrets or request bodies. */
  log: (line: string) => void;
};

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function send(response: ServerResponse, clock: SimClock, status: number, body: string): void {
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    // Overrides Node's own Date header, which would show the machine's clock.
    Date: new Date(clock.now()).toUTCString(),
  });
  response.end(body);
}

function sendError(response: ServerResponse, clock: SimClock, error: ApiError): void {
  const body = JSON.stringify({
    errorCode: error.code,
    message: error.message,
    traceId: randomBytes(8).toString('hex'),
  });
  send(response, clock, error.status, body);
}

async function handleApi(
  deps: ServerDeps,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  body: Buffer,
): Promise<void> {
  const { clock, faults } = deps;
  if (faults.settings.latencyMs > 0) await sleep(faults.settings.latencyMs);
  if (faults.takeFailure()) {
    sendError(response, clock, new ApiError('000', INTERNAL_ERROR_MESSAGE));
    return;
  }
  const route = API_ROUTES.get(path);
  if (!route) {
    sendError(response, clock, new ApiError('001', `No endpoint ${path}`, 404));
    return;
  }
  if (request.method !== 'POST') {
    sendError(response, clock, new ApiError('001', `${path} only accepts POST`, 405));
    return;
  }
  const now = clock.now();
  const { merchant, payload } = deps.auth.authenticate(request.headers, body, now);
  if (route.needsPayload && payload === undefined) {
    throw new ApiError('001', 'payload: is required');
  }
  deps.engine.catchUp(now);
  const text = route.handle(
    { merchant, now, store: deps.store, engine: deps.engine, config: deps.config },
    payload ?? {},
  );
  if (route.write && faults.takeDrop()) {
    // The write is committed; only the answer is lost.
    response.socket?.destroy();
    return;
  }
  send(response, clock, 200, text);
}

async function onRequest(
  deps: ServerDeps,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  try {
    const body = await readBody(request);
    if (path.startsWith(CONTROL_PREFIX)) {
      const answer = handleControl(deps.control, request.method ?? 'GET', path, body);
      send(response, deps.clock, answer.status, answer.body);
      return;
    }
    await handleApi(deps, request, response, path, body);
  } catch (error) {
    if (response.headersSent || response.destroyed) return;
    if (error instanceof ApiError) {
      sendError(response, deps.clock, error);
    } else if (error instanceof BodyTooLarge) {
      sendError(response, deps.clock, new ApiError('001', 'body: too large', 413));
    } else {
      deps.log(
        `simulator: unexpected fault on ${path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      sendError(response, deps.clock, new ApiError('000', INTERNAL_ERROR_MESSAGE));
    }
  }
}

export function createSimServer(deps: ServerDeps): Server {
  return createServer((request, response) => {
    void onRequest(deps, request, response);
  });
}
