/**
 * A served store for API tests on either store: a fresh database, the server environment that points at it, and
 * plain SQL reads for assertions (`?` placeholders on both; PostgreSQL's bigints read as numbers, as SQLite's).
 */
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { pgNumberTypes } from '../../db/postgres-client.ts';
import { freshDatabase } from './reliability-site.ts';
import { freshPostgresDatabase, TEST_STORE } from './test-store.ts';

export interface TestDatabase {
  /** KB_DB_PATH or KB_DATABASE_URL for the server. */
  env: Record<string, string>;
  get<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T | undefined>;
  all<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T[]>;
  /** Runs `during` while another connection holds the write lock on the events tables. */
  whileLocked(during: () => Promise<void>): Promise<void>;
  /** Every table's name and column names. */
  columns(): Promise<{ table: string; column: string }[]>;
  close(): Promise<void>;
}

export async function freshTestDatabase(): Promise<TestDatabase> {
  if (TEST_STORE === 'sqlite') {
    const path = await freshDatabase('lantern-events-');
    const db = new SqliteDatabase(path, { readonly: true });
    return {
      env: { KB_DB_PATH: path },
      get: async (query, ...params) => db.prepare(query).get(...params) as never,
      all: async (query, ...params) => db.prepare(query).all(...params) as never,
      async whileLocked(during) {
        const locker = new SqliteDatabase(path);
        locker.exec('BEGIN EXCLUSIVE');
        try {
          await during();
        } finally {
          locker.exec('ROLLBACK');
          locker.close();
        }
      },
      columns: async () =>
        db
          .prepare(
            'select m.name as "table", p.name as "column" from sqlite_master m join pragma_table_info(m.name) p where m.type = \'table\'',
          )
          .all() as never,
      close: async () => {
        db.close();
      },
    };
  }
  const database = await freshPostgresDatabase({ migrated: true });
  const client = new pg.Client({ connectionString: database.url, types: pgNumberTypes });
  await client.connect();
  const numbered = (query: string) => {
    let n = 0;
    return query.replace(/\?/g, () => `$${++n}`);
  };
  return {
    env: { KB_DATABASE_URL: database.url },
    get: async (query, ...params) => (await client.query(numbered(query), params)).rows[0],
    all: async (query, ...params) => (await client.query(numbered(query), params)).rows,
    async whileLocked(during) {
      const locker = new pg.Client({ connectionString: database.url });
      await locker.connect();
      await locker.query('begin');
      await locker.query('lock table sessions, events in access exclusive mode');
      try {
        await during();
      } finally {
        await locker.query('rollback');
        await locker.end();
      }
    },
    columns: async () =>
      (
        await client.query(
          'select table_name as "table", column_name as "column" from information_schema.columns where table_schema = \'public\'',
        )
      ).rows,
    close: async () => {
      await client.end();
      await database.drop();
    },
  };
}
