/** Brings a database to the latest migration, or throws with the migration that failed. */
import { sql, SqliteAdapter, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrations } from './migrations/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a store of any Database type can be migrated
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await withoutForeignKeys(db, () => migrator.migrateToLatest());
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed`.replace('  ', ' '), { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * SQLite rebuilds a table by copying it and dropping the original, which its foreign keys forbid for a table
 * others reference; SQLite's own recipe is to switch them off around the change (outside any transaction) and to
 * check every reference afterwards.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
async function withoutForeignKeys<T>(db: Kysely<any>, migrate: () => Promise<T>): Promise<T> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return migrate();
  const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
  if (!rows[0]?.foreign_keys) return migrate();
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    const result = await migrate();
    const broken = await sql<{ table: string; parent: string }>`pragma foreign_key_check`.execute(db);
    if (broken.rows.length)
      throw new Error(
        `database migration left ${broken.rows.length} rows of ${broken.rows[0]!.table} without their ${broken.rows[0]!.parent}`,
      );
    return result;
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
