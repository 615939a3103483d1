/**
 * Closed sessions per day and per category or product area they read in: a report filtered by one of them reads a
 * row per day instead of looking up every reader of the scope's articles (for a year at 10 million events, some
 * 340,000 sessions). Filled when sessions close; backfilled here from the sessions already closed, with the
 * categories and product areas their articles have now.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const DAY_MS = 86_400_000;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('session_scope_daily')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('day_number', 'integer', (c) => c.notNull())
    .addColumn('kb_sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('searches', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('session_scope_daily_pk', ['kind', 'name', 'day_number'])
    .modifyEnd(db.getExecutor().adapter instanceof SqliteAdapter ? sql`without rowid` : sql``)
    .execute();
  for (const [kind, column] of [
    ['category', 'category'],
    ['product_area', 'product_area'],
  ]) {
    await sql`
      insert into session_scope_daily (kind, name, day_number, kb_sessions, escalated, confirmed, searches)
      select ${kind}, x.name, s.started_at / ${sql.lit(DAY_MS)}, count(*),
        sum(case when s.contacts > 0 then 1 else 0 end), sum(case when s.contacts = 0 and s.up_votes > 0 then 1 else 0 end), sum(s.searches)
      from (select distinct r.session_id, ${sql.ref(`a.${column}`)} as name from session_reads r join articles a on a.id = r.article_id where ${sql.ref(`a.${column}`)} is not null) x
      join sessions s on s.id = x.session_id
      where s.views > 0 or s.searches > 0
      group by x.name, s.started_at / ${sql.lit(DAY_MS)}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('session_scope_daily').execute();
}
