/** Admin credentials for the reports: hashes only, never the tokens themselves. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // kind: 'admin' (the bearer token generated at first start), 'login' (one-time login link), 'session' (dashboard cookie).
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
  await db.schema.dropTable('admin_credentials').ifExists().execute();
}
