/** Per-query totals over a range from the query rollups, summed by id. */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { bucketKeys, inBucket, overBuckets, rollupBuckets, rollupTable, signed } from './rollup-buckets.ts';

const COUNTERS = ['searches', 'zero_results', 'clicked', 'escalated'] as const;
type Counter = (typeof COUNTERS)[number];

/** The query rollup rows the range covers, those matching `only` if given. */
const summed = (
  db: Kysely<Database>,
  range: { from: string; to: string },
  counters: readonly Counter[],
  only: Expression<SqlBool> = sql<SqlBool>`1 = 1`,
) =>
  overBuckets(range, (b) =>
    db
      .selectFrom(rollupTable('query', b))
      .select(['query_id', ...counters.map((c) => signed(b, c))])
      .where(inBucket(b))
      .where(only),
  );

/** One query's counters over a range. */
export interface QueryTotal {
  id: number;
  searches: number;
  zeroResults: number;
  clicked: number;
  escalated: number;
}

/**
 * Every query searched in the range, in id order (texts: query-memory.ts), with its counters summed. A range that is
 * one key of one rollup (a year, a quarter, a month) holds one row per query, read as it is without a sum.
 */
export async function queryTotals(db: Kysely<Database>, range: { from: string; to: string }): Promise<QueryTotal[]> {
  const buckets = rollupBuckets(range);
  const [only] = buckets;
  const rows =
    buckets.length === 1 && only && only.from === only.to
      ? await db
          .selectFrom(rollupTable('query', only))
          .select(['query_id', ...COUNTERS])
          .where(inBucket(only))
          .where('searches', '>', 0)
          .orderBy('query_id')
          .execute()
      : await db
          .selectFrom(summed(db, range, COUNTERS).as('r'))
          .select(['query_id', ...COUNTERS.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c))])
          .groupBy('query_id')
          .having(sql`sum(searches)`, '>', 0)
          .orderBy('query_id')
          .execute();
  // PostgreSQL answers sums as strings.
  return rows.map((r) => ({
    id: Number(r.query_id),
    searches: Number(r.searches),
    zeroResults: Number(r.zero_results),
    clicked: Number(r.clicked),
    escalated: Number(r.escalated),
  }));
}

/**
 * The queries followed by a contact most often, the first `limit` (ties at the cut broken by text). Over a year some
 * 13,000 queries have a contact: they are ranked in SQL from the rollup rows with an escalation only (indexed apart at
 * every level: query_daily_escalated, …), and the searches are summed for the ones that make the list.
 */
export async function mostEscalatedQueries(
  db: Kysely<Database>,
  range: { from: string; to: string },
  limit: number,
): Promise<{ text: string; searches: number; escalated: number }[]> {
  // The condition is written as the partial index's, so SQLite uses the index.
  const escalatedRows = summed(db, range, ['escalated'], sql<SqlBool>`escalated <> 0`);
  const ranked = await db
    .selectFrom(
      db
        .selectFrom(escalatedRows.as('r'))
        .select([
          'query_id',
          sql<number>`sum(escalated)`.as('escalated'),
          sql<number>`rank() over (order by sum(escalated) desc)`.as('place'),
        ])
        .groupBy('query_id')
        .having(sql`sum(escalated)`, '>', 0)
        .as('t'),
    )
    .select(['t.query_id', 't.escalated'])
    .where('t.place', '<=', limit)
    .execute();
  if (ranked.length === 0) return [];
  const ids = ranked.map((r) => r.query_id);
  // Looked up by key: each of the range's days, weeks or months with each of these ids.
  const ofThese = overBuckets(range, (b) =>
    db
      .selectFrom(rollupTable('query', b))
      .select(['query_id', signed(b, 'searches')])
      .where('day', 'in', bucketKeys(b))
      .where('query_id', 'in', ids),
  );
  const searches = await db
    .selectFrom(ofThese.as('r'))
    .innerJoin('queries as q', 'q.id', 'r.query_id')
    .select(['r.query_id', 'q.text', sql<number>`sum(r.searches)`.as('searches')])
    .groupBy(['r.query_id', 'q.text'])
    .execute();
  const found = new Map(searches.map((s) => [s.query_id, s]));
  return ranked
    .map((r) => {
      const { text, searches } = found.get(r.query_id)!;
      return { text, searches: Number(searches), escalated: Number(r.escalated) };
    })
    .sort((a, b) => b.escalated - a.escalated || a.text.localeCompare(b.text))
    .slice(0, limit);
}

/**
 * The searches and zero-result searches of a few queries over a range, by id. Looked up by key (each of the range's
 * days, weeks or months with each of these ids), never by scanning the range: a gap's wordings are a handful among a
 * year's 40,000 queries.
 */
export async function searchesOf(
  db: Kysely<Database>,
  range: { from: string; to: string },
  ids: readonly number[],
): Promise<Map<number, { searches: number; zeroResults: number }>> {
  if (ids.length === 0 || range.from > range.to) return new Map();
  const rows = overBuckets(range, (b) =>
    db
      .selectFrom(rollupTable('query', b))
      .select(['query_id', signed(b, 'searches'), signed(b, 'zero_results')])
      .where('day', 'in', bucketKeys(b))
      .where('query_id', 'in', [...ids]),
  );
  const sums = await db
    .selectFrom(rows.as('r'))
    .select(['query_id', sql<number>`sum(searches)`.as('searches'), sql<number>`sum(zero_results)`.as('zero_results')])
    .groupBy('query_id')
    .execute();
  return new Map(sums.map((r) => [Number(r.query_id), { searches: Number(r.searches), zeroResults: Number(r.zero_results) }]));
}
