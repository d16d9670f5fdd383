/**
 * What the browser host checks before it looks at a route: the request target is a plain,
 * decodable path; the Host header is exactly the host's own loopback address and port; and no
 * other site is asking. Pure functions, so each rule is tested on its own and the server
 * applies all of them to every request (docs/security.md, "The browser host").
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Longer than any URL the app makes (the longest is the event stream's, about 100 bytes). */
export const MAX_TARGET_LENGTH = 2048;

export type Refusal = { status: number; message: string };

export type Target = { pathname: string; query: URLSearchParams };

/**
 * The request target as a decoded path, or why it is refused. Only origin-form targets
 * (`/path?query`) are served: an absolute-form target (`http://other/`) or `*` names another
 * host or none. Encoded `/`, `\` and NUL are refused rather than interpreted, and so is any
 * `.` or `..` segment after decoding: a file name never needs them.
 */
export function parseTarget(raw: string | undefined): Target | Refusal {
  if (raw === undefined || raw === '') return { status: 400, message: 'no request target' };
  if (raw.length > MAX_TARGET_LENGTH) return { status: 414, message: 'the URL is too long' };
  if (!raw.startsWith('/')) return { status: 400, message: 'only a path is served' };
  const queryAt = raw.indexOf('?');
  const rawPath = queryAt === -1 ? raw : raw.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? '' : raw.slice(queryAt + 1);
  if (rawPath.includes('\\') || /%(?:2f|5c|00)/i.test(rawPath)) {
    return { status: 400, message: 'the path is malformed' };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPath);
  } catch {
    // `/%E0%A4%A` and friends: once an uncaught throw that ended the process.
    return { status: 400, message: 'the path is malformed' };
  }
  // Control characters (NUL included) never belong in a file name.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(pathname)) {
    return { status: 400, message: 'the path is malformed' };
  }
  const segments = pathname.split('/').slice(1);
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return { status: 400, message: 'the path is malformed' };
  }
  return { pathname, query: new URLSearchParams(rawQuery) };
}

export function isRefusal(value: Target | Refusal): value is Refusal {
  return 'status' in value;
}

/**
 * DNS rebinding: a web page on evil.example can make its own name resolve to 127.0.0.1 and then
 * read whatever this host serves as "same origin". The browser still sends `Host: evil.example`,
 * so only the exact address this host listens on and prints is answered. `localhost:PORT` is
 * refused too: it is a different origin from the printed address (its session storage holds no
 * token, and the Origin check below would refuse its calls), it may resolve to ::1 where nothing
 * listens, and one accepted spelling keeps the rule exact. `rawHeaders` is read because Node
 * keeps only the first of two Host headers, and a request with two is malformed (RFC 9112).
 */
export function checkHost(rawHeaders: readonly string[], ownHost: string): Refusal | undefined {
  const hosts: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    if (rawHeaders[index]?.toLowerCase() === 'host') hosts.push(rawHeaders[index + 1] ?? '');
  }
  if (hosts.length > 1) return { status: 400, message: 'more than one Host header' };
  if (hosts[0] !== ownHost) return { status: 421, message: 'wrong Host header' };
  return undefined;
}

/**
 * Another site's request. A browser sends Origin on every POST and on cross-origin requests, but
 * omits it on same-origin GETs (the page, its scripts, the EventSource), so Sec-Fetch-Site is
 * read too where present: only `same-origin` (the page itself) and `none` (the person typed or
 * opened the address) pass; `same-site` is another port of 127.0.0.1, another program's page.
 * `requireOrigin` is for the API's POSTs, which a browser always sends with an Origin.
 */
export function checkFetchContext(
  headers: IncomingHttpHeaders,
  ownOrigin: string,
  requireOrigin: boolean,
): Refusal | undefined {
  const origin = headers.origin;
  if (origin !== undefined && origin !== ownOrigin) {
    return { status: 403, message: 'requests are accepted only from the app page' };
  }
  if (requireOrigin && origin === undefined) {
    return { status: 403, message: 'requests are accepted only from the app page' };
  }
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, message: 'requests are accepted only from the app page' };
  }
  return undefined;
}
