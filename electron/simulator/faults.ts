/**
 * Fault injection for the API endpoints (never for the control API). Everything is off by
 * default. Rates draw from a seeded PRNG so a failing run can be replayed; the counters
 * (failNext / dropNext) are exact and are what tests should use.
 */
import { NO_FAULTS, type FaultSettings } from './options';
import { createRandom, type Random } from './random';

/** Checks a partial update of the fault settings; an unknown name is refused, not ignored. */
export function checkFaultPatch(patch: Readonly<Record<string, unknown>>): Partial<FaultSettings> {
  for (const name of Object.keys(patch)) {
    if (!(name in NO_FAULTS)) throw new RangeError(`unknown fault setting ${name}`);
  }
  const out: Partial<FaultSettings> = {};
  for (const name of ['errorRate', 'dropRate'] as const) {
    const value = patch[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new RangeError(`${name} must be a number from 0 to 1`);
    }
    out[name] = value;
  }
  for (const name of ['latencyMs', 'failNext', 'dropNext'] as const) {
    const value = patch[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`${name} must be a non-negative integer`);
    }
    out[name] = value;
  }
  return out;
}

export class FaultInjector {
  /** Live settings: tests may assign fields directly or go through `update`. */
  readonly settings: FaultSettings;
  private readonly random: Random;

  constructor(initial: Partial<FaultSettings> = {}, seed = 1) {
    this.settings = { ...NO_FAULTS, ...checkFaultPatch(initial) };
    this.random = createRandom(seed);
  }

  update(patch: Readonly<Record<string, unknown>>): FaultSettings {
    Object.assign(this.settings, checkFaultPatch(patch));
    return this.settings;
  }

  /** Decides, before any work, whether this request is answered with a 500. */
  takeFailure(): boolean {
    if (this.settings.failNext > 0) {
      this.settings.failNext -= 1;
      return true;
    }
    return this.settings.errorRate > 0 && this.random.next() < this.settings.errorRate;
  }

  /** Decides, after a write was committed, whether its response is lost on the way back. */
  takeDrop(): boolean {
    if (this.settings.dropNext > 0) {
      this.settings.dropNext -= 1;
      return true;
    }
    return this.settings.dropRate > 0 && this.random.next() < this.settings.dropRate;
  }
}
