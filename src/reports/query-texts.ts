/**
 * Query texts by id, remembered per store. A query's id and text never change once written (queries are only ever
 * added), so the search report sums its counters by id and looks the texts up here: joining 40,000 texts to a
 * year's totals in SQL was a fifth of the report's time, and the same string objects on every call make the
 * grouping's lookups by text cheap. Only ids not seen before are read, in any order they were committed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** Texts remembered per store; past this, the next call starts afresh (about 100 bytes each). */
const REMEMBERED = 250_000;
/** Past this many missing ids, the whole table is read instead of an `in (…)` list (also kept well within both stores' limits on parameters). */
const READ_ALL_PAST = 5_000;

const byStore = new WeakMap<Kysely<Database>, Map<number, string>>();

export async function queryTexts(db: Kysely<Database>, ids: Iterable<number>): Promise<ReadonlyMap<number, string>> {
  let known = byStore.get(db);
  if (!known || known.size > REMEMBERED) byStore.set(db, (known = new Map()));
  const missing: number[] = [];
  for (const id of ids) if (!known.has(id)) missing.push(id);
  // Most of the table missing (a first report over a long range): one pass over it beats thousands of lookups.
  if (missing.length > READ_ALL_PAST) {
    for (const q of await db.selectFrom('queries').select(['id', 'text']).execute()) known.set(q.id, q.text);
  } else if (missing.length > 0) {
    for (const q of await db.selectFrom('queries').select(['id', 'text']).where('id', 'in', missing).execute()) known.set(q.id, q.text);
  }
  return known;
}
