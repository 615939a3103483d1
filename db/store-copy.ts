/**
 * Copies every row of a SQLite events database into another store (PostgreSQL, when a help center outgrows
 * one server), ids included, in one transaction on the target: it ends with all of the data or none of it.
 */
import type SqliteDatabase from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { EventStore } from './client.ts';

// Parents before children, so the target's foreign keys hold at every insert; rollups follow in any order.
const FIRST = [
  'articles',
  'revisions',
  'queries',
  'sessions',
  'session_articles',
  'session_queries',
  'session_reads',
  'events',
  'comments',
  'admin_credentials',
  'people',
  'person_credentials',
  'feedback_triage',
  'feedback_notes',
  'tickets',
];
const WITH_IDS = [
  'articles',
  'revisions',
  'queries',
  'sessions',
  'events',
  'comments',
  'admin_credentials',
  'people',
  'person_credentials',
  'audit_log',
  'feedback_notes',
];
// PostgreSQL takes at most 65,535 parameters per statement; rows of up to 20 columns fit 3,000 times over.
const ROWS_PER_INSERT = 500;

export class TargetNotEmptyError extends Error {}

/** The source's tables, in copying order (the migration bookkeeping tables are the target's own). */
export function tablesToCopy(source: SqliteDatabase.Database): string[] {
  const names = source
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'")
    .pluck()
    .all() as string[];
  return [...FIRST.filter((t) => names.includes(t)), ...names.filter((t) => !FIRST.includes(t)).sort()];
}

export async function copyStore(
  source: SqliteDatabase.Database,
  target: EventStore,
  onTable: (table: string, rows: number) => void = () => {},
): Promise<Record<string, number>> {
  const tables = tablesToCopy(source);
  const db = target.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  for (const table of ['events', 'sessions', 'articles']) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    if (Number(rows[0]?.n) > 0) throw new TargetNotEmptyError(`the target already holds ${table}; copy into an empty, migrated database`);
  }
  const copied: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    for (const table of tables) {
      let batch: Record<string, unknown>[] = [];
      let count = 0;
      const flush = async () => {
        if (batch.length) await trx.insertInto(table).values(batch).execute();
        count += batch.length;
        batch = [];
      };
      for (const row of source.prepare(`select * from "${table}"`).iterate() as Iterable<Record<string, unknown>>) {
        batch.push(row);
        if (batch.length >= ROWS_PER_INSERT) await flush();
      }
      await flush();
      // Rows came with their ids: the target's id sequence must continue after them.
      if (target.dialect === 'postgres' && WITH_IDS.includes(table)) {
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce(max(id), 1), max(id) is not null) from ${sql.table(table)}`.execute(
          trx,
        );
      }
      copied[table] = count;
      onTable(table, count);
    }
  });
  return copied;
}
