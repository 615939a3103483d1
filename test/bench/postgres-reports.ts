/** The reports benchmark's PostgreSQL side (`--postgres <url>`): the same synthetic events in a fresh database there, the same cases timed. */
import { sql } from 'kysely';
import { openStore, type EventStore } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { bulkLoad } from '../../src/events/bulk-load.ts';
import { runReport } from '../../src/reports/report-registry.ts';
import type { ReportName, ReportParams } from '../../src/schemas/report-params.ts';
import { fmt } from './bench-format.ts';
import { rollupRuns, time, type Timing } from './bench-timing.ts';
import { syntheticCatalog, syntheticEvents } from './synthetic-events.ts';
import { syncCatalog } from '../../src/reports/sync-catalog.ts';

export interface PostgresRun {
  seconds: number;
  rate: number;
  bytes: number;
  timings: Timing[];
}

async function onServer(server: string, statement: string): Promise<void> {
  const admin = openStore({ url: server, path: '' });
  try {
    await sql.raw(statement).execute(admin.db);
  } finally {
    await admin.close();
  }
}

export async function timeOnPostgres(
  server: string,
  events: number,
  cases: { report: ReportName; params: ReportParams; slug?: string }[],
  quick: boolean,
  log: (line: string) => void,
): Promise<PostgresRun> {
  const name = `lantern_bench_reports_${Date.now().toString(36)}`;
  await onServer(server, `create database ${name}`);
  const store: EventStore = openStore({ url: Object.assign(new URL(server), { pathname: `/${name}` }).toString(), path: '' });
  try {
    await migrateToLatest(store.db);
    const catalog = syntheticCatalog();
    await syncCatalog(store.db, catalog.manifest);
    log(`loading ${fmt(events)} events into PostgreSQL (${store.location})`);
    const started = performance.now();
    await bulkLoad(store, syntheticEvents(catalog, { events }));
    const seconds = (performance.now() - started) / 1000;
    await sql`vacuum analyze`.execute(store.db);
    const { rows } = await sql<{ bytes: number }>`select pg_database_size(current_database()) as bytes`.execute(store.db);
    const timings: Timing[] = [];
    for (const c of cases) timings.push((await time(() => runReport(store.db, c.report, c.params, c.slug), quick ? () => 3 : rollupRuns)).timing);
    return { seconds, rate: events / seconds, bytes: Number(rows[0]!.bytes), timings };
  } finally {
    await store.close();
    await onServer(server, `drop database ${name} with (force)`);
  }
}
