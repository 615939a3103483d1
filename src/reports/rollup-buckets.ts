/**
 * A range of whole days as rollup buckets: the whole months it covers from a monthly rollup (12 rows per key for a
 * year), whole ISO weeks of what is left from a weekly one, and the remaining days from the daily one. The three
 * rollups have the same columns; `day` is the month's first day or the week's Monday in the coarser ones.
 * Counters add up exactly (a week's row is the sum of its days'), so a range may also be read as more than it
 * covers less what lies outside it: 4–31 December is December less 1–3 December, 4 keys instead of 10.
 */
import { sql, type AliasedRawBuilder } from 'kysely';
import { addDays, DAY_MS, monthStart, weekStart } from '../events/utc-day.ts';

export type Level = 'daily' | 'weekly' | 'monthly';
export interface Bucket {
  level: Level;
  /** Inclusive, YYYY-MM-DD: the first and last key read (a month's first day or a week's Monday when coarser). */
  from: string;
  to: string;
  /** 1: the bucket's counters are added; −1: taken away (days outside the range that a coarser bucket includes). */
  sign: 1 | -1;
}

const nextMonth = (day: string) => monthStart(addDays(monthStart(day), 32));

/** The rollup of `family` at a bucket's level, e.g. article_weekly. */
export const rollupTable = <F extends 'article' | 'query' | 'tutorial_step' | 'revision_votes'>(family: F, bucket: Bucket) => `${family}_${bucket.level}` as `${F}_${Level}`;

/** Whole weeks of a segment from the weekly rollup, the days around them from the daily one. */
function weeksAndDays(from: string, to: string): Bucket[] {
  const first = weekStart(from) === from ? from : addDays(weekStart(from), 7);
  const lastMonday = addDays(to, 1) === addDays(weekStart(to), 7) ? weekStart(to) : addDays(weekStart(to), -7);
  if (first > lastMonday) return [{ level: 'daily', from, to, sign: 1 }];
  const buckets: Bucket[] = [{ level: 'weekly', from: first, to: lastMonday, sign: 1 }];
  if (from < first) buckets.unshift({ level: 'daily', from, to: addDays(first, -1), sign: 1 });
  if (addDays(lastMonday, 6) < to) buckets.push({ level: 'daily', from: addDays(lastMonday, 7), to, sign: 1 });
  return buckets;
}

/** Whole months from the monthly rollup, weeks and days around them: each day of the range once, nothing else. */
function covering(from: string, to: string): Bucket[] {
  if (from > to) return [];
  const first = from.endsWith('-01') ? from : nextMonth(from);
  // The month after the last whole one: `to` is the last day of its month exactly when the next day starts a month.
  const end = addDays(to, 1).endsWith('-01') ? addDays(to, 1) : monthStart(to);
  if (first >= end) return weeksAndDays(from, to);
  return [...(from < first ? weeksAndDays(from, addDays(first, -1)) : []), { level: 'monthly', from: first, to: monthStart(addDays(end, -1)), sign: 1 }, ...(end <= to ? weeksAndDays(end, to) : [])];
}

/**
 * Rows a key is expected to have, relative to a day's: measured at 10 million events, a query searched in a week has
 * 3 daily rows on average and one searched in a month 5, while articles are read nearly every day (1 each). The
 * sparse family's weights are the cautious choice: they take a month less some days only when that reads fewer rows.
 */
const ROWS_PER_KEY: Record<Level, number> = { daily: 1, weekly: 3, monthly: 5 };
const monthNumber = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7));
/** Keys a bucket reads, counted without listing them. */
function keyCount(b: Bucket): number {
  if (b.level === 'monthly') return monthNumber(b.to) - monthNumber(b.from) + 1;
  const days = (Date.parse(b.to) - Date.parse(b.from)) / DAY_MS;
  return b.level === 'weekly' ? days / 7 + 1 : days + 1;
}
const cost = (buckets: Bucket[]) => buckets.reduce((sum, b) => sum + ROWS_PER_KEY[b.level] * keyCount(b), 0);
const takenAway = (buckets: Bucket[]): Bucket[] => buckets.map((b) => ({ ...b, sign: -1 }));

/**
 * The buckets whose signed counters add up to exactly the days of the range: its covering, or the covering of the
 * range widened to its first month's or week's start and its last month's or week's end, less the days added,
 * whichever reads the fewest rows.
 */
export function rollupBuckets(range: { from: string; to: string }): Bucket[] {
  const { from, to } = range;
  let best = covering(from, to);
  for (const wideFrom of new Set([from, monthStart(from), weekStart(from)])) {
    for (const wideTo of new Set([to, addDays(nextMonth(to), -1), addDays(weekStart(to), 6)])) {
      const candidate = [...covering(wideFrom, wideTo), ...takenAway(covering(wideFrom, addDays(from, -1))), ...takenAway(covering(addDays(to, 1), wideTo))];
      if (cost(candidate) < cost(best)) best = candidate;
    }
  }
  return best;
}

/** A counter as its bucket contributes it: negated in a bucket taken away, so that `sum()` over all buckets is the range's. */
export const signed = <C extends string>(bucket: Bucket, column: C): AliasedRawBuilder<number, C> =>
  (bucket.sign < 0 ? sql<number>`-${sql.ref(column)}` : sql<number>`${sql.ref(column)}`).as(column);

/** Every key a bucket reads: its days, Mondays or months' first days, for looking up a few known ids in each. */
export function bucketKeys(bucket: Bucket): string[] {
  const step = (day: string) => (bucket.level === 'monthly' ? nextMonth(day) : addDays(day, bucket.level === 'weekly' ? 7 : 1));
  const keys: string[] = [];
  for (let day = bucket.from; day <= bucket.to; day = step(day)) keys.push(day);
  return keys;
}

/** One query per bucket, joined with UNION ALL: `part` reads the bucket's rollup between its keys, its counters `signed`. */
export function overBuckets<Q extends { unionAll(other: Q): Q }>(range: { from: string; to: string }, part: (bucket: Bucket) => Q): Q {
  const [head, ...rest] = rollupBuckets(range).map(part);
  return rest.reduce((all, next) => all.unionAll(next), head!);
}
