/**
 * Joins tickets to the help-center session whose reference they carry: the session, and what it read (with the
 * revision read) and searched in the 24 hours before the ticket. Run when a ticket arrives and before sessions
 * close (closing forgets a session's reference and its per-article rows); a ticket whose reference arrived before
 * the reader's events waits for them for three days.
 */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database, TicketsTable } from '../../db/schema.ts';
import { DAY_MS } from '../domain/utc-day.ts';

/** What a ticket is joined to: reads and searches of the day before it. */
const TICKET_LOOKBACK_MS = DAY_MS;
/** The reader's clock and the help desk's may disagree by a few minutes: reads this much after the ticket still count. */
const CLOCK_SLACK_MS = 5 * 60 * 1000;
/** How long a ticket waits for a session with its reference. */
const WAIT_MS = 3 * DAY_MS;

/** Joins every recent ticket still waiting for its session; returns how many it joined. */
export async function joinTickets(db: Kysely<Database>, now = Date.now()): Promise<number> {
  const waiting = await db
    .selectFrom('tickets')
    .select(['id', 'ref', 'created_at'])
    .where('joined_at', 'is', null)
    .where('ref', 'is not', null)
    .where('created_at', '>=', now - WAIT_MS)
    .execute();
  let joined = 0;
  for (const ticket of waiting)
    if (await joinTicket(db, { id: ticket.id, ref: ticket.ref!, createdAt: Number(ticket.created_at) }, now)) joined++;
  return joined;
}

/** Joins one ticket to the session with its reference, if that session is known yet; true when it joined it. */
export async function joinTicket(
  db: Kysely<Database>,
  ticket: { id: number; ref: string; createdAt: number },
  now = Date.now(),
): Promise<boolean> {
  const session = await db
    .selectFrom('sessions')
    .select('id')
    .where('ref', '=', ticket.ref)
    .where('started_at', '<=', ticket.createdAt + CLOCK_SLACK_MS)
    .where('last_seen_at', '>=', ticket.createdAt - TICKET_LOOKBACK_MS)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!session) return false;
  return db.transaction().execute(async (trx) => {
    // Claimed first: another server joining the same ticket finds it taken (PostgreSQL waits on the row, then skips).
    const claim = await trx
      .updateTable('tickets')
      .set({ session_id: session.id, joined_at: now })
      .where('id', '=', ticket.id)
      .where('joined_at', 'is', null)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) === 0) return false;
    await copyWhatWasRead(trx, { ticket: ticket.id });
    return true;
  });
}

/**
 * Copies what the tickets' sessions read (first views, with the revision read) and searched in the day before each
 * ticket; rows copied before stay. Run at the join, and again for a session about to close: events a browser kept
 * while the API was away may have arrived after the ticket was joined.
 */
export async function copyWhatWasRead(trx: Kysely<Database>, of: { ticket: number } | { sessions: number[] }): Promise<void> {
  const tickets = (eb: ExpressionBuilder<Database & { t: TicketsTable }, 't'>) =>
    'ticket' in of ? eb('t.id', '=', of.ticket) : eb('t.session_id', 'in', of.sessions);
  const inWindow = (column: string) =>
    sql<boolean>`${sql.ref(column)} >= t.created_at - ${TICKET_LOOKBACK_MS} and ${sql.ref(column)} <= t.created_at + ${CLOCK_SLACK_MS}`;
  await trx
    .insertInto('ticket_reads')
    .columns(['ticket_id', 'article_id', 'revision_id', 'read_at'])
    .expression((eb) =>
      eb
        .selectFrom('tickets as t')
        .innerJoin('session_articles as a', 'a.session_id', 't.session_id')
        .select(['t.id', 'a.article_id', 'a.read_revision_id', 'a.first_view_at'])
        .where(tickets)
        .where(inWindow('a.first_view_at')),
    )
    .onConflict((oc) => oc.columns(['ticket_id', 'article_id']).doNothing())
    .execute();
  await trx
    .insertInto('ticket_searches')
    .columns(['ticket_id', 'query_id', 'searched_at'])
    .expression((eb) =>
      eb
        .selectFrom('tickets as t')
        .innerJoin('session_queries as q', 'q.session_id', 't.session_id')
        .select(['t.id', 'q.query_id', 'q.searched_at'])
        .where(tickets)
        .where(inWindow('q.searched_at')),
    )
    .onConflict((oc) => oc.columns(['ticket_id', 'query_id']).doNothing())
    .execute();
}
