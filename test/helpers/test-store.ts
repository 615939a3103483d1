/**
 * The store a test runs on: SQLite by default; PostgreSQL in the test project that sets KB_TEST_STORE=postgres
 * (it exists when KB_TEST_DATABASE_URL points at a server). Each store is a new migrated database.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDb, type EventStore } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { createPostgresStore } from '../../db/postgres-client.ts';

export const TEST_STORE: 'sqlite' | 'postgres' = process.env.KB_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

let databases = 0;
let template: Promise<string> | undefined;

async function adminQuery(server: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

const databaseUrl = (server: string, name: string) => Object.assign(new URL(server), { pathname: `/${name}` }).toString();

/**
 * The text of every file that decides the schema: the migrations and the plugin that makes them mean the same on
 * PostgreSQL. The text, not the names: a migration being written changes before it lands.
 */
function schemaSource(): string {
  const migrations = new URL('../../db/migrations/', import.meta.url);
  const files = readdirSync(migrations)
    .sort()
    .map((file) => new URL(file, migrations));
  return [...files, new URL('../../db/postgres-ddl.ts', import.meta.url)].map((file) => readFileSync(file, 'utf8')).join('\0');
}

/**
 * Migrating takes a second; copying a migrated template database takes milliseconds. The template is named
 * after the schema it holds, so test runs share it until a migration changes.
 */
function migratedTemplate(server: string): Promise<string> {
  template ??= (async () => {
    const name = `lantern_template_${createHash('sha256').update(schemaSource()).digest('hex').slice(0, 12)}`;
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    const exists = (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount;
    await client.end();
    if (exists) return name;
    // Built under another name and renamed when complete, so an interrupted run never leaves a half-migrated template.
    const building = `${name}_${process.pid}`;
    await adminQuery(server, `create database ${building}`);
    const store = createPostgresStore(databaseUrl(server, building));
    await migrateToLatest(store.db);
    await store.close();
    await adminQuery(server, `alter database ${building} rename to ${name}`);
    return name;
  })();
  return template;
}

/** A new database on the test server (or `server`), empty or migrated; `drop()` removes it. */
export async function freshPostgresDatabase(
  options: { migrated?: boolean; server?: string } = {},
): Promise<{ url: string; drop(): Promise<void> }> {
  const server = options.server ?? process.env.KB_TEST_DATABASE_URL;
  if (!server) throw new Error('KB_TEST_DATABASE_URL is not set');
  const name = `lantern_test_${process.pid}_${Date.now().toString(36)}_${databases++}`;
  await adminQuery(server, `create database ${name}${options.migrated ? ` template ${await migratedTemplate(server)}` : ''}`);
  return { url: databaseUrl(server, name), drop: () => adminQuery(server, `drop database if exists ${name} with (force)`) };
}

/** A new migrated store of the kind this test project runs on. */
export async function freshTestStore(prefix = 'lantern-test-'): Promise<EventStore> {
  if (TEST_STORE === 'sqlite') {
    const store = createDb(join(mkdtempSync(join(tmpdir(), prefix)), 'kb.sqlite'));
    await migrateToLatest(store.db);
    return store;
  }
  const database = await freshPostgresDatabase({ migrated: true });
  const store = createPostgresStore(database.url);
  return { ...store, close: () => store.close().then(() => database.drop()) };
}
