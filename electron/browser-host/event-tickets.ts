/**
 * One-time tickets for the event stream. EventSource cannot send a header, so whatever opens
 * the stream sits in its URL, and URLs end up in places a header does not (devtools, proxies,
 * any access log). The long-lived token therefore never goes there: the page asks for a ticket
 * with an authenticated POST (token header + Origin) and opens the stream with it. A ticket
 * opens one stream, once, within a minute; a reconnecting page asks for a new one.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

const TICKET_LIFETIME_MS = 60_000;
/** A page holds one stream; a few spare cover reloads. Older tickets are dropped first. */
const MAX_OUTSTANDING = 16;

export type EventTickets = {
  issue(): string;
  /** True once for a ticket that was issued and has not expired; it is spent either way. */
  redeem(ticket: string | null): boolean;
};

export function createEventTickets(now: () => number = Date.now): EventTickets {
  const issued = new Map<string, number>();

  function prune() {
    const at = now();
    for (const [ticket, expiresAt] of issued) if (expiresAt <= at) issued.delete(ticket);
    while (issued.size >= MAX_OUTSTANDING) {
      const oldest = issued.keys().next().value;
      if (oldest === undefined) break;
      issued.delete(oldest);
    }
  }

  return {
    issue() {
      prune();
      const ticket = randomBytes(32).toString('hex');
      issued.set(ticket, now() + TICKET_LIFETIME_MS);
      return ticket;
    },
    redeem(ticket) {
      if (typeof ticket !== 'string' || !/^[0-9a-f]{64}$/.test(ticket)) return false;
      // Compared in constant time, like the token: a ticket is a credential too.
      for (const [known, expiresAt] of issued) {
        if (timingSafeEqual(Buffer.from(known), Buffer.from(ticket))) {
          issued.delete(known);
          return expiresAt > now();
        }
      }
      return false;
    },
  };
}
