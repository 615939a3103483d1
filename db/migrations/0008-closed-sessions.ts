/**
 * Closed sessions keep only what the reports read. A session idle for two days can no longer receive events (the
 * server clamps timestamps to the last day), so its per-article and per-query rows are folded away: the articles
 * it read move to the narrow session_reads (the category and product-area filters need them) and its key is
 * forgotten. The key therefore becomes nullable, unique only among open sessions. Sessions lose their `day` text
 * and its index: the day is that of `started_at`, and session_daily keeps each day's range of session ids, which
 * is all the filtered reports need to find a day's sessions. Raw events lose their time index: no report reads
 * them, and retention walks them in id order.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;
const SESSION_COLUMNS = 'id, key, started_at, last_seen_at, views, searches, contacts, up_votes, down_votes, first_contact_at';

/** The sessions table before this migration (`old`: key required, a day column) or after it. */
async function createSessions(db: Kysely<unknown>, name: string, old: boolean) {
  await db.schema
    .createTable(name)
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('key', 'text', (c) => (old ? c.notNull().unique() : c))
    .$call((t) => (old ? t.addColumn('day', 'text', (c) => c.notNull()) : t))
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('searches', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('contacts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('up_votes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('down_votes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_contact_at', 'bigint')
    .execute();
}

/** SQLite cannot change a column's constraints in place: the table is rebuilt under its name (foreign keys are off while migrating). */
async function rebuildSessions(db: Kysely<unknown>, old: boolean) {
  await createSessions(db, 'sessions_new', old);
  const [columns, values] = old
    ? [`${SESSION_COLUMNS}, day`, `${SESSION_COLUMNS.replace('key', `coalesce(key, 'closed-' || id)`)}, strftime('%Y-%m-%d', started_at / 1000, 'unixepoch')`]
    : [SESSION_COLUMNS, SESSION_COLUMNS];
  await sql.raw(`insert into sessions_new (${columns}) select ${values} from sessions`).execute(db);
  await db.schema.dropTable('sessions').execute();
  await db.schema.alterTable('sessions_new').renameTo('sessions').execute();
  if (old) await db.schema.createIndex('sessions_day').on('sessions').column('day').execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('events_ts').ifExists().execute();
  await db.schema
    .createTable('session_reads')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addPrimaryKeyConstraint('session_reads_pk', ['session_id', 'article_id'])
    .modifyEnd(isSqlite(db) ? sql`without rowid` : sql``)
    .execute();
  await db.schema.alterTable('session_daily').addColumn('first_session_id', 'integer').execute();
  await db.schema.alterTable('session_daily').addColumn('last_session_id', 'integer').execute();
  await sql`
    insert into session_daily (day, first_session_id, last_session_id)
    select day, min(id), max(id) from sessions where true group by day
    on conflict (day) do update set first_session_id = excluded.first_session_id, last_session_id = excluded.last_session_id`.execute(db);
  if (isSqlite(db)) {
    await rebuildSessions(db, false);
  } else {
    await sql`alter table sessions alter column key drop not null`.execute(db);
    await sql`alter table sessions drop constraint sessions_key_key`.execute(db);
    await sql`alter table sessions drop column day`.execute(db);
  }
  await db.schema.createIndex('sessions_key').on('sessions').column('key').unique().where(sql.ref('key'), 'is not', null).execute();
  // Closing finds the idle ones among the open sessions only, however many closed ones there are.
  await db.schema.createIndex('sessions_open_last_seen').on('sessions').column('last_seen_at').where(sql.ref('key'), 'is not', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Forgotten keys cannot come back: closed sessions get a placeholder that no browser sends.
  await db.schema.dropIndex('sessions_open_last_seen').execute();
  await db.schema.dropIndex('sessions_key').execute();
  if (isSqlite(db)) {
    await rebuildSessions(db, true);
  } else {
    await sql`update sessions set key = 'closed-' || id where key is null`.execute(db);
    await sql`alter table sessions alter column key set not null`.execute(db);
    await sql`alter table sessions add constraint sessions_key_key unique (key)`.execute(db);
    await sql`alter table sessions add column day text`.execute(db);
    await sql`update sessions set day = to_char(to_timestamp(started_at / 1000.0) at time zone 'UTC', 'YYYY-MM-DD')`.execute(db);
    await sql`alter table sessions alter column day set not null`.execute(db);
    await db.schema.createIndex('sessions_day').on('sessions').column('day').execute();
  }
  await db.schema.alterTable('session_daily').dropColumn('last_session_id').execute();
  await db.schema.alterTable('session_daily').dropColumn('first_session_id').execute();
  await db.schema.dropTable('session_reads').execute();
  await db.schema.createIndex('events_ts').on('events').column('ts').execute();
}
