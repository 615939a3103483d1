/** Fresh migrated stores for tests, filled through the real write path (no HTTP, same transaction code). */
import { mkdtempSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type EventStore, type Store } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import type { Event } from '../../src/schemas/events.ts';
import { normalizedQueries } from '../../src/domain/normalize-query.ts';
import { utcDay } from '../../src/domain/utc-day.ts';
import type { PreparedEvent } from '../../src/ingest/validate-batch.ts';
import { GroupWriter } from '../../src/ingest/write-group.ts';
import { receiveTicket } from '../../src/ingest/ticket-intake.ts';
import { freshTestStore } from './test-store.ts';

/** A fresh SQLite file, for tests about the file itself (CLI, demo). */
export async function freshStore(): Promise<Store> {
  const store = createDb(join(mkdtempSync(join(tmpdir(), 'lantern-report-')), 'kb.sqlite'));
  await migrateToLatest(store.db);
  return store;
}

/** A fresh store for every test of the file (SQLite, or PostgreSQL in that test project), closed after it. */
export function freshStorePerTest(): EventStore {
  let current: EventStore | undefined;
  beforeEach(async () => {
    current = await freshTestStore('lantern-report-');
  });
  afterEach(() => current?.close());
  const now = (): EventStore => {
    if (!current) throw new Error('the store exists only inside a test');
    return current;
  };
  return {
    get dialect() {
      return now().dialect;
    },
    get location() {
      return now().location;
    },
    get db() {
      return now().db;
    },
    close: () => now().close(),
  };
}

/** An event as a test writes it: an ISO time instead of epoch ms, and optionally the article's revision. */
export type SeedEvent = Event extends infer E ? (E extends Event ? Omit<E, 'ts'> & { at: string; revision?: string } : never) : never;

/** Writes events as the API would, with `ts` given as an ISO time ("2026-11-02T10:00Z"). */
export async function seed(store: EventStore, events: SeedEvent[]): Promise<void> {
  const writer = new GroupWriter(store.dialect);
  await store.db.transaction().execute((trx) => writer.write(trx, prepare(events)));
}

/** Events as validation would hand them to the write path. */
export function prepare(events: SeedEvent[]): PreparedEvent[] {
  return events.map(({ at, revision, ...event }) => {
    const ts = Date.parse(at);
    const e = event as Event;
    return { ...e, ts, day: utcDay(ts), revision: 'article' in event ? (revision ?? 'r1') : null, ...normalizedQueries(e) };
  });
}

/** A ticket as a help desk reports it, with its creation time as an ISO time. */
export interface SeedTicket {
  provider?: string;
  id: string;
  ref: string | null;
  at: string;
  tags?: string[];
}

/** Files tickets through the real intake (stored once, joined to the session with the reference), each a minute after it was created. */
export async function seedTickets(store: EventStore, tickets: SeedTicket[]): Promise<void> {
  for (const t of tickets) {
    const createdAt = Date.parse(t.at);
    await receiveTicket(store.db, t.provider ?? 'generic', { id: t.id, ref: t.ref, createdAt, tags: t.tags ?? [] }, createdAt + 60_000);
  }
}
