/** The few SQL pieces SQLite and PostgreSQL spell differently, kept in one place. */
import { sql, type Expression, type RawBuilder } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** The larger of two numbers: max(a, b) in SQLite, greatest(a, b) in PostgreSQL. */
export function greatest(dialect: Dialect, a: Expression<unknown>, b: Expression<unknown>): RawBuilder<number> {
  return dialect === 'sqlite' ? sql<number>`max(${a}, ${b})` : sql<number>`greatest(${a}, ${b})`;
}

/**
 * The smaller or larger of two values where either may be null (SQLite's min/max of a null is null, PostgreSQL's
 * least/greatest skip it).
 */
export function nullableExtreme(
  dialect: Dialect,
  which: 'least' | 'greatest',
  a: Expression<unknown>,
  b: Expression<unknown>,
): RawBuilder<number> {
  const both = which === 'least' ? (dialect === 'sqlite' ? sql`min(${a}, ${b})` : sql`least(${a}, ${b})`) : greatest(dialect, a, b);
  return sql<number>`coalesce(${both}, ${a}, ${b})`;
}

/**
 * SQLite settings for a bulk load (demo history, imports, benchmarks), returning a function that puts the previous ones
 * back: a 256 MiB page cache (the rollups and per-session rows are updated all over their B-trees); in WAL mode
 * synchronous=NORMAL, which syncs at checkpoints instead of every commit — a crash can lose the last transactions of
 * the load, never corrupt the file, and nothing is acknowledged to a client during a load; and no foreign-key checks
 * (one lookup per reference per row), since the write path creates every row it refers to in the same transaction —
 * the API's writes, which run the same code, keep checking them.
 */
export function sqliteBulkSettings(sqlite: { pragma(source: string, options?: { simple: true }): unknown }): () => void {
  const previous = (['synchronous', 'cache_size', 'foreign_keys'] as const).map(
    (name) => [name, Number(sqlite.pragma(name, { simple: true }))] as const,
  );
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('foreign_keys = OFF');
  return () => {
    for (const [name, value] of previous) sqlite.pragma(`${name} = ${value}`);
  };
}
