/**
 * The reports benchmark's PostgreSQL side (`--postgres <url>`): the same synthetic events in a fresh database there,
 * the same cases timed.
 */
import { sql } from 'kysely';
import { openStore, type EventStore } from '../../db/client.ts';
import { bulkLoad } from '../../src/ingest/bulk-load.ts';
import { reportSource, runReport } from '../../src/analytics/report-registry.ts';
import type { ReportName, ReportParams } from '../../src/schemas/report-params.ts';
import { fmt } from './bench-format.ts';
import { rollupRuns, time, type Timing } from './bench-timing.ts';
import { syntheticCatalog, syntheticEvents } from './synthetic-events.ts';
import { syncCatalog } from '../../src/analytics/sync-catalog.ts';
import { freshPostgresDatabase } from '../helpers/test-store.ts';

export interface PostgresRun {
  seconds: number;
  rate: number;
  bytes: number;
  timings: Timing[];
}

export async function timeOnPostgres(
  server: string,
  events: number,
  cases: { report: ReportName; params: ReportParams; slug?: string }[],
  quick: boolean,
  log: (line: string) => void,
): Promise<PostgresRun> {
  const database = await freshPostgresDatabase({ server, migrated: true });
  const store: EventStore = openStore({ url: database.url, path: '' });
  try {
    const catalog = syntheticCatalog();
    await syncCatalog(store.db, catalog.manifest);
    log(`loading ${fmt(events)} events into PostgreSQL (${store.location})`);
    const started = performance.now();
    await bulkLoad(store, syntheticEvents(catalog, { events }));
    const seconds = (performance.now() - started) / 1000;
    await sql`vacuum analyze`.execute(store.db);
    const { rows } = await sql<{ bytes: number }>`select pg_database_size(current_database()) as bytes`.execute(store.db);
    const timings: Timing[] = [];
    const reports = reportSource(store.db);
    for (const c of cases)
      timings.push((await time(() => runReport(reports, c.report, c.params, c.slug), quick ? () => 3 : rollupRuns)).timing);
    return { seconds, rate: events / seconds, bytes: Number(rows[0]!.bytes), timings };
  } finally {
    await store.close();
    await database.drop();
  }
}
