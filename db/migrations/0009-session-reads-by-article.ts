/**
 * session_reads keyed by article first: a report filtered by category or product area starts from the articles in
 * scope and reads only their readers within the range's session ids, instead of checking every session of the range.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

async function rebuild(db: Kysely<unknown>, key: ['article_id', 'session_id'] | ['session_id', 'article_id']) {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('session_reads_new')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addPrimaryKeyConstraint('session_reads_new_pk', key)
    .modifyEnd(sqlite ? sql`without rowid` : sql``)
    .execute();
  await sql`insert into session_reads_new (session_id, article_id) select session_id, article_id from session_reads`.execute(db);
  await db.schema.dropTable('session_reads').execute();
  await db.schema.alterTable('session_reads_new').renameTo('session_reads').execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await rebuild(db, ['article_id', 'session_id']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rebuild(db, ['session_id', 'article_id']);
}
