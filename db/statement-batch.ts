/**
 * Writes gathered into as few statements as PostgreSQL takes: each one is built and compiled by kysely as usual, on a
 * query builder whose driver keeps the compiled statements instead of sending them; `flush` sends them as the
 * data-modifying parts of one `with … select` (several when their parameters pass PostgreSQL's limit). A group of
 * events then costs one round trip for all of its rows, sessions and rollups instead of one per table and level.
 * Only for statements whose results are not read, none of which changes a row another of them changes: one statement
 * sees one snapshot. The statements' texts must not depend on their number of rows (statements over arrays, as
 * write-rows.ts makes them): the joined text is then the same for every group and prepared once per connection.
 */
import {
  CompiledQuery,
  sql,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect as KyselyDialect,
  type Driver,
  type QueryResult,
  type Transaction,
} from 'kysely';
import { prepared } from './postgres-client.ts';
import type { Database } from './schema.ts';

/** PostgreSQL's limit on bound parameters in one statement. */
const MAX_PARAMETERS = 65_535;

class KeepingConnection implements DatabaseConnection {
  readonly kept: CompiledQuery[] = [];
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    this.kept.push(query);
    return { rows: [] };
  }
  // eslint-disable-next-line require-yield -- never streams
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('a statement batch does not stream');
  }
}

class KeepingDriver implements Driver {
  readonly connection = new KeepingConnection();
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/** The statements joined into one: each one's `$n` moved past the parameters of those before it. */
function joined(queries: CompiledQuery[]): CompiledQuery {
  const parameters: unknown[] = [];
  const parts = queries.map((q, i) => {
    const offset = parameters.length;
    parameters.push(...q.parameters);
    return `w${i} as (${q.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`;
  });
  return prepared(CompiledQuery.raw(`with ${parts.join(', ')} select 1`, parameters));
}

export interface StatementBatch {
  /** Builds statements as the store's query builder does; executing one only keeps it. */
  db: Kysely<Database>;
  /** Sends what was kept, in order, on `trx`. */
  flush(trx: Transaction<Database>): Promise<void>;
}

export function statementBatch(): StatementBatch {
  const driver = new KeepingDriver();
  const dialect: KyselyDialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => driver,
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  };
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    async flush(trx) {
      const kept = driver.connection.kept.splice(0);
      let batch: CompiledQuery[] = [];
      let size = 0;
      for (const query of kept) {
        if (batch.length > 0 && size + query.parameters.length > MAX_PARAMETERS) {
          await trx.executeQuery(joined(batch));
          [batch, size] = [[], 0];
        }
        batch.push(query);
        size += query.parameters.length;
      }
      if (batch.length > 0) await trx.executeQuery(joined(batch));
    },
  };
}

/**
 * `insert into <table> … select … from unnest(<one array per column>)` in the rows' order: one INSERT whatever their
 * number (none included), so ids are handed out in that order even inside a batch, whose parts PostgreSQL may run in any order.
 */
export async function insertInOrder<R extends Record<string, unknown>>(
  db: Kysely<Database>,
  table: 'events' | 'comments',
  columns: { [K in keyof R & string]: 'bigint' | 'text' },
  rows: readonly R[],
): Promise<void> {
  const names = Object.keys(columns) as (keyof R & string)[];
  const arrays = names.map((name) => sql`${rows.map((r) => r[name] ?? null)}::${sql.raw(columns[name])}[]`);
  await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))})
    select ${sql.join(names.map((n) => sql.ref(`t.${n}`)))}
    from unnest(${sql.join(arrays)}) with ordinality as t(${sql.join(names.map((n) => sql.ref(n)))}, n)
    order by t.n`.execute(db);
}
