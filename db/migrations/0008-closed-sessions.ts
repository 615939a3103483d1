/**
 * Closed sessions keep only what the reports read. A session idle for two days can no longer receive events (the
 * server clamps timestamps to the last day), so its per-article and per-query rows are folded away: the articles
 * it read move to the narrow session_reads (the category and product-area filters need them) and its key is
 * forgotten. The key therefore becomes nullable, unique only among open sessions. Raw events lose their time
 * index: no report reads them, and retention walks them in id order.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;
const SESSION_COLUMNS = 'id, key, day, started_at, last_seen_at, views, searches, contacts, up_votes, down_votes, first_contact_at';

async function createSessions(db: Kysely<unknown>, name: string, keyRequired: boolean) {
  await db.schema
    .createTable(name)
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('key', 'text', (c) => (keyRequired ? c.notNull().unique() : c))
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
}

/** SQLite cannot change a column's constraints in place: the table is rebuilt under its name (foreign keys are off while migrating). */
async function rebuildSessions(db: Kysely<unknown>, keyRequired: boolean) {
  await createSessions(db, 'sessions_new', keyRequired);
  const key = keyRequired ? `coalesce(key, 'closed-' || id)` : 'key';
  await sql.raw(`insert into sessions_new (${SESSION_COLUMNS}) select ${SESSION_COLUMNS.replace('key', key)} from sessions`).execute(db);
  await db.schema.dropTable('sessions').execute();
  await db.schema.alterTable('sessions_new').renameTo('sessions').execute();
  await db.schema.createIndex('sessions_day').on('sessions').column('day').execute();
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
  if (isSqlite(db)) {
    await rebuildSessions(db, false);
  } else {
    await sql`alter table sessions alter column key drop not null`.execute(db);
    await sql`alter table sessions drop constraint sessions_key_key`.execute(db);
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
  }
  await db.schema.dropTable('session_reads').execute();
  await db.schema.createIndex('events_ts').on('events').column('ts').execute();
}
