/** A time as the desk's sentences give it: "2026-12-01 21:02 UTC" (to the minute). */
export function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
