/**
 * Serves the built renderer (out/renderer) to the browser host. Only files inside that folder
 * are ever read: paths are resolved and checked against the root, so `..` cannot escape it.
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
  return async function load(urlPath: string): Promise<StaticFile | undefined> {
    const relative =
      urlPath === '/' ? 'index.html' : decodeURIComponent(urlPath).replace(/^\/+/, '');
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
