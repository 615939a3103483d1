/** Opens the store: SQLite through better-sqlite3 with the pragmas the write path relies on. Nothing opens at import. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';

export const DEFAULT_DB_PATH = 'db/kb.sqlite';

export interface Store {
  db: Kysely<Database>;
  /** The underlying SQLite handle, for pragmas, backups and integrity checks. */
  sqlite: SqliteDatabase.Database;
  path: string;
  close(): Promise<void>;
}

export function createDb(path: string = process.env.KB_DB_PATH || DEFAULT_DB_PATH): Store {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL: readers (reports) never block the writer. synchronous=FULL: a commit is on disk before the
  // API answers 202, even if the machine loses power; group commit keeps the fsync cost per batch.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, sqlite, path: file, close: () => db.destroy() };
}
