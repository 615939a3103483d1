/** Date arithmetic for report ranges: the previous equal period, epoch bounds, ISO weeks. */
import type { ReportParams } from '../schemas/report-params.ts';

const DAY_MS = 86_400_000;

const epoch = (day: string) => Date.parse(`${day}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function daysIn(range: { from: string; to: string }): number {
  return Math.round((epoch(range.to) - epoch(range.from)) / DAY_MS) + 1;
}

/** The same number of days immediately before the range, with the same filters. */
export function previousPeriod<P extends ReportParams>(params: P): P {
  const length = daysIn(params);
  return { ...params, from: isoDay(epoch(params.from) - length * DAY_MS), to: isoDay(epoch(params.from) - DAY_MS) };
}

/** [start, end) in epoch ms for a range of whole UTC days. */
export function epochBounds(range: { from: string; to: string }): { start: number; end: number } {
  return { start: epoch(range.from), end: epoch(range.to) + DAY_MS };
}

/** The Monday (UTC) that starts the ISO week of a day. */
export function weekOf(day: string): string {
  const ms = epoch(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return isoDay(ms - weekday * DAY_MS);
}

/** The last `days` days ending today (UTC): the default range of the CLI and the dashboard. */
export function lastDays(days: number, now = Date.now()): { from: string; to: string } {
  const to = isoDay(now);
  return { from: isoDay(epoch(to) - (days - 1) * DAY_MS), to };
}
