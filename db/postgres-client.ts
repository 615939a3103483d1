/** Opens the store on PostgreSQL (KB_DATABASE_URL): a pg pool behind kysely, numbers read as numbers. */
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { EventStore } from './client.ts';
import { PostgresIntegersPlugin } from './postgres-ddl.ts';
import type { Database } from './schema.ts';

const INT8 = 20;
const NUMERIC = 1700;

// Counts come back as bigint and sums as numeric, which pg returns as strings; every value we store or sum
// stays below 2^53 (epoch ms, counters), so JavaScript numbers hold them exactly, as they do from SQLite.
export const pgNumberTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 || oid === NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** The URL as it may be printed: without the password. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** A statement text starting with this is prepared once per connection and run by name from then on. */
export const PREPARED = '/* prepared */ ';
const preparedNames = new Map<string, string>();

/** The statement marked to be prepared: for a text that does not depend on its values (arrays, not lists). */
export const prepared = <R>(query: CompiledQuery<R>): CompiledQuery<R> => CompiledQuery.raw(PREPARED + query.sql, [...query.parameters]);

/**
 * The write path sends the same few long texts for every group (the group's batch is one statement over arrays): parsing
 * and planning them each time cost PostgreSQL about as much as running them. pg prepares a query that has a name once
 * per connection; kysely sends none, so the name is given here to the texts marked for it.
 */
class PreparingClient extends pg.Client {
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    if (typeof config === 'string' && config.startsWith(PREPARED) && typeof values !== 'function') {
      let name = preparedNames.get(config);
      if (name === undefined) preparedNames.set(config, (name = `lantern_${preparedNames.size + 1}`));
      config = { name, text: config, values };
      values = undefined;
    }
    return (super.query as (...args: unknown[]) => never)(config, values, callback);
  }
}

/** Connections for reports: a few, beside the writers' pool, never taking its connections. */
const REPORT_POOL_SIZE = 4;
const DEFAULT_REPORT_TIMEOUT_MS = 30_000;

function pool(url: string, max: number, settings: string, name: string): pg.Pool {
  const created = new pg.Pool({ connectionString: url, max, types: pgNumberTypes, options: settings, Client: PreparingClient });
  // A connection can drop at any time (a database restart, a network cut). An idle client's error reaches the pool,
  // which replaces it; a checked-out client's reaches the client itself, and an 'error' event nobody listens to ends
  // the process. The query under way fails on its own and is answered with a 503.
  created.on('error', (error) => console.error(`PostgreSQL ${name} pool:`, error.message));
  created.on('connect', (client) => client.on('error', (error) => console.error(`PostgreSQL ${name} connection:`, error.message)));
  return created;
}

export function createPostgresStore(url: string, options: { poolSize?: number; reportTimeoutMs?: number } = {}): EventStore {
  // A lock held elsewhere fails the write after 5 s (as SQLite's busy timeout does) instead of holding the request.
  const writers = pool(url, options.poolSize ?? 10, '-c lock_timeout=5000', 'write');
  const readers = pool(url, REPORT_POOL_SIZE, `-c statement_timeout=${options.reportTimeoutMs ?? DEFAULT_REPORT_TIMEOUT_MS}`, 'report');
  const plugins = [new PostgresIntegersPlugin()];
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: writers }), plugins });
  const reports = new Kysely<Database>({ dialect: new PostgresDialect({ pool: readers }), plugins });
  return {
    db,
    reports,
    dialect: 'postgres',
    poolStats: () =>
      (
        [
          ['write', writers],
          ['report', readers],
        ] as const
      ).map(([name, p]) => ({ pool: name, total: p.totalCount, idle: p.idleCount, waiting: p.waitingCount })),
    location: redactedUrl(url),
    close: async () => {
      await Promise.all([db.destroy(), reports.destroy()]);
    },
  };
}
