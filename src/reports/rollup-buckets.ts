/**
 * A range of whole days as rollup buckets: the whole months it covers from a monthly rollup (12 rows per key for a
 * year), whole ISO weeks of what is left from a weekly one, and the remaining days from the daily one. The three
 * rollups have the same columns; `day` is the month's first day or the week's Monday in the coarser ones.
 */
import { addDays, monthStart, weekStart } from '../events/utc-day.ts';

export type Level = 'daily' | 'weekly' | 'monthly';
export interface Bucket {
  level: Level;
  /** Inclusive, YYYY-MM-DD: the first and last key read (a month's first day or a week's Monday when coarser). */
  from: string;
  to: string;
}

const nextMonth = (day: string) => monthStart(addDays(monthStart(day), 32));

/** The rollup of `family` at a bucket's level, e.g. article_weekly. */
export const rollupTable = <F extends 'article' | 'query' | 'tutorial_step' | 'revision_votes'>(family: F, bucket: Bucket) => `${family}_${bucket.level}` as `${F}_${Level}`;

/** Whole weeks of a segment from the weekly rollup, the days around them from the daily one. */
function weeksAndDays(from: string, to: string): Bucket[] {
  const first = weekStart(from) === from ? from : addDays(weekStart(from), 7);
  const lastMonday = addDays(to, 1) === addDays(weekStart(to), 7) ? weekStart(to) : addDays(weekStart(to), -7);
  if (first > lastMonday) return [{ level: 'daily', from, to }];
  const buckets: Bucket[] = [{ level: 'weekly', from: first, to: lastMonday }];
  if (from < first) buckets.unshift({ level: 'daily', from, to: addDays(first, -1) });
  if (addDays(lastMonday, 6) < to) buckets.push({ level: 'daily', from: addDays(lastMonday, 7), to });
  return buckets;
}

/** The buckets that add up to exactly the days of the range, each day once. */
export function rollupBuckets(range: { from: string; to: string }): Bucket[] {
  const first = range.from.endsWith('-01') ? range.from : nextMonth(range.from);
  // The month after the last whole one: `to` is the last day of its month exactly when the next day starts a month.
  const end = addDays(range.to, 1).endsWith('-01') ? addDays(range.to, 1) : monthStart(range.to);
  if (first >= end) return weeksAndDays(range.from, range.to);
  return [
    ...(range.from < first ? weeksAndDays(range.from, addDays(first, -1)) : []),
    { level: 'monthly', from: first, to: monthStart(addDays(end, -1)) },
    ...(end <= range.to ? weeksAndDays(end, range.to) : []),
  ];
}

/** Every key a bucket reads: its days, Mondays or months' first days, for looking up a few known ids in each. */
export function bucketKeys(bucket: Bucket): string[] {
  const step = (day: string) => (bucket.level === 'monthly' ? nextMonth(day) : addDays(day, bucket.level === 'weekly' ? 7 : 1));
  const keys: string[] = [];
  for (let day = bucket.from; day <= bucket.to; day = step(day)) keys.push(day);
  return keys;
}

/** One query per bucket, joined with UNION ALL: `part` reads the bucket's rollup between its keys. */
export function overBuckets<Q extends { unionAll(other: Q): Q }>(range: { from: string; to: string }, part: (bucket: Bucket) => Q): Q {
  const [head, ...rest] = rollupBuckets(range).map(part);
  return rest.reduce((all, next) => all.unionAll(next), head!);
}
