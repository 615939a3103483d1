/** The few SQL pieces SQLite and PostgreSQL spell differently, kept in one place. */
import { sql, type Expression, type RawBuilder } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** The larger of two numbers: max(a, b) in SQLite, greatest(a, b) in PostgreSQL. */
export function greatest(dialect: Dialect, a: Expression<unknown>, b: Expression<unknown>): RawBuilder<number> {
  return dialect === 'sqlite' ? sql<number>`max(${a}, ${b})` : sql<number>`greatest(${a}, ${b})`;
}
