/**
 * A range of whole days as rollup buckets: the whole years it covers from a yearly rollup (1 row per key for a year),
 * whole quarters of what is left from a quarterly one, whole months from a monthly one, whole ISO weeks from a weekly
 * one, and the remaining days from the daily one. The rollups have the same columns; `day` is the first day of the
 * year, quarter or month, or the week's Monday, in the coarser ones. Counters add up exactly (a week's row is the sum
 * of its days'), so a range may also be read as more than it covers less what lies outside it: 4–31 December is
 * December less 1–3 December, 4 keys instead of 10.
 */
import { sql, type AliasedRawBuilder, type RawBuilder, type SqlBool } from 'kysely';
import { addDays, DAY_MS, monthStart, quarterStart, ROLLUP_KEY, weekStart, yearStart, type RollupLevel } from '../domain/utc-day.ts';

export type Level = RollupLevel;
export interface Bucket {
  level: Level;
  /**
   * Inclusive, YYYY-MM-DD: the first and last key read (a year's, quarter's or month's first day or a week's Monday
   * when coarser).
   */
  from: string;
  to: string;
  /** 1: the bucket's counters are added; −1: taken away (days outside the range that a coarser bucket includes). */
  sign: 1 | -1;
}

const nextMonth = (day: string) => monthStart(addDays(monthStart(day), 32));
const nextQuarter = (day: string) => quarterStart(addDays(quarterStart(day), 93));
const nextYear = (day: string) => `${Number(day.slice(0, 4)) + 1}-01-01`;
/** The first key after `day`'s at a level. */
const NEXT_KEY: Record<Level, (day: string) => string> = {
  daily: (day) => addDays(day, 1),
  weekly: (day) => addDays(weekStart(day), 7),
  monthly: nextMonth,
  quarterly: nextQuarter,
  yearly: nextYear,
};

/** The rollup of `family` at a bucket's level, e.g. article_weekly. */
export const rollupTable = <F extends 'article' | 'query' | 'tutorial_step' | 'revision_votes'>(family: F, bucket: Bucket) =>
  `${family}_${bucket.level}` as `${F}_${Level}`;

type Covering = (from: string, to: string) => Bucket[];
const days: Covering = (from, to) => [{ level: 'daily', from, to, sign: 1 }];

/**
 * The whole units (weeks, months, quarters, years) of a segment from their rollup, what is left around them by `finer`.
 */
function wholeUnits(level: Level, finer: Covering): Covering {
  const keyOf = ROLLUP_KEY[level];
  return (from, to) => {
    const first = keyOf(from) === from ? from : NEXT_KEY[level](from);
    // The key after the last whole unit: `to` ends its unit exactly when the next day starts one.
    const after = addDays(to, 1);
    const end = keyOf(after) === after ? after : keyOf(to);
    if (first >= end) return finer(from, to);
    return [
      ...(from < first ? finer(from, addDays(first, -1)) : []),
      { level, from: first, to: keyOf(addDays(end, -1)), sign: 1 },
      ...(end <= to ? finer(end, to) : []),
    ];
  };
}

const yearsQuartersMonthsWeeksAndDays = wholeUnits('yearly', wholeUnits('quarterly', wholeUnits('monthly', wholeUnits('weekly', days))));
/** Each day of the range once, nothing else. */
const covering: Covering = (from, to) => (from > to ? [] : yearsQuartersMonthsWeeksAndDays(from, to));

/**
 * Rows a key is expected to have, relative to a day's: measured at 10 million events, a query searched in a week has
 * 3 daily rows on average, one searched in a month 5, in a quarter 9 and in a year 20, while articles are read nearly
 * every day (1 each). The sparse family's weights are the cautious choice: they read a coarser key less some days only
 * when that reads fewer rows.
 */
const ROWS_PER_KEY: Record<Level, number> = { daily: 1, weekly: 3, monthly: 5, quarterly: 9, yearly: 20 };
const monthNumber = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7));
/** Months per key of the levels keyed by a month's first day. */
const MONTHS: Partial<Record<Level, number>> = { monthly: 1, quarterly: 3, yearly: 12 };
/** Keys a bucket reads, counted without listing them. */
function keyCount(b: Bucket): number {
  const months = MONTHS[b.level];
  if (months) return (monthNumber(b.to) - monthNumber(b.from)) / months + 1;
  const span = (Date.parse(b.to) - Date.parse(b.from)) / DAY_MS;
  return b.level === 'weekly' ? span / 7 + 1 : span + 1;
}
const cost = (buckets: Bucket[]) => buckets.reduce((sum, b) => sum + ROWS_PER_KEY[b.level] * keyCount(b), 0);
const takenAway = (buckets: Bucket[]): Bucket[] => buckets.map((b) => ({ ...b, sign: -1 }));
const lastDay = (level: Level, day: string) => addDays(NEXT_KEY[level](day), -1);

// A report reads the same range several times (and the dashboard the same few ranges again and again): the choice,
// a few hundred date computations over twenty-five candidates, is made once per range.
const REMEMBERED_RANGES = 1000;
const chosen = new Map<string, readonly Readonly<Bucket>[]>();

/**
 * The buckets whose signed counters add up to exactly the days of the range: its covering, or the covering of the
 * range widened to the start of its first year, quarter, month or week and the end of its last one, less the days
 * added, whichever reads the fewest rows.
 */
export function rollupBuckets(range: { from: string; to: string }): readonly Readonly<Bucket>[] {
  const { from, to } = range;
  const key = `${from} ${to}`;
  const known = chosen.get(key);
  if (known) return known;
  let best = covering(from, to);
  let bestCost = cost(best);
  for (const wideFrom of new Set([from, yearStart(from), quarterStart(from), monthStart(from), weekStart(from)])) {
    for (const wideTo of new Set([to, lastDay('yearly', to), lastDay('quarterly', to), lastDay('monthly', to), lastDay('weekly', to)])) {
      const candidate = [
        ...covering(wideFrom, wideTo),
        ...takenAway(covering(wideFrom, addDays(from, -1))),
        ...takenAway(covering(addDays(to, 1), wideTo)),
      ];
      const candidateCost = cost(candidate);
      if (candidateCost < bestCost) [best, bestCost] = [candidate, candidateCost];
    }
  }
  if (chosen.size >= REMEMBERED_RANGES) chosen.clear();
  const frozen = Object.freeze(best.map((b) => Object.freeze(b)));
  chosen.set(key, frozen);
  return frozen;
}

/**
 * The rows of a bucket's keys, as a condition on `day`. A single key is matched by equality: its rows then come in the
 * order of the rest of the primary key (query or article id), and a sum per id needs no sort (a year's 41,000 query
 * rows, at 10 million events, were sorted for 10 ms when matched as a range from the key to itself).
 */
export const inBucket = (bucket: Bucket): RawBuilder<SqlBool> =>
  bucket.from === bucket.to ? sql<SqlBool>`day = ${bucket.from}` : sql<SqlBool>`day between ${bucket.from} and ${bucket.to}`;

/**
 * A counter as its bucket contributes it: negated in a bucket taken away, so that `sum()` over all buckets is the
 * range's.
 */
export const signed = <C extends string>(bucket: Bucket, column: C): AliasedRawBuilder<number, C> =>
  (bucket.sign < 0 ? sql<number>`-${sql.ref(column)}` : sql<number>`${sql.ref(column)}`).as(column);

/**
 * Every key a bucket reads: its days, Mondays or years', quarters' or months' first days, for looking up a few known
 * ids in each.
 */
export function bucketKeys(bucket: Bucket): string[] {
  const keys: string[] = [];
  for (let day = bucket.from; day <= bucket.to; day = NEXT_KEY[bucket.level](day)) keys.push(day);
  return keys;
}

/**
 * One query per bucket, joined with UNION ALL: `part` reads the bucket's rollup between its keys, its counters
 * `signed`.
 */
export function overBuckets<Q extends { unionAll(other: Q): Q }>(range: { from: string; to: string }, part: (bucket: Bucket) => Q): Q {
  const [head, ...rest] = rollupBuckets(range).map(part);
  return rest.reduce((all, next) => all.unionAll(next), head!);
}
