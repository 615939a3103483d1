/**
 * Per-session rows clustered by their key: session_articles and session_queries become WITHOUT ROWID tables (no
 * rowid and no second copy of the key in an index), and the index on vote_day goes, since no report reads votes
 * from session_articles any more (they come from the rollups).
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const SESSION_ARTICLE_COLUMNS = 'session_id, article_id, day, first_view_at, last_view_at, views, escalated, vote, reason, vote_at, vote_day, revision_id, steps_reached';
const SESSION_QUERY_COLUMNS = 'session_id, query_id, day, searched_at, results, clicked, escalated';

async function sessionArticles(db: Kysely<unknown>, name: string, clustered: boolean) {
  await db.schema
    .createTable(name)
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
    .addPrimaryKeyConstraint(`${name}_pk`, ['session_id', 'article_id'])
    .modifyEnd(clustered ? sql`without rowid` : sql``)
    .execute();
}

async function sessionQueries(db: Kysely<unknown>, name: string, clustered: boolean) {
  await db.schema
    .createTable(name)
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id'))
    .addColumn('query_id', 'integer', (c) => c.notNull().references('queries.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('searched_at', 'bigint', (c) => c.notNull())
    .addColumn('results', 'integer', (c) => c.notNull())
    .addColumn('clicked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint(`${name}_pk`, ['session_id', 'query_id'])
    .modifyEnd(clustered ? sql`without rowid` : sql``)
    .execute();
}

/** Copies a table into a new one built by `create`, under the old name. */
async function rebuild(db: Kysely<unknown>, name: string, columns: string, create: (db: Kysely<unknown>, name: string) => Promise<void>) {
  await create(db, `${name}_new`);
  await sql.raw(`insert into ${name}_new (${columns}) select ${columns} from ${name}`).execute(db);
  await db.schema.dropTable(name).execute();
  await db.schema.alterTable(`${name}_new`).renameTo(name).execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // PostgreSQL keeps a table apart from its indexes anyway: nothing to do there.
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await db.schema.dropIndex('session_articles_vote_day').ifExists().execute();
  await rebuild(db, 'session_articles', SESSION_ARTICLE_COLUMNS, (d, n) => sessionArticles(d, n, true));
  await rebuild(db, 'session_queries', SESSION_QUERY_COLUMNS, (d, n) => sessionQueries(d, n, true));
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await rebuild(db, 'session_articles', SESSION_ARTICLE_COLUMNS, (d, n) => sessionArticles(d, n, false));
  await rebuild(db, 'session_queries', SESSION_QUERY_COLUMNS, (d, n) => sessionQueries(d, n, false));
  await db.schema.createIndex('session_articles_vote_day').on('session_articles').columns(['vote_day', 'article_id']).execute();
}
