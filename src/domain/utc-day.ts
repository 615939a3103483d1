/** UTC calendar days as YYYY-MM-DD: the bucket of every daily rollup, and the arithmetic report ranges need. */
export const DAY_MS = 86_400_000;

/** The UTC calendar day of an epoch-ms time. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** An epoch-ms time to the minute, in UTC ("2026-12-06 07:15"), or a dash for none. */
export const utcMinute = (ms: number | null, none = '—'): string =>
  ms === null ? none : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** The day `days` after (or, negative, before) `day`. */
export function addDays(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}

/** The month's first day (YYYY-MM-01): the key of the monthly rollups. */
export const monthStart = (day: string) => `${day.slice(0, 8)}01`;

/** The quarter's first day (YYYY-01-01, -04-01, -07-01 or -10-01): the key of the quarterly rollups. */
export const quarterStart = (day: string) =>
  `${day.slice(0, 5)}${String(Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;

/** The year's first day (YYYY-01-01): the key of the yearly rollups. */
export const yearStart = (day: string) => `${day.slice(0, 4)}-01-01`;

/** The key of the bucket a day falls in, at each level of the rollups (`<family>_<level>` tables). */
export const ROLLUP_KEY = {
  daily: (day: string) => day,
  weekly: weekStart,
  monthly: monthStart,
  quarterly: quarterStart,
  yearly: yearStart,
} as const;
export type RollupLevel = keyof typeof ROLLUP_KEY;

/** The Monday (UTC) of the ISO week of a day: the key of the weekly rollups. */
export function weekStart(day: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return utcDay(ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS);
}
