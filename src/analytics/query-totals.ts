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

/**
 * Per-query totals in columns, one index per query, in id order: the search report reads 40,000 of them for a year, and
 * 40,000 objects cost more than the arrays.
 */
export interface QueryColumns {
  length: number;
  ids: Int32Array;
  searches: Float64Array;
  zeroResults: Float64Array;
  clicked: Float64Array;
  escalated: Float64Array;
}

/** Rows read at a time from one key: a page of row objects is all that is alive at once. */
export const PAGE = 8192;

type TotalsRow = Record<'query_id' | Counter, number>;

/** Columns that grow as pages of rows are added. */
function columnsOf(capacity: number): QueryColumns {
  return {
    length: 0,
    ids: new Int32Array(capacity),
    searches: new Float64Array(capacity),
    zeroResults: new Float64Array(capacity),
    clicked: new Float64Array(capacity),
    escalated: new Float64Array(capacity),
  };
}

function add(q: QueryColumns, rows: TotalsRow[]): QueryColumns {
  if (q.length + rows.length > q.ids.length) {
    const wider = columnsOf(Math.max(2 * q.ids.length, q.length + rows.length));
    for (const key of ['ids', 'searches', 'zeroResults', 'clicked', 'escalated'] as const) wider[key].set(q[key].subarray(0, q.length));
    wider.length = q.length;
    q = wider;
  }
  for (const r of rows) {
    const i = q.length++;
    q.ids[i] = Number(r.query_id);
    q.searches[i] = Number(r.searches);
    q.zeroResults[i] = Number(r.zero_results);
    q.clicked[i] = Number(r.clicked);
    q.escalated[i] = Number(r.escalated);
  }
  return q;
}

/** The columns cut to their length. */
const trimmed = (q: QueryColumns): QueryColumns => ({
  length: q.length,
  ids: q.ids.subarray(0, q.length),
  searches: q.searches.subarray(0, q.length),
  zeroResults: q.zeroResults.subarray(0, q.length),
  clicked: q.clicked.subarray(0, q.length),
  escalated: q.escalated.subarray(0, q.length),
});

/**
 * Every query searched in the range, by id (texts: query-catalog.ts), with its counters summed. The order by id costs
 * SQLite nothing: it reads a single key's rows in primary-key order, and sums several keys' through a sort by id.
 */
export async function queryTotals(db: Kysely<Database>, range: { from: string; to: string }): Promise<QueryColumns> {
  const buckets = rollupBuckets(range);
  const [only] = buckets;
  if (buckets.length > 1 || only!.from !== only!.to) {
    const rows: TotalsRow[] = await db
      .selectFrom(summed(db, range, COUNTERS).as('r'))
      .select(['query_id', ...COUNTERS.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c))])
      .groupBy('query_id')
      .having(sql`sum(searches)`, '>', 0)
      .orderBy('query_id')
      .execute();
    return add(columnsOf(rows.length), rows);
  }
  // A range that is one key of one rollup (a year, a quarter, a month) holds one row per query: read as they are, they
  // need no sum, a third of the time a year's 41,000 took at 10 million events. They are read a page at a time, on from
  // the last id: read at once, a year's rows outlived the collector's young generation and were copied and promoted
  // on every call. The pages are read in one transaction, so that they all see the same commits (PostgreSQL needs
  // repeatable read for that; SQLite's transactions always do).
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      let q = columnsOf(PAGE);
      for (let after = 0; ;) {
        const rows: TotalsRow[] = await trx
          .selectFrom(rollupTable('query', only!))
          .select(['query_id', ...COUNTERS])
          .where(inBucket(only!))
          .where('searches', '>', 0)
          .where('query_id', '>', after)
          .orderBy('query_id')
          .limit(PAGE)
          .execute();
        q = add(q, rows);
        if (rows.length < PAGE) return trimmed(q);
        after = Number(rows.at(-1)!.query_id);
      }
    });
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
