/**
 * A report's rows by day as a chart series with every day of the range, so a day without data is a gap, not a skipped
 * point.
 */
import { addDays } from '../domain/utc-day.ts';
import { daysIn } from '../analytics/report-period.ts';

export function dailySeries<R extends { day: string }>(
  rows: R[],
  range: { from: string; to: string },
  pick: (row: R) => number | null,
): { day: string; value: number | null }[] {
  const byDay = new Map(rows.map((r) => [r.day, pick(r)]));
  return Array.from({ length: daysIn(range) }, (_, i) => {
    const day = addDays(range.from, i);
    return { day, value: byDay.get(day) ?? null };
  });
}
