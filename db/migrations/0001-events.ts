/** The event store: small dimension tables, compact raw events, and the rollups the reports read. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Dimensions: raw rows and rollups store integers instead of repeating slugs, session ids and queries.
  await db.schema
    .createTable('articles')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createTable('revisions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addColumn('revision', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('revisions_article_revision', ['article_id', 'revision'])
    .execute();
  await db.schema
    .createTable('queries')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('text', 'text', (c) => c.notNull().unique())
    .execute();

  // One row per help-center session: deflection and self-service need nothing else.
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('searches', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('contacts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('up_votes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('down_votes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_contact_at', 'bigint')
    .execute();
  await db.schema.createIndex('sessions_day').on('sessions').column('day').execute();

  // One row per session and article: view dedupe, escalation after viewing, the session's final vote.
  await db.schema
    .createTable('session_articles')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('first_view_at', 'bigint')
    .addColumn('last_view_at', 'bigint')
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('vote', 'text')
    .addColumn('reason', 'text')
    .addColumn('vote_at', 'bigint')
    .addColumn('vote_day', 'text')
    .addColumn('revision_id', 'integer', (c) => c.references('revisions.id'))
    .addColumn('steps_reached', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('session_articles_pk', ['session_id', 'article_id'])
    .execute();
  await db.schema.createIndex('session_articles_vote_day').on('session_articles').columns(['vote_day', 'article_id']).execute();

  // One row per session and settled query: click-through and escalation after searching.
  await db.schema
    .createTable('session_queries')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id'))
    .addColumn('query_id', 'integer', (c) => c.notNull().references('queries.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('searched_at', 'bigint', (c) => c.notNull())
    .addColumn('results', 'integer', (c) => c.notNull())
    .addColumn('clicked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('session_queries_pk', ['session_id', 'query_id'])
    .execute();

  // Daily rollups per article, per query and per tutorial step.
  await db.schema
    .createTable('article_daily')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('view_sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('contacts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search_clicks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('up', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('down', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outdated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unclear', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('didnt_solve', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('product_issue', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('other', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('article_daily_pk', ['day', 'article_id'])
    .execute();
  await db.schema
    .createTable('query_daily')
    .addColumn('query_id', 'integer', (c) => c.notNull().references('queries.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('searches', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('zero_results', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('clicked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('query_daily_pk', ['day', 'query_id'])
    .execute();
  await db.schema
    .createTable('tutorial_step_daily')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('steps', 'integer', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('tutorial_step_daily_pk', ['day', 'article_id', 'step'])
    .execute();

  // Every comment stays with the vote, reason and revision it came with, even if the vote changes later.
  await db.schema
    .createTable('comments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id'))
    .addColumn('revision_id', 'integer', (c) => c.references('revisions.id'))
    .addColumn('ts', 'bigint', (c) => c.notNull())
    .addColumn('vote', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('comment', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comments_article_ts').on('comments').columns(['article_id', 'ts']).execute();

  // Raw events, integers only: the audit trail and the source the rollups can be rebuilt from.
  await db.schema
    .createTable('events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('ts', 'bigint', (c) => c.notNull())
    .addColumn('type', 'integer', (c) => c.notNull())
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id'))
    .addColumn('article_id', 'integer', (c) => c.references('articles.id'))
    .addColumn('revision_id', 'integer', (c) => c.references('revisions.id'))
    .addColumn('query_id', 'integer', (c) => c.references('queries.id'))
    .addColumn('n1', 'integer')
    .addColumn('n2', 'integer')
    .execute();
  await db.schema.createIndex('events_ts').on('events').column('ts').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'events',
    'comments',
    'tutorial_step_daily',
    'query_daily',
    'article_daily',
    'session_queries',
    'session_articles',
    'sessions',
    'queries',
    'revisions',
    'articles',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
