/** Display helpers. Amounts are never formatted through numbers: they are shown as sent. */

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

const dateTimeSeconds = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function formatDateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return dateTime.format(ms);
}

export function formatDateTimeSeconds(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return dateTimeSeconds.format(ms);
}

/** ISO text from the server, shown in local time with the original kept in a title. */
export function formatIso(text: string | null | undefined): string {
  if (!text) return '—';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : dateTimeSeconds.format(ms);
}

// One formatter for every count: toLocaleString() builds a new one per call, which a screen
// with a few hundred counts (the import summary, the draft grid) pays for in its render.
const counts = new Intl.NumberFormat();

export function formatCount(count: number): string {
  return counts.format(count);
}

/** `<input type="datetime-local">` value (local time, no zone) -> ISO-8601 UTC. */
export function localInputToIso(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** `<input type="date">` value -> the first or last millisecond of that local day. */
export function localDateToMs(value: string, end: boolean): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day] = match;
  const date = end
    ? new Date(Number(year), Number(month) - 1, Number(day), 23, 59, 59, 999)
    : new Date(Number(year), Number(month) - 1, Number(day), 0, 0, 0, 0);
  const ms = date.getTime();
  return Number.isNaN(ms) || ms < 0 ? undefined : ms;
}

export function shortId(id: string): string {
  return id.length > 14 ? `${id.slice(0, 6)}…${id.slice(-6)}` : id;
}
