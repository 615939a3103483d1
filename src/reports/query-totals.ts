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

const summed = (db: Kysely<Database>, range: { from: string; to: string }, counters: readonly Counter[]) =>
  overBuckets(range, (b) =>
    db
      .selectFrom(rollupTable('query', b))
      .select(['query_id', ...counters])
      .where('day', '>=', b.from)
      .where('day', '<=', b.to),
  );

/** Every query searched in the range, with its counters summed. */
export async function queryTotals(db: Kysely<Database>, range: { from: string; to: string }): Promise<QueryTotals[]> {
  const totals = db
    .selectFrom(summed(db, range, COUNTERS).as('r'))
    .select(['query_id', ...COUNTERS.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c))])
    .groupBy('query_id')
    .as('t');
  const rows = await db.selectFrom(totals).innerJoin('queries as q', 'q.id', 't.query_id').select(['q.text', 't.searches', 't.zero_results', 't.clicked', 't.escalated']).execute();
  return rows.map((r) => ({ text: r.text, searches: Number(r.searches), zeroResults: Number(r.zero_results), clicked: Number(r.clicked), escalated: Number(r.escalated) }));
}

/**
 * The queries followed by a contact most often, the first `limit` (ties at the cut broken by text). Over a year some
 * 13,000 queries have a contact; ranking them in SQL sends back only the ones that can make the list.
 */
export async function mostEscalatedQueries(db: Kysely<Database>, range: { from: string; to: string }, limit: number): Promise<Pick<QueryTotals, 'text' | 'searches' | 'escalated'>[]> {
  const ranked = db
    .selectFrom(summed(db, range, ['searches', 'escalated']).as('r'))
    .select(['query_id', sql<number>`sum(searches)`.as('searches'), sql<number>`sum(escalated)`.as('escalated'), sql<number>`rank() over (order by sum(escalated) desc)`.as('place')])
    .groupBy('query_id')
    .having(sql`sum(escalated)`, '>', 0)
    .as('t');
  const rows = await db.selectFrom(ranked).innerJoin('queries as q', 'q.id', 't.query_id').select(['q.text', 't.searches', 't.escalated']).where('t.place', '<=', limit).execute();
  return rows
    .map((r) => ({ text: r.text, searches: Number(r.searches), escalated: Number(r.escalated) }))
    .sort((a, b) => b.escalated - a.escalated || a.text.localeCompare(b.text))
    .slice(0, limit);
}
