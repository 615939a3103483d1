/** Date arithmetic for report ranges: the previous equal period, epoch bounds, ISO weeks. */
import { addDays, DAY_MS, utcDay } from '../domain/utc-day.ts';
import type { ReportParams } from '../schemas/report-params.ts';

const epoch = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function daysIn(range: { from: string; to: string }): number {
  return Math.round((epoch(range.to) - epoch(range.from)) / DAY_MS) + 1;
}

/** The same number of days immediately before the range, with the same filters. */
export function previousPeriod<P extends ReportParams>(params: P): P {
  const length = daysIn(params);
  return { ...params, from: addDays(params.from, -length), to: addDays(params.from, -1) };
}

/** [start, end) in epoch ms for a range of whole UTC days. */
export function epochBounds(range: { from: string; to: string }): { start: number; end: number } {
  return { start: epoch(range.from), end: epoch(range.to) + DAY_MS };
}

/** The Monday (UTC) that starts the ISO week of a day. */
export function weekOf(day: string): string {
  const weekday = (new Date(epoch(day)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** The last `days` days ending today (UTC): the default range of the CLI and the dashboard. */
export function lastDays(days: number, now = Date.now()): { from: string; to: string } {
  const to = utcDay(now);
  return { from: addDays(to, 1 - days), to };
}
