/**
 * Rows inserted (or upserted) the way each store takes them fastest. SQLite: multi-row VALUES in a few fixed chunk
 * sizes. PostgreSQL: one statement over one array per column, whose text is the same whatever the number of rows (none
 * included), so a group's whole batch keeps one text and is parsed and planned once per connection, not per group.
 */
import { sql, type InsertQueryBuilder, type InsertResult, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Dialect } from '../../db/dialect-sql.ts';
import { eachCompiled, rowValues } from './chunked-insert.ts';

/** The PostgreSQL type of each column written, in the order the arrays are sent. */
export type ColumnTypes = Readonly<Record<string, 'bigint' | 'text'>>;

type Insert<T extends keyof Database> = InsertQueryBuilder<Database, T, InsertResult>;

/**
 * Writes `rows`, each with exactly the `columns`' values; `conflict` adds an `on conflict` clause, the same one every
 * time for a table (SQLite's compiled texts are remembered by table and chunk size).
 */
export async function writeRows<T extends keyof Database>(
  db: Kysely<Database>,
  dialect: Dialect,
  table: T,
  columns: ColumnTypes,
  rows: readonly Record<string, unknown>[],
  conflict: (insert: Insert<T>) => Insert<T> = (insert) => insert,
): Promise<void> {
  if (dialect === 'sqlite') {
    await eachCompiled(db, `write ${table}`, rows, (chunk) => conflict(db.insertInto(table).values(chunk as never)), rowValues);
    return;
  }
  const names = Object.keys(columns);
  const arrays = names.map((name) => sql`${rows.map((r) => r[name] ?? null)}::${sql.raw(columns[name])}[]`);
  const source = sql`select * from unnest(${sql.join(arrays)})`;
  await conflict(
    db
      .insertInto(table)
      .columns(names as never)
      .expression(source),
  ).execute();
}
