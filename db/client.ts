/**
 * Opens the store: SQLite through better-sqlite3 with the pragmas the write path relies on, or PostgreSQL from a URL.
 * Nothing opens at import.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Dialect } from './dialect-sql.ts';
import { createPostgresStore } from './postgres-client.ts';
import type { Database } from './schema.ts';

export const DEFAULT_DB_PATH = 'db/kb.sqlite';

/** Either store, as the write path and the reports see it. */
export interface EventStore {
  db: Kysely<Database>;
  /**
   * What the reports read through when it is not `db`: on PostgreSQL a pool of its own with a statement timeout, so
   * slow reports can neither take the connections events are written on nor hold the database.
   */
  reports?: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL: each connection pool's connections, for the server's metrics. */
  poolStats?: () => { pool: string; total: number; idle: number; waiting: number }[];
  /** The file, or the URL without its password. */
  location: string;
  close(): Promise<void>;
}

/** The SQLite store, with its handle for pragmas, backups and integrity checks. */
export interface Store extends EventStore {
  dialect: 'sqlite';
  sqlite: SqliteDatabase.Database;
  path: string;
}

export interface StoreOptions {
  /**
   * A ceiling on the file's size: past it, writes fail as "disk full" (the API answers 503) instead of filling the
   * disk.
   */
  maxSizeMb?: number;
  /** PostgreSQL: a report statement running longer than this is cancelled. */
  reportTimeoutMs?: number;
}

export function createDb(path: string = DEFAULT_DB_PATH, options: StoreOptions = {}): Store {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL: readers (reports) never block the writer. synchronous=FULL: a commit is on disk before the
  // API answers 202, even if the machine loses power; group commit keeps the fsync cost per batch.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  if (options.maxSizeMb)
    sqlite.pragma(
      `max_page_count = ${Math.floor((options.maxSizeMb * 1024 * 1024) / (sqlite.pragma('page_size', { simple: true }) as number))}`,
    );
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', sqlite, path: file, location: file, close: () => db.destroy() };
}

/** PostgreSQL when a URL is given (KB_DATABASE_URL), otherwise the SQLite file. */
export function openStore(options: { url?: string; path: string } & StoreOptions): EventStore {
  return options.url ? createPostgresStore(options.url, { reportTimeoutMs: options.reportTimeoutMs }) : createDb(options.path, options);
}

const ALREADY_ROLLED_BACK = { reader: false, run: () => ({ changes: 0, lastInsertRowid: 0 }) } as unknown as SqliteDatabase.Statement;

/** Statements kept per connection; SQL built with IN-lists varies, so the cache is bounded and simply starts over. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and preparing costs more than running a small statement: reusing the
 * prepared statement for the same SQL text makes the write path about four times faster. (No query is
 * streamed, so a cached statement is never busy when it is reused.)
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      // After SQLITE_FULL or an I/O error SQLite has already rolled the transaction back; kysely's own rollback
      // would then fail with "no transaction is active" and hide the real error (a 500 instead of a 503).
      if (sql === 'rollback' && !sqlite.inTransaction) return ALREADY_ROLLED_BACK;
      let statement = cache.get(sql);
      if (!statement) {
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
        statement = sqlite.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}
