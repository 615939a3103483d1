/** A report's rows by day as a chart series with every day of the range, so a day without data is a gap, not a skipped point. */
import { daysIn } from '../reports/report-period.ts';

const DAY_MS = 86_400_000;

export function dailySeries<R extends { day: string }>(rows: R[], range: { from: string; to: string }, pick: (row: R) => number | null): { day: string; value: number | null }[] {
  const byDay = new Map(rows.map((r) => [r.day, pick(r)]));
  const start = Date.parse(`${range.from}T00:00:00Z`);
  return Array.from({ length: daysIn(range) }, (_, i) => {
    const day = new Date(start + i * DAY_MS).toISOString().slice(0, 10);
    return { day, value: byDay.get(day) ?? null };
  });
}
