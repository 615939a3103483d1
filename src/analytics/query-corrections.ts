/** The corrections readers were shown most often in a range: each misspelt query with the query searched instead. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { byText } from './text-order.ts';

export async function topCorrections(
  db: Kysely<Database>,
  range: { from: string; to: string },
  limit: number,
): Promise<{ query: string; correctedTo: string; searches: number }[]> {
  // Corrections are the typos the vocabulary answered: few rows a day, so the daily table serves any range.
  const top = db
    .selectFrom('query_correction_daily')
    .select(['query_id', 'corrected_query_id', sql<number>`sum(searches)`.as('searches')])
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy(['query_id', 'corrected_query_id'])
    .orderBy('searches', 'desc')
    .orderBy('query_id')
    .limit(limit);
  const rows = await db
    .selectFrom(top.as('t'))
    .innerJoin('queries as typed', 'typed.id', 't.query_id')
    .innerJoin('queries as corrected', 'corrected.id', 't.corrected_query_id')
    .select(['typed.text as query', 'corrected.text as correctedTo', 't.searches'])
    .execute();
  return rows
    .map((r) => ({ query: r.query, correctedTo: r.correctedTo, searches: Number(r.searches) }))
    .sort((a, b) => b.searches - a.searches || byText(a.query, b.query));
}
