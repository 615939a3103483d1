/**
 * Request bodies for the ingest benchmark, drawn lazily from the seeded synthetic stream: a whole reader session per
 * request (what the tracker sends when a tab's queue drains), one event per request, or full batches of 50.
 */
import { writeFileSync } from 'node:fs';
import type { PreparedEvent } from '../../src/ingest/validate-batch.ts';
import { MAX_BATCH } from '../../src/schemas/events.ts';
import { syntheticCatalog, type SyntheticCatalog } from './synthetic-catalog.ts';
import { syntheticEvents } from './synthetic-events.ts';

export type IngestMode = 'session' | 'single' | 'full';

export interface RequestBody {
  body: string;
  events: number;
  sessions: string[];
}

/** Events as the browser sends them: no server-side fields, and no `ts` (the server stamps arrival time). */
function wire(e: PreparedEvent): object {
  const { day: _day, revision: _revision, normalizedQuery: _query, ts: _ts, ...event } = e;
  return event;
}

const body = (events: PreparedEvent[]): RequestBody => ({
  body: JSON.stringify({ events: events.map(wire) }),
  events: events.length,
  sessions: [...new Set(events.map((e) => e.session))],
});

/** Writes the catalog's slugs as a build manifest, so the server accepts the synthetic articles. */
export function writeManifest(path: string, catalog: SyntheticCatalog = syntheticCatalog()): void {
  writeFileSync(path, JSON.stringify({ generated_at: new Date().toISOString(), articles: catalog.manifest }));
}

/** An endless supply of bodies in `mode`; `prefix` keeps session ids of different runs apart. */
export function requestBodies(mode: IngestMode, prefix: string, catalog: SyntheticCatalog = syntheticCatalog()): () => RequestBody {
  const stream = syntheticEvents(catalog, { events: 50_000_000 });
  const ready: RequestBody[] = [];
  let at = 0;
  const refill = () => {
    const chunk: PreparedEvent[] = [];
    for (let i = 0; i < 5000; i++) {
      const next = stream.next();
      if (next.done) throw new Error('the synthetic stream ran out');
      chunk.push({ ...next.value, session: `${prefix}${next.value.session}` });
    }
    ready.length = 0;
    at = 0;
    if (mode === 'single') for (const e of chunk) ready.push(body([e]));
    else if (mode === 'full') for (let i = 0; i < chunk.length; i += MAX_BATCH) ready.push(body(chunk.slice(i, i + MAX_BATCH)));
    else {
      // A session split across two chunks is sent as two requests, as a tab whose queue drains twice.
      const bySession = new Map<string, PreparedEvent[]>();
      for (const e of chunk) bySession.set(e.session, [...(bySession.get(e.session) ?? []), e]);
      for (const events of bySession.values())
        for (let i = 0; i < events.length; i += MAX_BATCH) ready.push(body(events.slice(i, i + MAX_BATCH)));
    }
  };
  return () => {
    if (at >= ready.length) refill();
    return ready[at++]!;
  };
}
