/**
 * `npm run start:browser`: the whole app (UI, cache, keychain, built-in simulator) served on
 * 127.0.0.1 for a browser. Options: --port <n> (default 5199), --data-dir <folder> (default:
 * the same per-user folder the desktop app uses), --renderer-dir <folder> (default
 * out/renderer). It prints the one address to open: the token rides in its fragment, which
 * only the person at this terminal sees (no served file carries it; docs/security.md).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatLogLine, type Logger } from '../services/log';
import { startBrowserHost } from './server';

function fail(message: string): never {
  console.error(`start:browser: ${message}`);
  process.exit(2);
}

function defaultDataDir(): string {
  const config = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  return join(config, 'Payout Desk');
}

/** What failed inside the host goes to stderr, redacted like every log line. */
const stderrLog: Logger = {
  info: (message, fields) =>
    process.stderr.write(formatLogLine('info', message, fields, Date.now())),
  warn: (message, fields) =>
    process.stderr.write(formatLogLine('warn', message, fields, Date.now())),
  error: (message, fields) =>
    process.stderr.write(formatLogLine('error', message, fields, Date.now())),
};

let port = 5199;
let dataDir = defaultDataDir();
let rendererDir = join(process.cwd(), 'out', 'renderer');
try {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
    },
    strict: true,
  });
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      fail(`--port: "${values.port}" is not a port`);
    }
  }
  if (values['data-dir'] !== undefined) dataDir = values['data-dir'];
  if (values['renderer-dir'] !== undefined) rendererDir = values['renderer-dir'];
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

if (!existsSync(join(rendererDir, 'index.html'))) {
  fail(`${rendererDir} has no index.html: run \`npm run build\` first`);
}

startBrowserHost({ rendererDir, port, desk: { dataDir, log: stderrLog } }).then(
  (host) => {
    console.log(`Payout Desk is running at ${host.pageUrl} (Ctrl+C to stop); data in ${dataDir}`);
    console.log(
      "Open that address as it is: it carries this run's access token. Share it with no one.",
    );
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
