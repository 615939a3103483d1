/**
 * Ids of articles, queries and revisions for a whole group of events: remembered across groups, created in bulk when
 * new.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { eachChunk } from './chunked-insert.ts';

type Trx = Transaction<Database>;
type Ids = Map<string, number>;

/** A revision an event of this group needs; `id` is filled once the group's new revisions exist. */
export interface RevisionRef {
  articleId: number;
  revision: string;
  /** The time of the first event that needed it: the revision's first_seen_at if it is new. */
  ts: number;
  id: number;
}

/** Ids of dimension rows, remembered across groups; entries made in a failed transaction are dropped. */
export class DimensionCache {
  articles: Ids = new Map();
  revisions: Ids = new Map();
  queries: Ids = new Map();
  private static readonly MAX_QUERIES = 50_000;

  merge(staged: DimensionCache): void {
    for (const [k, v] of staged.articles) this.articles.set(k, v);
    for (const [k, v] of staged.revisions) this.revisions.set(k, v);
    if (this.queries.size > DimensionCache.MAX_QUERIES) this.queries.clear();
    for (const [k, v] of staged.queries) this.queries.set(k, v);
  }
}

/** Looks up `values` (cache first), inserts the missing ones in order of first appearance, and returns every id. */
async function ensure(trx: Trx, table: 'articles' | 'queries', values: Iterable<string>, cache: Ids, staged: Ids): Promise<Ids> {
  const ids: Ids = new Map();
  const wanted = new Set<string>();
  for (const value of values) {
    const id = cache.get(value);
    if (id !== undefined) ids.set(value, id);
    else wanted.add(value);
  }
  if (wanted.size === 0) return ids;
  // Sorted, so concurrent writers on PostgreSQL insert (and lock) new keys in the same order and cannot deadlock.
  const missing = [...wanted].sort();
  const column = table === 'articles' ? 'slug' : 'text';
  await eachChunk(missing, async (chunk) => {
    await trx
      .insertInto(table)
      .values(chunk.map((v) => ({ [column]: v }) as { slug: string; text: string }))
      .onConflict((oc) => oc.column(column).doNothing())
      .execute();
    return [];
  });
  const rows = await eachChunk(missing, (chunk) =>
    trx
      .selectFrom(table)
      .select(['id', `${column} as value` as 'slug as value'])
      .where(column, 'in', chunk)
      .execute(),
  );
  for (const row of rows) {
    ids.set(row.value, row.id);
    staged.set(row.value, row.id);
  }
  return ids;
}

export async function articleIds(trx: Trx, slugs: Iterable<string>, cache: DimensionCache, staged: DimensionCache): Promise<Ids> {
  return ensure(trx, 'articles', slugs, cache.articles, staged.articles);
}

export async function queryIds(trx: Trx, texts: Iterable<string>, cache: DimensionCache, staged: DimensionCache): Promise<Ids> {
  return ensure(trx, 'queries', texts, cache.queries, staged.queries);
}

/** Fills `id` of every revision reference, creating the revisions this group saw first. */
export async function resolveRevisions(
  trx: Trx,
  refs: Iterable<RevisionRef>,
  cache: DimensionCache,
  staged: DimensionCache,
): Promise<void> {
  const missing: RevisionRef[] = [];
  for (const ref of refs) {
    const id = cache.revisions.get(`${ref.articleId}|${ref.revision}`);
    if (id !== undefined) ref.id = id;
    else missing.push(ref);
  }
  if (missing.length === 0) return;
  missing.sort((a, b) => a.articleId - b.articleId || (a.revision < b.revision ? -1 : a.revision > b.revision ? 1 : 0));
  await eachChunk(missing, async (chunk) => {
    const values = chunk.map((r) => ({ article_id: r.articleId, revision: r.revision, first_seen_at: r.ts }));
    await trx
      .insertInto('revisions')
      .values(values)
      .onConflict((oc) => oc.columns(['article_id', 'revision']).doNothing())
      .execute();
    return [];
  });
  // A superset (every revision of these articles with these names), narrowed to the pairs wanted.
  const rows = await eachChunk(missing, (chunk) =>
    trx
      .selectFrom('revisions')
      .select(['id', 'article_id', 'revision'])
      .where('article_id', 'in', [...new Set(chunk.map((r) => r.articleId))])
      .where('revision', 'in', [...new Set(chunk.map((r) => r.revision))])
      .execute(),
  );
  const ids = new Map(rows.map((r) => [`${r.article_id}|${r.revision}`, r.id]));
  for (const ref of missing) {
    const key = `${ref.articleId}|${ref.revision}`;
    ref.id = ids.get(key)!;
    staged.revisions.set(key, ref.id);
  }
}
