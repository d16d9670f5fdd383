/**
 * Serves the built renderer (out/renderer) to the browser host. It is handed a path already
 * decoded and checked by request-guard.ts (no `..`, no NUL, no encoded slash); it still
 * resolves the file and checks it against the root, so nothing outside the folder is read
 * whatever a future caller passes.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
};

export type StaticFile = { body: Buffer; contentType: string };

export function createStaticFiles(rootDir: string) {
  const root = resolve(rootDir);
  return async function load(pathname: string): Promise<StaticFile | undefined> {
    const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = resolve(join(root, normalize(relative)));
    if (file !== root && !file.startsWith(root + sep)) return undefined;
    try {
      const body = await readFile(file);
      return { body, contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' };
    } catch {
      return undefined;
    }
  };
}
