/**
 * Tickets from the help desk as the reports read them: help-center sessions that went on to file one (by the day the
 * session started, as sessions are counted), what their writers read and searched in the day before, the tickets
 * that came without a reference, and tickets per product area by their tags. Tickets are few beside events: these
 * are read from the ticket tables directly, not from rollups.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { outcomeSql } from '../domain/session-outcome.ts';
import { DAY_MS, utcDay } from '../domain/utc-day.ts';
import { articleScope, isScoped } from './article-scope.ts';
import { epochBounds } from './report-period.ts';

export interface TicketSessionDay {
  day: string;
  /** Help-center sessions with a ticket joined to them. */
  ticketSessions: number;
  /** Of those, sessions that had also clicked "Contact support". */
  clickedAndFiled: number;
}

/** Sessions with a ticket per day they started; with a category or product-area filter, those whose writer read in it. */
export async function ticketSessionsByDay(db: Kysely<Database>, params: ReportParams): Promise<TicketSessionDay[]> {
  const { start, end } = epochBounds(params);
  const dayNumber = sql<number>`s.started_at / ${sql.lit(DAY_MS)}`;
  const rows = await db
    .selectFrom('sessions as s')
    .select([
      dayNumber.as('day_number'),
      sql<number>`count(*)`.as('sessions'),
      sql<number>`sum(case when s.contacts > 0 then 1 else 0 end)`.as('clicked'),
    ])
    .where('s.id', 'in', (eb) => {
      const joined = eb.selectFrom('tickets as t').select('t.session_id').where('t.session_id', 'is not', null);
      return isScoped(params)
        ? joined.where((w) =>
            w.exists(
              w
                .selectFrom('ticket_reads as r')
                .innerJoin('articles as a', 'a.id', 'r.article_id')
                .select('r.ticket_id')
                .whereRef('r.ticket_id', '=', 't.id')
                .where(articleScope(params)),
            ),
          )
        : joined;
    })
    .where('s.started_at', '>=', start)
    .where('s.started_at', '<', end)
    .where(outcomeSql('kb'))
    .groupBy(dayNumber)
    .orderBy(dayNumber)
    .execute();
  return rows.map((r) => ({
    day: utcDay(Number(r.day_number) * DAY_MS),
    ticketSessions: Number(r.sessions),
    clickedAndFiled: Number(r.clicked),
  }));
}

export interface TicketCounts {
  /** Tickets created in the range. */
  tickets: number;
  /** Joined to the help-center session whose reference they carried. */
  afterReading: number;
  /** Carried no reference: they did not come through the help center's contact links. */
  withoutReference: number;
  /** Carried a reference no session had within a day before the ticket (or not yet: a session's events may follow). */
  unmatchedReference: number;
  /** Whether any ticket ever arrived: until one does, the reports say how to connect the help desk. */
  anyEver: boolean;
}

/** Tickets by the time they were created; the category and product-area filters do not apply to them. */
export async function ticketCounts(db: Kysely<Database>, params: ReportParams): Promise<TicketCounts> {
  const { start, end } = epochBounds(params);
  const row = await db
    .selectFrom('tickets')
    .select([
      sql<number>`count(*)`.as('tickets'),
      sql<number>`sum(case when session_id is not null then 1 else 0 end)`.as('joined'),
      sql<number>`sum(case when ref is null then 1 else 0 end)`.as('without'),
    ])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .executeTakeFirstOrThrow();
  const tickets = Number(row.tickets);
  const [afterReading, withoutReference] = [Number(row.joined ?? 0), Number(row.without ?? 0)];
  const anyEver = tickets > 0 || (await anyTicket(db));
  return { tickets, afterReading, withoutReference, unmatchedReference: tickets - afterReading - withoutReference, anyEver };
}

/** Whether the help desk ever sent a ticket: until it has, the reports say how to connect it. */
export const anyTicket = async (db: Kysely<Database>): Promise<boolean> =>
  (await db.selectFrom('tickets').select('id').limit(1).executeTakeFirst()) !== undefined;

/** Sessions that filed a ticket after first reading each article in the range, by slug. */
export async function ticketSessionsByArticle(
  db: Kysely<Database>,
  range: { from: string; to: string },
  slug?: string,
): Promise<Map<string, number>> {
  const { start, end } = epochBounds(range);
  const rows = await db
    .selectFrom('ticket_reads as r')
    .innerJoin('tickets as t', 't.id', 'r.ticket_id')
    .innerJoin('articles as a', 'a.id', 'r.article_id')
    .select(['a.slug', sql<number>`count(distinct t.session_id)`.as('sessions')])
    .where('r.read_at', '>=', start)
    .where('r.read_at', '<', end)
    .$if(slug !== undefined, (qb) => qb.where('a.slug', '=', slug!))
    .groupBy('a.slug')
    .execute();
  return new Map(rows.map((r) => [r.slug, Number(r.sessions)]));
}

/** Sessions that filed a ticket after first reading each revision in the range, by revision id. */
export async function ticketSessionsByRevision(db: Kysely<Database>, params: ReportParams): Promise<Map<number, number>> {
  const { start, end } = epochBounds(params);
  const rows = await db
    .selectFrom('ticket_reads as r')
    .innerJoin('tickets as t', 't.id', 'r.ticket_id')
    .select(['r.revision_id', sql<number>`count(distinct t.session_id)`.as('sessions')])
    .where('r.revision_id', 'is not', null)
    .where('r.read_at', '>=', start)
    .where('r.read_at', '<', end)
    .groupBy('r.revision_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.revision_id), Number(r.sessions)]));
}

export interface QueryBeforeTickets {
  query: string;
  /** Settled searches of the query in the range (every reader's). */
  searches: number;
  /** Sessions that searched it and filed a ticket within a day. */
  ticketSessions: number;
}

/** The queries searched most often before a ticket (the first `limit`); like the other query lists, unfiltered. */
export async function queriesBeforeTickets(db: Kysely<Database>, params: ReportParams, limit: number): Promise<QueryBeforeTickets[]> {
  const { start, end } = epochBounds(params);
  const before = db
    .selectFrom('ticket_searches as q')
    .innerJoin('tickets as t', 't.id', 'q.ticket_id')
    .select(['q.query_id', sql<number>`count(distinct t.session_id)`.as('sessions')])
    .where('q.searched_at', '>=', start)
    .where('q.searched_at', '<', end)
    .groupBy('q.query_id')
    .as('b');
  const searches = db
    .selectFrom('query_daily')
    .select(['query_id', sql<number>`sum(searches)`.as('searches')])
    .where('day', '>=', params.from)
    .where('day', '<=', params.to)
    .groupBy('query_id')
    .as('d');
  const rows = await db
    .selectFrom(before)
    .innerJoin('queries as x', 'x.id', 'b.query_id')
    .leftJoin(searches, 'd.query_id', 'b.query_id')
    .select(['x.text', 'b.sessions', 'd.searches'])
    .orderBy('b.sessions', 'desc')
    .orderBy('x.text')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ query: r.text, searches: Number(r.searches ?? 0), ticketSessions: Number(r.sessions) }));
}

export interface ProductAreaTickets {
  /** null: tickets with no tag content/ticket-tags.json maps. */
  productArea: string | null;
  tickets: number;
}

/**
 * Tickets created in the range per product area their tags stand for (a ticket tagged for two areas counts in each),
 * with or without a reference: the help desk's own view of where customers needed help.
 */
export async function ticketsByProductArea(db: Kysely<Database>, params: ReportParams): Promise<ProductAreaTickets[]> {
  const { start, end } = epochBounds(params);
  const inRange = db.selectFrom('tickets as t').select('t.id').where('t.created_at', '>=', start).where('t.created_at', '<', end);
  const mapped = await db
    .selectFrom('ticket_tags as g')
    .innerJoin('ticket_tag_areas as m', 'm.tag', 'g.tag')
    .select(['m.product_area', sql<number>`count(distinct g.ticket_id)`.as('tickets')])
    .where('g.ticket_id', 'in', inRange)
    .groupBy('m.product_area')
    .execute();
  const unmapped = await inRange
    .clearSelect()
    .select(sql<number>`count(*)`.as('tickets'))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('ticket_tags as g')
            .innerJoin('ticket_tag_areas as m', 'm.tag', 'g.tag')
            .select('g.ticket_id')
            .whereRef('g.ticket_id', '=', 't.id'),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return [
    ...mapped
      .map((r) => ({ productArea: r.product_area as string | null, tickets: Number(r.tickets) }))
      .filter((r) => params.product_area === undefined || r.productArea === params.product_area)
      .sort((a, b) => b.tickets - a.tickets || a.productArea!.localeCompare(b.productArea!)),
    ...(params.product_area === undefined && Number(unmapped.tickets) > 0
      ? [{ productArea: null, tickets: Number(unmapped.tickets) }]
      : []),
  ];
}
