/**
 * A range of whole days as rollup buckets: the whole months it covers read from a monthly rollup (12 rows per key for
 * a year), the days of its partial months from the daily one. Both rollups have the same columns; `day` is the
 * month's first day in the monthly one.
 */
import { addDays } from '../events/utc-day.ts';

export interface Bucket {
  monthly: boolean;
  /** Inclusive, YYYY-MM-DD; for a monthly bucket, the first days of the first and last month. */
  from: string;
  to: string;
}

const monthStart = (day: string) => `${day.slice(0, 8)}01`;
const nextMonth = (day: string) => addDays(monthStart(day), 32).slice(0, 8) + '01';

/** The buckets that add up to exactly the days of the range, each day once. */
export function rollupBuckets(range: { from: string; to: string }): Bucket[] {
  const first = range.from.endsWith('-01') ? range.from : nextMonth(range.from);
  // The month after the last whole one: `to` is the last day of its month exactly when the next day starts a month.
  const end = addDays(range.to, 1).endsWith('-01') ? addDays(range.to, 1) : monthStart(range.to);
  if (first >= end) return [{ monthly: false, ...range }];
  const buckets: Bucket[] = [{ monthly: true, from: first, to: monthStart(addDays(end, -1)) }];
  if (range.from < first) buckets.unshift({ monthly: false, from: range.from, to: addDays(first, -1) });
  if (end <= range.to) buckets.push({ monthly: false, from: end, to: range.to });
  return buckets;
}

/** One query per bucket, joined with UNION ALL: `part` reads the daily or monthly table between the bucket's days. */
export function overBuckets<Q extends { unionAll(other: Q): Q }>(range: { from: string; to: string }, part: (bucket: Bucket) => Q): Q {
  const [head, ...rest] = rollupBuckets(range).map(part);
  return rest.reduce((all, next) => all.unionAll(next), head!);
}
