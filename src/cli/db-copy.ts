/**
 * `npm run db:copy -- --to postgres://…`: copies the SQLite events database at KB_DB_PATH into an empty
 * PostgreSQL database (migrating it first), then checks every table's row count on both sides.
 * Stop the server first, or events arriving during the copy stay behind in the SQLite file.
 */
import { existsSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { createDb, openStore } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { copyStore, TargetNotEmptyError } from '../../db/store-copy.ts';
import { argsOrExit, envOrExit, fail } from './cli-exit.ts';

const USAGE = 'usage: npm run db:copy -- --to postgres://user:password@host:5432/database';
const { values } = argsOrExit({ options: { to: { type: 'string' } }, strict: true }, USAGE);
if (!values.to || !/^postgres(ql)?:\/\//.test(values.to)) fail(`--to must be a postgres:// URL.\n${USAGE}`);
const env = envOrExit();
if (!existsSync(env.KB_DB_PATH)) fail(`There is no SQLite database at ${env.KB_DB_PATH} (KB_DB_PATH) to copy.`);

// The source at the latest schema too, so both sides have the same tables and columns.
const migrating = createDb(env.KB_DB_PATH);
await migrateToLatest(migrating.db);
await migrating.close();

const source = new SqliteDatabase(env.KB_DB_PATH, { readonly: true });
const target = openStore({ url: values.to, path: '' });
try {
  console.log(`Copying ${env.KB_DB_PATH} to ${target.location}…`);
  await migrateToLatest(target.db);
  const copied = await copyStore(source, target, (table, rows) => console.log(`  ${table}: ${rows.toLocaleString('en-US')} rows`));
  for (const [table, rows] of Object.entries(copied)) {
    const { rows: counted } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(target.db);
    if (Number(counted[0]!.n) !== rows) fail(`${table}: ${rows} rows read but ${counted[0]!.n} in the target.`);
  }
  console.log(`Done: every table has the same number of rows on both sides. Set KB_DATABASE_URL to use it.`);
} catch (error) {
  if (error instanceof TargetNotEmptyError) fail(`Nothing was copied: ${error.message}.`);
  throw error;
} finally {
  source.close();
  await target.close();
}
