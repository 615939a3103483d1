/** UTC calendar days as YYYY-MM-DD: the bucket of every daily rollup, and the arithmetic report ranges need. */
export const DAY_MS = 86_400_000;

/** The UTC calendar day of an epoch-ms time. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day `days` after (or, negative, before) `day`. */
export function addDays(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}
