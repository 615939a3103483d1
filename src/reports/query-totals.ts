/** Per-query totals over a range from the daily rollup, summed by id first so only the totals are joined to their text. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { overBuckets } from './rollup-buckets.ts';

export interface QueryTotals {
  text: string;
  searches: number;
  zeroResults: number;
  clicked: number;
  escalated: number;
}

export async function queryTotals(db: Kysely<Database>, range: { from: string; to: string }, options: { escalatedOnly?: boolean } = {}): Promise<QueryTotals[]> {
  const buckets = overBuckets(range, (b) =>
    db
      .selectFrom(b.monthly ? 'query_monthly' : 'query_daily')
      .select(['query_id', 'searches', 'zero_results', 'clicked', 'escalated'])
      .where('day', '>=', b.from)
      .where('day', '<=', b.to),
  );
  const totals = db
    .selectFrom(buckets.as('r'))
    .select([
      'query_id',
      sql<number>`sum(searches)`.as('searches'),
      sql<number>`sum(zero_results)`.as('zero'),
      sql<number>`sum(clicked)`.as('clicked'),
      sql<number>`sum(escalated)`.as('escalated'),
    ])
    .groupBy('query_id')
    .$if(options.escalatedOnly === true, (qb) => qb.having(sql`sum(escalated)`, '>', 0))
    .as('t');
  const rows = await db.selectFrom(totals).innerJoin('queries as q', 'q.id', 't.query_id').select(['q.text', 't.searches', 't.zero', 't.clicked', 't.escalated']).execute();
  return rows.map((r) => ({ text: r.text, searches: Number(r.searches), zeroResults: Number(r.zero), clicked: Number(r.clicked), escalated: Number(r.escalated) }));
}
