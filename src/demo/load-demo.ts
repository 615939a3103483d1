/**
 * Writes a simulated history into the store as the server would have taken it in: the events through the bulk loader,
 * and the tickets its readers filed through the help desk's intake, each received a minute after it was created. A
 * ticket joins its session only while the session is open (closing forgets its reference and reads): each batch's
 * tickets are received once the events they follow are written and before the loader closes the sessions idle for
 * two days, so every ticket finds its session, as it would on a server.
 */
import { sql } from 'kysely';
import type { EventStore } from '../../db/client.ts';
import { bulkLoad } from '../ingest/bulk-load.ts';
import { receiveTicket } from '../ingest/ticket-intake.ts';
import type { DemoTicket } from './demo-tickets.ts';
import type { SimulatedDay } from './simulate-history.ts';

/** What the help desk's tickets came to in the store (the demo fills an empty one: all of them are its own). */
export interface TicketTotals {
  tickets: number;
  /** Joined to the session whose reference they carried. */
  joined: number;
  withoutReference: number;
  /** With a reference no session had. */
  unmatchedReference: number;
  byProvider: Record<string, number>;
}

export interface DemoLoad {
  /** Events written. */
  written: number;
  tickets: TicketTotals;
}

export interface DemoLoadOptions {
  /** Events per transaction (see bulkLoad). */
  batchSize?: number;
  /** Events written so far. */
  onProgress?: (written: number) => void;
}

/** A ticket reaches Lantern this long after the reader filed it (the help desk's webhook). */
const DELIVERY_MS = 60_000;

/** Writes the days in order; returns how many events were written and what the tickets came to. */
export async function loadDemoHistory(store: EventStore, days: Iterable<SimulatedDay>, options: DemoLoadOptions = {}): Promise<DemoLoad> {
  // Tickets in the order they were created (a day's are sorted, and none is later than its day), queued as the events
  // of their day start to be read.
  const queue: DemoTicket[] = [];
  let next = 0;
  function* events() {
    for (const day of days) {
      queue.push(...day.tickets);
      yield* day.events;
    }
  }
  // Every event until `latest` is written: so is every session a ticket created by then comes from.
  const receiveUntil = async (latest: number) => {
    for (; next < queue.length && queue[next]!.ticket.createdAt <= latest; next++) {
      const { provider, ticket } = queue[next]!;
      await receiveTicket(store.db, provider, ticket, ticket.createdAt + DELIVERY_MS);
    }
  };
  const written = await bulkLoad(store, events(), { ...options, afterCommit: receiveUntil });
  // Filed after the last event: their sessions, a few hours old, are still open.
  await receiveUntil(Infinity);
  return { written, tickets: await ticketTotals(store) };
}

async function ticketTotals(store: EventStore): Promise<TicketTotals> {
  const rows = await store.db
    .selectFrom('tickets')
    .select([
      'provider',
      sql<number>`count(*)`.as('tickets'),
      sql<number>`sum(case when session_id is not null then 1 else 0 end)`.as('joined'),
      sql<number>`sum(case when ref is null then 1 else 0 end)`.as('without'),
    ])
    .groupBy('provider')
    .orderBy('provider')
    .execute();
  const totals: TicketTotals = { tickets: 0, joined: 0, withoutReference: 0, unmatchedReference: 0, byProvider: {} };
  for (const r of rows) {
    const [tickets, joined, without] = [Number(r.tickets), Number(r.joined), Number(r.without)];
    totals.tickets += tickets;
    totals.joined += joined;
    totals.withoutReference += without;
    totals.unmatchedReference += tickets - joined - without;
    totals.byProvider[r.provider] = tickets;
  }
  return totals;
}
