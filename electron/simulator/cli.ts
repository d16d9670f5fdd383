/**
 * `npm run simulator -- --port <port> [--seed demo] [--db <file>] ...`
 *
 * Starts the simulator on 127.0.0.1. The FIRST line on standard output is one JSON object
 * `{"baseUrl", "account", "key", "secret"}` for the demo merchant, so a parent process can
 * read it; nothing is printed on stdout before it, and diagnostics go to stderr. A bad
 * flag or value, or a busy port, exits with code 2 and a message naming it. SIGINT and
 * SIGTERM close the server (and the database) cleanly.
 *
 * Credentials: a new store's demo merchant gets credentials derived from --random-seed, so
 * without --db a restart with the same seed gives the same account, key and secret (a
 * profile saved against it keeps working); with --db they are kept in the file. The second
 * stderr line says which applies.
 */
import { parseArgs } from 'node:util';
import { SimulatorStartError, startSimulator, type RunningSimulator } from './index';
import type { SimulatorOptions } from './options';

const USAGE = `Usage: npm run simulator -- [options]
  --port <port>            port on 127.0.0.1 (default 0: a free port)
  --seed <demo|none>       fill the demo merchant with a realistic history (default none)
  --db <file>              keep state in this SQLite file (default: in memory)
  --random-seed <n>        seed of the demo credentials, demo history and fault rates
                           (default 1): without --db, the same seed gives the same
                           account, key and secret at every start
  --fail-address <addr>    withdrawals to this address fail (repeatable)
  --verification           new payouts wait in PENDING_CONFIRMATION first
  --fee-percentage <pct>   calypsoFeePercentage (default 0.5)
  --latency-ms <ms>        delay every API response
  --error-rate <0..1>      share of API requests answered 500
  --drop-rate <0..1>       share of committed writes whose response is dropped
  --clock-offset-ms <ms>   simulator clock minus machine clock
  --help                   show this text`;

class UsageError extends Error {}

function integer(flag: string, text: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${flag}: expected an integer from ${min} to ${max}, got "${text}"`);
  }
  return Number(text);
}

function rate(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !(value >= 0 && value <= 1)) {
    throw new UsageError(`--${flag}: expected a number from 0 to 1, got "${text}"`);
  }
  return value;
}

type Parsed = { help: true } | { help: false; options: SimulatorOptions };

function parse(args: string[]): Parsed {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        db: { type: 'string' },
        'random-seed': { type: 'string' },
        'fail-address': { type: 'string', multiple: true },
        verification: { type: 'boolean' },
        'fee-percentage': { type: 'string' },
        'latency-ms': { type: 'string' },
        'error-rate': { type: 'string' },
        'drop-rate': { type: 'string' },
        'clock-offset-ms': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };
  const options: SimulatorOptions = { stableCredentials: true };
  const randomSeed = values['random-seed'];
  if (randomSeed !== undefined) {
    options.randomSeed = integer('random-seed', randomSeed, 0, 4_294_967_295);
  }
  if (values.port !== undefined) options.port = integer('port', values.port, 0, 65_535);
  if (values.seed !== undefined) {
    if (values.seed !== 'demo' && values.seed !== 'none') {
      throw new UsageError(`--seed: expected "demo" or "none", got "${values.seed}"`);
    }
    options.seed = values.seed;
  }
  if (values.db !== undefined) {
    if (values.db.trim() === '') throw new UsageError('--db: expected a file name');
    options.dbFile = values.db;
  }
  if (values['fail-address']) {
    const addresses = values['fail-address'];
    if (addresses.some((address) => address.trim() === '')) {
      throw new UsageError('--fail-address: expected an address');
    }
    options.failAddresses = addresses;
  }
  if (values.verification) options.verification = true;
  const fee = values['fee-percentage'];
  if (fee !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(fee)) {
      throw new UsageError(`--fee-percentage: expected a decimal such as 0.5, got "${fee}"`);
    }
    options.feePercentage = fee;
  }
  const faults: NonNullable<SimulatorOptions['faults']> = {};
  const latency = values['latency-ms'];
  if (latency !== undefined) faults.latencyMs = integer('latency-ms', latency, 0, 600_000);
  const errorRate = values['error-rate'];
  if (errorRate !== undefined) faults.errorRate = rate('error-rate', errorRate);
  const dropRate = values['drop-rate'];
  if (dropRate !== undefined) faults.dropRate = rate('drop-rate', dropRate);
  if (Object.keys(faults).length > 0) options.faults = faults;
  const offset = values['clock-offset-ms'];
  if (offset !== undefined) {
    options.clockOffsetMs = integer(
      'clock-offset-ms',
      offset,
      -3_153_600_000_000,
      3_153_600_000_000,
    );
  }
  return { help: false, options };
}

/** How the printed credentials behave across restarts, so nobody has to guess. */
function credentialsNote(options: SimulatorOptions): string {
  const seed = options.randomSeed ?? 1;
  return options.dbFile === undefined
    ? `Credentials come from --random-seed ${seed}: the same at every start with this seed (state is in memory and starts anew).`
    : `Credentials are kept in ${options.dbFile}: the same at every start with this file (a new file takes them from --random-seed ${seed}).`;
}

function fail(message: string, code: number): never {
  process.stderr.write(`simulator: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let parsed: Parsed;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) fail(`${error.message}\n${USAGE}`, 2);
    throw error;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { options } = parsed;
  let simulator: RunningSimulator;
  try {
    simulator = await startSimulator(options);
  } catch (error) {
    if (error instanceof SimulatorStartError) {
      fail(`${error.reason === 'DB_OPEN_FAILED' ? '--db' : '--port'}: ${error.message}`, 2);
    }
    throw error;
  }
  const { baseUrl, merchant } = simulator;
  process.stdout.write(`${JSON.stringify({ baseUrl, ...merchant })}\n`);
  process.stderr.write(
    `Calypso simulator listening on ${baseUrl} (account ${merchant.account}); control API under ${baseUrl}/__simulator/\n`,
  );
  process.stderr.write(`${credentialsNote(options)}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error), 1);
});
