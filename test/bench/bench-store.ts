/**
 * The reports benchmark's store: N synthetic events through the bulk write path, then its size on disk table by table.
 */
import { statSync } from 'node:fs';
import type { Store } from '../../db/client.ts';
import { bulkLoad } from '../../src/ingest/bulk-load.ts';
import { syncCatalog } from '../../src/analytics/sync-catalog.ts';
import { duration, fmt } from './bench-format.ts';
import { syntheticCatalog, syntheticEvents } from './synthetic-events.ts';
import { syntheticSearchTerms } from './synthetic-catalog.ts';

const PROGRESS_EVERY_MS = 5000;

export interface Loaded {
  seconds: number;
  rate: number;
  bytes: number;
  perEvent: number;
  /** Bytes per table and index, largest first. */
  tables: { name: string; bytes: number }[];
  mix: { type: number; n: number }[];
  sessions: number;
}

export async function loadSynthetic(store: Store, events: number, log: (line: string) => void): Promise<Loaded> {
  const catalog = syntheticCatalog();
  for (const { day, terms } of syntheticSearchTerms(catalog)) await syncCatalog(store.db, catalog.manifest, terms, day);
  const started = performance.now();
  let lastLog = started;
  await bulkLoad(store, syntheticEvents(catalog, { events }), {
    onProgress: (written) => {
      const now = performance.now();
      if (now - lastLog < PROGRESS_EVERY_MS && written < events) return;
      lastLog = now;
      const rate = written / ((now - started) / 1000);
      log(
        `loaded ${fmt(written)} / ${fmt(events)} events (${((100 * written) / events).toFixed(1)}%), ${fmt(Math.round(rate))} events/s, ${duration((events - written) / rate)} to go`,
      );
    },
  });
  const seconds = (performance.now() - started) / 1000;
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const size = (f: string) => statSync(f, { throwIfNoEntry: false })?.size ?? 0;
  const bytes = size(store.path) + size(`${store.path}-wal`);
  const tables = store.sqlite.prepare('select name, sum(pgsize) as bytes from dbstat group by name order by 2 desc').all() as {
    name: string;
    bytes: number;
  }[];
  const mix = store.sqlite.prepare('select type, count(*) as n from events group by type order by type').all() as {
    type: number;
    n: number;
  }[];
  const { sessions } = store.sqlite.prepare('select count(*) as sessions from sessions').get() as { sessions: number };
  return { seconds, rate: events / seconds, bytes, perEvent: bytes / events, tables, mix, sessions };
}

const PER_SESSION = ['sessions', 'sessions_key', 'sessions_open_last_seen', 'session_articles', 'session_queries', 'session_reads'];

/** Bytes per event by kind: raw events, per-session state, rollups and dimensions (everything else). */
export function footprint(loaded: Loaded, events: number): { raw: number; perSession: number; rest: number } {
  const of = (pick: (name: string) => boolean) => loaded.tables.filter((t) => pick(t.name)).reduce((n, t) => n + t.bytes, 0) / events;
  const raw = of((n) => n === 'events');
  const perSession = of((n) => PER_SESSION.includes(n));
  return { raw, perSession, rest: loaded.perEvent - raw - perSession };
}
