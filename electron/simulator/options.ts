/**
 * What a simulator run can be told at start, and the defaults that make it behave like the
 * documented API with short, test-friendly delays (calypso-api.md section 9, "S:" choices).
 */
import { DEFAULT_MASS_PAYOUT_LIMITS, type MassPayoutLimits } from '../../shared/networks';
import type { DecimalString } from '../../shared/money';

/** How long each automatic transition waits, on the simulator clock. */
export type SimDelays = {
  /** Mass payout: CREATION_IN_PROGRESS -> CONFIRMED (or PENDING_CONFIRMATION). */
  creationMs: number;
  /** PENDING_CONFIRMATION -> CONFIRMED (the simulated approver always approves). */
  confirmationMs: number;
  /** CONFIRMED -> IN_PROGRESS, counted from confirmation or from executionDate if later. */
  startMs: number;
  /** IN_PROGRESS -> COMPLETED / FAILED / PARTIAL. */
  completionMs: number;
};

export const DEFAULT_DELAYS: SimDelays = {
  creationMs: 1_000,
  confirmationMs: 2_000,
  startMs: 2_000,
  completionMs: 3_000,
};

export type SimLimits = {
  massPayout: MassPayoutLimits;
  /** Largest `size` / `pageSize` a list accepts (Q3). */
  maxPageSize: number;
};

export type FaultSettings = {
  /** Added to every API request before it is handled. */
  latencyMs: number;
  /** Share (0..1) of API requests answered 500/000 before anything is done. */
  errorRate: number;
  /** Share (0..1) of successful writes whose response is dropped after the commit. */
  dropRate: number;
  /** The next N API requests are answered 500/000 before anything is done. */
  failNext: number;
  /** The next N successful writes (create / cancel) have their response dropped. */
  dropNext: number;
};

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  errorRate: 0,
  dropRate: 0,
  failNext: 0,
  dropNext: 0,
};

export type SimulatorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The simulator only ever listens on the loopback interface. */
  host?: '127.0.0.1';
  /** SQLite file that keeps merchants and payouts across restarts; in memory when absent. */
  dbFile?: string;
  /** 'demo' fills the demo merchant with a realistic history (only when it has none yet). */
  seed?: 'demo' | 'none';
  clockOffsetMs?: number;
  faults?: Partial<FaultSettings>;
  /** Seed of the PRNG behind errorRate / dropRate and the demo history. */
  randomSeed?: number;
  /**
   * A new store's demo merchant gets credentials derived from randomSeed instead of random
   * ones, so an in-memory run started again gets the same credentials. Off by default: two
   * simulators in one test must not share a merchant.
   */
  stableCredentials?: boolean;
  /** New payouts wait in PENDING_CONFIRMATION before CONFIRMED (Q7). */
  verification?: boolean;
  /** Recipients whose withdrawals fail when they are executed. */
  failAddresses?: string[];
  limits?: { massPayout?: Partial<MassPayoutLimits>; maxPageSize?: number };
  delays?: Partial<SimDelays>;
  /** calypsoFeePercentage of every withdrawal, e.g. "0.5". */
  feePercentage?: DecimalString;
  /** Refuse an `account` that is not 0x + 40 hex with 001 (Q12); off by default. */
  strictAccountFormat?: boolean;
  /** Refuse a timestamp not above the key's previous one with 011 (Q15); off by default. */
  monotonicTimestamps?: boolean;
  /** better-sqlite3's addon file; Electron's main passes its own build (docs/desktop-runtime.md). */
  nativeBinding?: string;
};

/** The settings the engine and handlers read; mutable so a running simulator can be retuned. */
export type SimConfig = {
  verification: boolean;
  delays: SimDelays;
  limits: SimLimits;
  feePercentage: DecimalString;
  strictAccountFormat: boolean;
  monotonicTimestamps: boolean;
};

export const DEFAULT_FEE_PERCENTAGE: DecimalString = '0.5';
export const DEFAULT_MAX_PAGE_SIZE = 100;

function nonNegativeInt(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}

export function resolveConfig(options: SimulatorOptions): SimConfig {
  const delays = { ...DEFAULT_DELAYS, ...options.delays };
  for (const [name, value] of Object.entries(delays)) nonNegativeInt(value, `delays.${name}`);
  const massPayout = { ...DEFAULT_MASS_PAYOUT_LIMITS, ...options.limits?.massPayout };
  for (const [name, value] of Object.entries(massPayout)) {
    if (nonNegativeInt(value, `limits.massPayout.${name}`) === 0) {
      throw new RangeError(`limits.massPayout.${name} must be at least 1`);
    }
  }
  const maxPageSize = options.limits?.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE;
  if (nonNegativeInt(maxPageSize, 'limits.maxPageSize') === 0) {
    throw new RangeError('limits.maxPageSize must be at least 1');
  }
  const feePercentage = options.feePercentage ?? DEFAULT_FEE_PERCENTAGE;
  if (!/^\d+(\.\d+)?$/.test(feePercentage)) {
    throw new RangeError(`feePercentage must be a non-negative decimal, got "${feePercentage}"`);
  }
  return {
    verification: options.verification ?? false,
    delays,
    limits: { massPayout, maxPageSize },
    feePercentage,
    strictAccountFormat: options.strictAccountFormat ?? false,
    monotonicTimestamps: options.monotonicTimestamps ?? false,
  };
}
