/** Stores a ticket a help desk reported (once, however often it is delivered) and joins it to its reader's session. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { IncomingTicket } from '../help-desks/help-desk.ts';
import { joinTicket } from './join-tickets.ts';

/** Whether the ticket is new (a redelivery stores nothing) and, when its session is known, joined. */
export interface TicketReceipt {
  duplicate: boolean;
}

export async function receiveTicket(
  db: Kysely<Database>,
  provider: string,
  ticket: IncomingTicket,
  now = Date.now(),
): Promise<TicketReceipt> {
  const stored = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('tickets')
      .values({
        provider,
        external_id: ticket.id,
        created_at: ticket.createdAt,
        received_at: now,
        ref: ticket.ref,
        session_id: null,
        joined_at: null,
      })
      .onConflict((oc) => oc.columns(['provider', 'external_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return undefined;
    if (ticket.tags.length)
      await trx
        .insertInto('ticket_tags')
        .values([...new Set(ticket.tags)].map((tag) => ({ ticket_id: inserted.id, tag })))
        .execute();
    return inserted.id;
  });
  // Only this ticket: the ones still waiting for their session are the session closer's (hourly) to join.
  if (stored !== undefined && ticket.ref) await joinTicket(db, { id: stored, ref: ticket.ref, createdAt: ticket.createdAt }, now);
  return { duplicate: stored === undefined };
}
