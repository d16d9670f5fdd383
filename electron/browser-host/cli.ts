/**
 * `npm run start:browser`: the whole app (UI, cache, keychain, built-in simulator) served on
 * 127.0.0.1 for a browser. Options: --port <n> (default 5199), --data-dir <folder> (default:
 * the same per-user folder the desktop app uses).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserHost } from './server';

function fail(message: string): never {
  console.error(`start:browser: ${message}`);
  process.exit(2);
}

function defaultDataDir(): string {
  const config = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  return join(config, 'Payout Desk');
}

let port = 5199;
let dataDir = defaultDataDir();
try {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      fail(`--port: "${values.port}" is not a port`);
    }
  }
  if (values['data-dir'] !== undefined) dataDir = values['data-dir'];
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const rendererDir = join(process.cwd(), 'out', 'renderer');
if (!existsSync(join(rendererDir, 'index.html'))) {
  fail('out/renderer is missing: run `npm run build` first');
}

startBrowserHost({ rendererDir, port, desk: { dataDir } }).then(
  (host) => {
    console.log(`Payout Desk is running at ${host.url} (Ctrl+C to stop); data in ${dataDir}`);
    const stop = () => {
      void host.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (error: unknown) => {
    const code = (error as { code?: string }).code;
    fail(
      code === 'EADDRINUSE'
        ? `port ${port} is already in use: pass --port <another>`
        : error instanceof Error
          ? error.message
          : String(error),
    );
  },
);
