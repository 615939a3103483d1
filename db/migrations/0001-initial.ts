/**
 * The event store as a new install creates it: dimensions, sessions, raw events, the rollups the reports read, admin
 * access.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * The rollup levels, finest first; a coarser level's `day` is the first day of its week (the Monday, UTC), month,
 * quarter or year.
 */
const LEVELS = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'];

/**
 * The rollup families, one table per level, all of the same shape: `day`, the family's integer keys, the columns
 * holding a maximum, then the counters summed into them (a coarser row is the exact sum of its days).
 */
const ROLLUPS: { family: string; keys: string[]; maxima?: string[]; counters: string[] }[] = [
  {
    family: 'article',
    keys: ['article_id'],
    counters: [
      'views',
      'view_sessions',
      'escalations',
      'contacts',
      'search_clicks',
      'up',
      'down',
      'outdated',
      'unclear',
      'didnt_solve',
      'product_issue',
      'other',
      'comments',
    ],
  },
  { family: 'query', keys: ['query_id'], counters: ['searches', 'zero_results', 'clicked', 'escalated'] },
  { family: 'tutorial_step', keys: ['article_id', 'step'], maxima: ['steps'], counters: ['sessions'] },
  { family: 'revision_votes', keys: ['article_id', 'revision_id'], counters: ['up', 'down'] },
];

/** The same closed-session counters are kept per day and per day and scope. */
const SESSION_COUNTERS = ['kb_sessions', 'escalated', 'confirmed', 'searches'];

/**
 * SQLite keeps a table with a composite key as a rowid table plus an index holding a second copy of the key, unless
 * told otherwise; PostgreSQL keeps every table apart from its indexes and has no such clause.
 */
const clustered = (db: Kysely<unknown>) => (db.getExecutor().adapter instanceof SqliteAdapter ? sql`without rowid` : sql``);

export async function up(db: Kysely<unknown>): Promise<void> {
  // Dimensions: raw rows and rollups store integers instead of repeating slugs, revisions and queries. An article's
  // metadata is copied from the build's manifest so reports filter by category and product area in SQL; `published`
  // is 1 while the current build publishes the slug (events of removed articles stay, reports show them as removed).
  await db.schema
    .createTable('articles')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text')
    .addColumn('title', 'text')
    .addColumn('category', 'text')
    .addColumn('product_area', 'text')
    .addColumn('lang', 'text')
    .addColumn('reviewed', 'text')
    .addColumn('has_description', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('articles_category').on('articles').column('category').execute();
  await db.schema.createIndex('articles_product_area').on('articles').column('product_area').execute();
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

  // One row per help-center session. The browser's key identifies it while it is open; a session idle for two days
  // is closed and forgets its key, so the key is unique among open sessions only, and closing finds the idle ones
  // among the open sessions however many closed ones there are. A session's day is that of `started_at`.
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('key', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('searches', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('contacts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('up_votes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('down_votes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_contact_at', 'bigint')
    .execute();
  await db.schema.createIndex('sessions_key').on('sessions').column('key').unique().where(sql.ref('key'), 'is not', null).execute();
  await db.schema
    .createIndex('sessions_open_last_seen')
    .on('sessions')
    .column('last_seen_at')
    .where(sql.ref('key'), 'is not', null)
    .execute();

  // An open session's rows per article (view dedupe, escalation after viewing, its final vote) and per settled query
  // (click-through, escalation after searching), clustered by their key. Closing folds them away: only the articles
  // the session read stay, in session_reads, keyed by article first so a category or product-area filter starts from
  // the articles in scope.
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
    .modifyEnd(clustered(db))
    .execute();
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
    .modifyEnd(clustered(db))
    .execute();
  await db.schema
    .createTable('session_reads')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addPrimaryKeyConstraint('session_reads_pk', ['article_id', 'session_id'])
    .modifyEnd(clustered(db))
    .execute();

  // Raw events, integers only: the audit trail the rollups can be rebuilt from. No report reads them and retention
  // walks them in id order, so they have no time index. Every comment stays with the vote, reason and revision it
  // came with, even if the vote changes later.
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

  // Help-center sessions per day by the day they started, kept at write time so deflection and the overview never
  // scan every session; ids follow arrival, so a day's first and last session id bound its sessions for the filtered
  // reports. Closed sessions per day and per category or product area they read in: a report filtered by one of them
  // reads a row per day instead of looking up every reader of the scope's articles.
  let sessionDaily = db.schema.createTable('session_daily').addColumn('day', 'text', (c) => c.primaryKey());
  for (const counter of SESSION_COUNTERS) sessionDaily = sessionDaily.addColumn(counter, 'integer', (c) => c.notNull().defaultTo(0));
  await sessionDaily.addColumn('first_session_id', 'integer').addColumn('last_session_id', 'integer').execute();
  let sessionScopeDaily = db.schema
    .createTable('session_scope_daily')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('day_number', 'integer', (c) => c.notNull());
  for (const counter of SESSION_COUNTERS)
    sessionScopeDaily = sessionScopeDaily.addColumn(counter, 'integer', (c) => c.notNull().defaultTo(0));
  await sessionScopeDaily
    .addPrimaryKeyConstraint('session_scope_daily_pk', ['kind', 'name', 'day_number'])
    .modifyEnd(clustered(db))
    .execute();

  // The rollups the reports sum over a range, clustered by their key: a range is read as its whole years, quarters,
  // months and weeks from the coarser levels and its remaining days from the daily one. The query rows with an
  // escalation are indexed apart at every level: deflection ranks the queries most often followed by a contact, and
  // only a few rows have one.
  for (const level of LEVELS) {
    for (const { family, keys, maxima = [], counters } of ROLLUPS) {
      const name = `${family}_${level}`;
      let table = db.schema.createTable(name).addColumn('day', 'text', (c) => c.notNull());
      for (const column of [...keys, ...maxima]) table = table.addColumn(column, 'integer', (c) => c.notNull());
      for (const counter of counters) table = table.addColumn(counter, 'integer', (c) => c.notNull().defaultTo(0));
      await table
        .addPrimaryKeyConstraint(`${name}_pk`, ['day', ...keys] as never)
        .modifyEnd(clustered(db))
        .execute();
    }
    await db.schema
      .createIndex(`query_${level}_escalated`)
      .on(`query_${level}`)
      .columns(['day', 'query_id', 'escalated'])
      .where(sql.ref('escalated'), '<>', 0)
      .execute();
  }
  // One article's days (the article report) without reading every article's.
  await db.schema.createIndex('article_daily_article').on('article_daily').columns(['article_id', 'day']).execute();
  // Clicks per query and article per day: an article's report shows the searches that led to it.
  await db.schema
    .createTable('query_article_daily')
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('query_id', 'integer', (c) => c.notNull())
    .addColumn('clicks', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('query_article_daily_pk', ['article_id', 'day', 'query_id'])
    .modifyEnd(clustered(db))
    .execute();

  // Admin credentials for the reports, hashes only: 'admin' (the bearer token generated at first start), 'login'
  // (a one-time login link) and 'session' (the dashboard's cookie).
  await db.schema
    .createTable('admin_credentials')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Tables that reference others go first; dropping a table drops its indexes.
  const rollups = LEVELS.flatMap((level) => ROLLUPS.map(({ family }) => `${family}_${level}`));
  for (const table of [
    'admin_credentials',
    'query_article_daily',
    ...rollups,
    'session_scope_daily',
    'session_daily',
    'comments',
    'events',
    'session_reads',
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
