/**
 * What the search report needs to show a gap's fix and whether it worked: the query a typo was corrected to, the
 * articles readers opened after a search that showed them nothing, and the day the server first saw each search term a
 * build added (an alias, a pin, a synonym, a title).
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const clustered = (db: Kysely<unknown>) => (db.getExecutor().adapter instanceof SqliteAdapter ? sql`without rowid` : sql``);

export async function up(db: Kysely<unknown>): Promise<void> {
  // A search event's correction: the query searched instead of the typed one (n2 holds what it found).
  await db.schema
    .alterTable('events')
    .addColumn('corrected_query_id', 'integer', (c) => c.references('queries.id'))
    .execute();
  // Settled searches per typed query, day and the correction shown instead.
  await db.schema
    .createTable('query_correction_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('query_id', 'integer', (c) => c.notNull())
    .addColumn('corrected_query_id', 'integer', (c) => c.notNull())
    .addColumn('searches', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('query_correction_daily_pk', ['day', 'query_id', 'corrected_query_id'])
    .modifyEnd(clustered(db))
    .execute();
  // Sessions in which a search showed nothing and the reader then opened an article, by the search's day: the article
  // readers were looking for is what a pin or an alias should lead to.
  await db.schema
    .createTable('query_followup_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('query_id', 'integer', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
    // By query first: the report reads the rows of a gap's few wordings.
    .addPrimaryKeyConstraint('query_followup_daily_pk', ['query_id', 'day', 'article_id'])
    .modifyEnd(clustered(db))
    .execute();
  // Each search term of the builds this server has served, by its near-duplicate key, with the day it first saw it: a
  // gap's searches before that day and after it tell whether the term closed it.
  await db.schema
    .createTable('search_terms')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('article', 'text')
    .addColumn('first_seen_day', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_terms_pk', ['kind', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['search_terms', 'query_followup_daily', 'query_correction_daily'])
    await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable('events').dropColumn('corrected_query_id').execute();
}
