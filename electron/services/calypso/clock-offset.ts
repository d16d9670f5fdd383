/**
 * Tracks how far the local clock is from Calypso's, learned from the HTTP `Date` header.
 * Calypso refuses a timestamp more than 3 minutes off, and a laptop clock can be further off
 * than that; signing with `now + offset` keeps requests inside the window.
 */

/** The Date header has whole seconds: ignore differences this small as rounding noise. */
const NOISE_MS = 2_000;

export type ClockOffset = {
  /** Milliseconds to add to the local clock to get the server's. */
  current(): number;
  /** Reads a response's Date header; `force` adopts it even inside the noise band. */
  learn(dateHeader: string | null, localNowMs: number, force?: boolean): void;
};

export function createClockOffset(): ClockOffset {
  let offsetMs = 0;
  return {
    current: () => offsetMs,
    learn(dateHeader, localNowMs, force = false) {
      if (!dateHeader) return;
      const serverMs = Date.parse(dateHeader);
      if (Number.isNaN(serverMs)) return;
      // The header truncates to the second: the server's clock is on average 500 ms later.
      const measured = serverMs + 500 - localNowMs;
      if (force || Math.abs(measured - offsetMs) > NOISE_MS) offsetMs = Math.round(measured);
    },
  };
}
