/** Per-query totals over a range from the query rollups, summed by id first so only the totals are joined to their text. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { overBuckets, rollupTable } from './rollup-buckets.ts';

export interface QueryTotals {
  text: string;
  searches: number;
  zeroResults: number;
  clicked: number;
  escalated: number;
}

const COUNTERS = ['searches', 'zero_results', 'clicked', 'escalated'] as const;
type Counter = (typeof COUNTERS)[number];

/** Every query searched in the range; with `escalatedOnly`, only those followed by a contact (and only the counters that list needs). */
export async function queryTotals(db: Kysely<Database>, range: { from: string; to: string }, options: { escalatedOnly?: boolean } = {}): Promise<QueryTotals[]> {
  // Over a year that is some 40,000 queries; each counter summed costs time, so the escalation list sums two.
  const counters: readonly Counter[] = options.escalatedOnly ? ['searches', 'escalated'] : COUNTERS;
  const buckets = overBuckets(range, (b) =>
    db
      .selectFrom(rollupTable('query', b))
      .select(['query_id', ...counters])
      .where('day', '>=', b.from)
      .where('day', '<=', b.to),
  );
  const totals = db
    .selectFrom(buckets.as('r'))
    .select(['query_id', ...counters.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c))])
    .groupBy('query_id')
    .$if(options.escalatedOnly === true, (qb) => qb.having(sql`sum(escalated)`, '>', 0))
    .as('t');
  const rows = (await db.selectFrom(totals).innerJoin('queries as q', 'q.id', 't.query_id').select(['q.text', ...counters.map((c) => `t.${c}` as 't.searches')]).execute()) as unknown as (Record<Counter, number> & { text: string })[];
  return rows.map((r) => ({ text: r.text, searches: Number(r.searches), zeroResults: Number(r.zero_results ?? 0), clicked: Number(r.clicked ?? 0), escalated: Number(r.escalated) }));
}
