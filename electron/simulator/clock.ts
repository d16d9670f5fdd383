/**
 * The simulator's own clock. Real time keeps flowing underneath (so a running app sees
 * payouts progress on their own), and tests shift it with `advance()` to reach a state
 * deterministically instead of sleeping. Every timestamp check, Date header and state
 * transition reads this clock, never Date.now() directly.
 */
export class SimClock {
  private offsetMs: number;

  constructor(offsetMs = 0) {
    this.offsetMs = offsetMs;
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the clock forward (a negative value moves it back); returns the new now(). */
  advance(ms: number): number {
    if (!Number.isFinite(ms)) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    this.offsetMs += ms;
    return this.now();
  }

  /** Offset from the machine's clock, e.g. to simulate a server whose clock differs. */
  get offset(): number {
    return this.offsetMs;
  }

  setOffset(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`invalid clock offset ${ms} ms`);
    this.offsetMs = ms;
  }
}
