/**
 * `npm run start:browser`: serves the built UI on 127.0.0.1 and prints the address to open.
 * Options: --port <n> (default 5199).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserHost } from './server';

function fail(message: string): never {
  console.error(`start:browser: ${message}`);
  process.exit(2);
}

let port = 5199;
try {
  const { values } = parseArgs({ options: { port: { type: 'string' } }, strict: true });
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      fail(`--port: "${values.port}" is not a port`);
  }
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const rendererDir = join(process.cwd(), 'out', 'renderer');
if (!existsSync(join(rendererDir, 'index.html')))
  fail('out/renderer is missing: run `npm run build` first');

startBrowserHost({ rendererDir, port }).then(
  (host) => {
    console.log(`Payout Desk is running at ${host.url} (Ctrl+C to stop)`);
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
        : String(error),
    );
  },
);
