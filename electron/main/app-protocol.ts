/**
 * What the app:// handler serves: a file of the built renderer for `app://desk/<path>`, and
 * nothing else. Another host, a path that leaves the renderer folder once decoded (`..`,
 * an encoded slash or backslash, NUL), or a URL that does not parse are refused. A plain
 * function so the rule is tested under Node; index.ts wires it to `protocol.handle`.
 */
import { isAbsolute, join, normalize, relative } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';

export type AppRequestTarget = { ok: true; file: string } | { ok: false; status: 400 | 404 };

export function resolveAppRequest(url: string, rendererDir: string): AppRequestTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400 };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { ok: false, status: 404 };
  }
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (path.includes('\0') || path.includes('\\') || /%2f|%5c/i.test(parsed.pathname)) {
    return { ok: false, status: 400 };
  }
  const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
  const inside = relative(rendererDir, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    return { ok: false, status: 404 };
  }
  return { ok: true, file };
}
