/**
 * The floor under a rollup report: one prepared statement that only sums the rollup rows a range covers per key
 * (the same buckets the reports read), with no join, no text and no JavaScript. A report cannot be faster than the
 * sum it is built on, so where a case misses its target this says how much of its time is that sum.
 */
import type { Store } from '../../db/client.ts';
import { QUERY_COUNTERS } from '../../src/ingest/rollup-deltas.ts';
import { rollupBuckets } from '../../src/analytics/rollup-buckets.ts';
import { time, type Timing } from './bench-timing.ts';

export interface RollupFloor {
  family: 'query' | 'article';
  /** Rollup rows read, and the keys (queries or articles) they are summed into. */
  rows: number;
  keys: number;
  /** False when the range is one key: its rows are only read. */
  summed: boolean;
  timing: Timing;
}

const COUNTERS: Record<RollupFloor['family'], readonly string[]> = {
  query: QUERY_COUNTERS,
  article: ['views', 'view_sessions', 'escalations', 'up', 'down'],
};

export async function rollupFloor(store: Store, family: RollupFloor['family'], range: { from: string; to: string }): Promise<RollupFloor> {
  const key = `${family}_id`;
  const counters = COUNTERS[family];
  const buckets = rollupBuckets(range);
  const parts = buckets.map(
    (b) =>
      `select ${key}, ${counters.map((c) => (b.sign < 0 ? `-${c} as ${c}` : c)).join(', ')} from ${family}_${b.level} where ${b.from === b.to ? `day = '${b.from}'` : `day between '${b.from}' and '${b.to}'`}`,
  );
  const rows = parts.join(' union all ');
  // One key holds one row per id: there is nothing to sum, only rows to read (as the search report does).
  const oneKey = buckets.length === 1 && buckets[0]!.from === buckets[0]!.to;
  const sum = store.sqlite
    .prepare(oneKey ? rows : `select ${key}, ${counters.map((c) => `sum(${c})`).join(', ')} from (${rows}) group by ${key}`)
    .raw(true);
  const { timing, first } = await time(
    () => sum.all(),
    () => 20,
  );
  const { n } = store.sqlite.prepare(`select count(*) as n from (${rows})`).get() as { n: number };
  return { family, rows: n, keys: first.length, summed: !oneKey, timing };
}
