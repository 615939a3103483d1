/** A fresh migrated SQLite file per test, filled through the real write path (no HTTP, same transaction code). */
import { mkdtempSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Store } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import type { Event } from '../../src/schemas/events.ts';
import { normalizeQuery } from '../../src/events/normalize-query.ts';
import { utcDay } from '../../src/events/utc-day.ts';
import { EventWriter } from '../../src/events/write-events.ts';

export async function freshStore(): Promise<Store> {
  const store = createDb(join(mkdtempSync(join(tmpdir(), 'lantern-report-')), 'kb.sqlite'));
  await migrateToLatest(store.db);
  return store;
}

/** A fresh store for every test of the file, closed after it; use it like a Store. */
export function freshStorePerTest(): Store {
  let current: Store | undefined;
  beforeEach(async () => {
    current = await freshStore();
  });
  afterEach(() => current?.close());
  const now = (): Store => {
    if (!current) throw new Error('the store exists only inside a test');
    return current;
  };
  return {
    get db() {
      return now().db;
    },
    get sqlite() {
      return now().sqlite;
    },
    get path() {
      return now().path;
    },
    close: () => now().close(),
  };
}

/** An event as a test writes it: an ISO time instead of epoch ms, and optionally the article's revision. */
export type SeedEvent = Event extends infer E ? (E extends Event ? Omit<E, 'ts'> & { at: string; revision?: string } : never) : never;

/** Writes events as the API would, with `ts` given as an ISO time ("2026-11-02T10:00Z"). */
export async function seed(store: Store, events: SeedEvent[]): Promise<void> {
  const writer = new EventWriter('sqlite');
  const prepared = events.map(({ at, revision, ...event }) => {
    const ts = Date.parse(at);
    const query = 'query' in event && typeof event.query === 'string' ? normalizeQuery(event.query) : null;
    return { ...(event as Event), ts, day: utcDay(ts), revision: 'article' in event ? (revision ?? 'r1') : null, normalizedQuery: query };
  });
  await store.db.transaction().execute((trx) => writer.write(trx, prepared));
}
