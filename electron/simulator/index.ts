/**
 * Public entry of the Calypso-compatible simulator: `startSimulator()` starts a loopback
 * HTTP server that behaves like the documented Payout API (see server.ts for the request
 * pipeline, control.ts for the unsigned /__simulator/ control API, fail-list.ts for the
 * failure rule, options.ts for defaults) and returns handles for tests and the app.
 */
import type { AddressInfo } from 'node:net';
import type { DecimalString } from '../../shared/money';
import { Authenticator } from './auth';
import { setBalance } from './balance';
import { SimClock } from './clock';
import type { ControlDeps } from './control';
import { Engine } from './engine';
import { FailList } from './fail-list';
import { FaultInjector } from './faults';
import {
  createMerchant,
  credentialsOf,
  ensureDemoMerchant,
  rotateCredentials,
  type MerchantCredentials,
  type NewMerchantOptions,
} from './merchants';
import { resolveConfig, type FaultSettings, type SimulatorOptions } from './options';
import type { Merchant } from './records';
import { seedDemo, seedPayouts, type SeedContext, type SeedPayoutsOptions } from './seed';
import { createSimServer } from './server';
import { SimStore } from './store';

export { SimClock } from './clock';
export { DEFAULT_DELAYS, NO_FAULTS } from './options';
export type { FaultSettings, SimDelays, SimulatorOptions } from './options';
export type { MerchantCredentials, NewMerchantOptions } from './merchants';
export type { SeedPayoutsOptions } from './seed';

export type RunningSimulator = {
  /** e.g. http://127.0.0.1:43817 (no trailing slash). */
  baseUrl: string;
  port: number;
  /** The demo merchant. */
  merchant: MerchantCredentials;
  clock: SimClock;
  /** Live fault settings: assign fields directly, or use setFaults (which validates). */
  faults: FaultSettings;
  setFaults: (patch: Partial<FaultSettings>) => FaultSettings;
  addMerchant: (options?: NewMerchantOptions) => MerchantCredentials;
  /** New random key and secret for a merchant (a key rotation); the old pair is refused. */
  rotateCredentials: (account: string) => MerchantCredentials;
  /** Bulk-seeds payouts in one transaction; returns their ids, oldest first. */
  seedPayouts: (count: number, options?: SeedPayoutsOptions) => string[];
  failAddress: (address: string) => void;
  /** Sets one balance of the demo merchant (or of `account`), as the control API does. */
  setBalance: (currency: string, amount: DecimalString, account?: string) => void;
  /** Single and mass payouts, of one account or of all. */
  countPayouts: (account?: string) => number;
  close: () => Promise<void>;
};

export type StartFailure = 'PORT_IN_USE' | 'LISTEN_FAILED' | 'DB_OPEN_FAILED';

export class SimulatorStartError extends Error {
  readonly reason: StartFailure;

  constructor(reason: StartFailure, message: string) {
    super(message);
    this.name = 'SimulatorStartError';
    this.reason = reason;
  }
}

const LOOPBACK = '127.0.0.1';

function openStore(file: string | undefined, nativeBinding?: string): SimStore {
  try {
    return SimStore.open(file, nativeBinding);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SimulatorStartError('DB_OPEN_FAILED', `cannot open "${file ?? ''}": ${reason}`);
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const port = options.port ?? 0;
  if (!Number.isSafeInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${port}`);
  }
  const config = resolveConfig(options);
  const clock = new SimClock(options.clockOffsetMs ?? 0);
  const faults = new FaultInjector(options.faults, options.randomSeed ?? 1);
  const failList = new FailList(options.failAddresses ?? []);
  const store = openStore(options.dbFile, options.nativeBinding);
  try {
    const demo = ensureDemoMerchant(
      store,
      options.stableCredentials ? (options.randomSeed ?? 1) : undefined,
    );
    const engine = new Engine(store, config, failList);
    const seedContext = (merchant: Merchant): SeedContext => ({
      store,
      config,
      now: clock.now(),
      merchant,
    });
    const seedFor = (count: number, seedOptions: SeedPayoutsOptions = {}): string[] => {
      const merchant =
        seedOptions.account === undefined ? demo : store.merchantByAccount(seedOptions.account);
      if (!merchant) throw new RangeError(`no merchant with account ${seedOptions.account ?? ''}`);
      return seedPayouts(seedContext(merchant), count, seedOptions);
    };
    const addMerchant = (merchantOptions: NewMerchantOptions = {}): MerchantCredentials =>
      credentialsOf(createMerchant(store, merchantOptions));
    if (options.seed === 'demo' && store.countPayouts(demo.account) === 0) {
      seedDemo(seedContext(demo), options.randomSeed);
    }
    const control: ControlDeps = {
      clock,
      store,
      engine,
      faults,
      failList,
      config,
      demoAccount: demo.account,
      seedPayouts: seedFor,
      addMerchant,
    };
    const server = createSimServer({
      clock,
      store,
      engine,
      auth: new Authenticator(store, config),
      faults,
      config,
      control,
      log: (line) => {
        console.error(line);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'EADDRINUSE'
            ? new SimulatorStartError(
                'PORT_IN_USE',
                `port ${port} on ${LOOPBACK} is already in use`,
              )
            : new SimulatorStartError(
                'LISTEN_FAILED',
                `cannot listen on ${LOOPBACK}:${port}: ${error.message}`,
              ),
        );
      });
      server.listen(port, LOOPBACK, () => {
        resolve();
      });
    });
    server.on('error', (error) => {
      console.error(`simulator: server error: ${error.message}`);
    });
    const { port: actualPort } = server.address() as AddressInfo;
    let closing: Promise<void> | undefined;
    return {
      baseUrl: `http://${LOOPBACK}:${actualPort}`,
      port: actualPort,
      merchant: credentialsOf(demo),
      clock,
      faults: faults.settings,
      setFaults: (patch) => faults.update(patch),
      addMerchant,
      rotateCredentials: (account) => rotateCredentials(store, account),
      seedPayouts: seedFor,
      failAddress: (address) => {
        failList.add(address);
      },
      setBalance: (currency, amount, account) => {
        setBalance(store, { account: account ?? demo.account, currency, amount });
      },
      countPayouts: (account) => store.countPayouts(account),
      close: () => {
        closing ??= new Promise<void>((resolve) => {
          server.close(() => {
            store.close();
            resolve();
          });
          server.closeAllConnections();
        });
        return closing;
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
