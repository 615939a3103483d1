/**
 * Deflection: help-center sessions, how many escalated to support — by "Contact support" clicks and, once the help
 * desk sends them, by real tickets — and which articles and queries preceded it.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { articleScope } from './article-scope.ts';
import { weekOf } from './report-period.ts';
import { column, defineTable, selfServiceCell, type Table } from './report-table.ts';
import { inBucket, overBuckets, rollupTable, signed } from './rollup-buckets.ts';
import { sessionsByDay, type SessionDay } from './session-totals.ts';
import { mostEscalatedQueries } from './query-totals.ts';
import { deflectionRate, selfServiceScore } from '../domain/session-outcome.ts';
import { rate } from './wilson.ts';
import {
  queriesBeforeTickets,
  ticketCounts,
  ticketsByProductArea,
  ticketSessionsByArticle,
  ticketSessionsByDay,
  type ProductAreaTickets,
  type QueryBeforeTickets,
  type TicketCounts,
} from './ticket-totals.ts';

export interface DeflectionSummary {
  kbSessions: number;
  escalatedSessions: number;
  deflectionRate: number | null;
  /** KB sessions per escalated session ("12.4 : 1"); null means nothing escalated (shown as ∞ with the counts). */
  selfServiceScore: number | null;
  confirmedDeflections: number;
  /** KB sessions with a ticket from the help desk joined to them. */
  ticketSessions: number;
  /** (KB sessions − sessions with a ticket) / KB sessions. */
  ticketDeflectionRate: number | null;
  /** KB sessions per session with a ticket, as Zendesk's self-service score; null when no session filed one. */
  ticketSelfServiceScore: number | null;
}
export interface DeflectionDay extends DeflectionSummary {
  day: string;
}
export interface ArticleEscalation {
  slug: string;
  viewSessions: number;
  escalatedSessions: number;
  escalationRate: number | null;
  /** Readers who filed a ticket within a day of first reading it. */
  ticketSessions: number;
  ticketRate: number | null;
}
export interface QueryEscalation {
  query: string;
  searches: number;
  escalated: number;
  escalationRate: number | null;
}
export interface Deflection {
  summary: DeflectionSummary;
  byDay: DeflectionDay[];
  /** ISO weeks (starting Monday) that overlap the range; the first and last may be partial. */
  byWeek: (DeflectionSummary & { week: string })[];
  articles: ArticleEscalation[];
  /**
   * The queries followed by a contact most often (the first 50). Queries are not tied to a category: this list ignores
   * the category and product-area filters.
   */
  queries: QueryEscalation[];
  tickets: TicketDeflection;
}

/** What the help desk's tickets add: how many, whether they came through the help center, and clicks beside them. */
export interface TicketDeflection {
  counts: TicketCounts;
  /** Sessions (KB) by whether they clicked "Contact support" and whether they filed a ticket. */
  clicksAndTickets: { clickedAndFiled: number; clickedNotFiled: number; filedWithoutClicking: number };
  productAreas: ProductAreaTickets[];
  /** The queries searched most often in the day before a ticket (the first 50; unfiltered, like `queries`). */
  queries: QueryBeforeTickets[];
}

/** As many as the search report's lists: the queries a team can act on, not every one of some 13,000 over a year. */
const QUERY_LIMIT = 50;

type DayTotals = { kbSessions: number; escalated: number; confirmed: number; ticketSessions: number; clickedAndFiled: number };

function summarize(totals: DayTotals): DeflectionSummary {
  const { kbSessions: kb, escalated, confirmed, ticketSessions } = totals;
  return {
    kbSessions: kb,
    escalatedSessions: escalated,
    deflectionRate: deflectionRate(kb, escalated),
    selfServiceScore: selfServiceScore(kb, escalated),
    confirmedDeflections: confirmed,
    ticketSessions,
    ticketDeflectionRate: deflectionRate(kb, ticketSessions),
    ticketSelfServiceScore: selfServiceScore(kb, ticketSessions),
  };
}

function addUp(days: DayTotals[]): DayTotals {
  const total = { kbSessions: 0, escalated: 0, confirmed: 0, ticketSessions: 0, clickedAndFiled: 0 };
  for (const d of days) for (const k of Object.keys(total) as (keyof DayTotals)[]) total[k] += d[k];
  return total;
}

export async function getDeflection(db: Kysely<Database>, params: ReportParams): Promise<Deflection> {
  const ticketDays = new Map((await ticketSessionsByDay(db, params)).map((t) => [t.day, t]));
  const days: (SessionDay & DayTotals)[] = (await sessionsByDay(db, params)).map((d) => ({
    ...d,
    ticketSessions: ticketDays.get(d.day)?.ticketSessions ?? 0,
    clickedAndFiled: ticketDays.get(d.day)?.clickedAndFiled ?? 0,
  }));
  const weeks = new Map<string, DayTotals[]>();
  for (const d of days) weeks.set(weekOf(d.day), [...(weeks.get(weekOf(d.day)) ?? []), d]);

  // Readers per article and those of them who contacted support later in the session, by the day they first read it.
  const rows = overBuckets(params, (b) =>
    db
      .selectFrom(rollupTable('article', b))
      .select(['article_id', signed(b, 'view_sessions'), signed(b, 'escalations')])
      .where(inBucket(b)),
  );
  // Summed per article before the join: joined first, a filter sends SQLite through the range's rows once per article
  // in scope.
  const totals = db
    .selectFrom(rows.as('r'))
    .select(['r.article_id', sql<number>`sum(r.view_sessions)`.as('viewed'), sql<number>`sum(r.escalations)`.as('escalated')])
    .groupBy('r.article_id')
    .as('d');
  const articles = await db
    .selectFrom(totals)
    .innerJoin('articles as a', 'a.id', 'd.article_id')
    .select(['a.slug', 'd.viewed', 'd.escalated'])
    .where(articleScope(params))
    .where('d.viewed', '>', 0)
    .execute();
  const queries = await mostEscalatedQueries(db, params, QUERY_LIMIT);
  const ticketsAfter = await ticketSessionsByArticle(db, params);
  const total = addUp(days);

  return {
    summary: summarize(total),
    byDay: days.map((d) => ({ day: d.day, ...summarize(d) })),
    byWeek: [...weeks].map(([week, list]) => ({ week, ...summarize(addUp(list)) })),
    articles: articles
      .map((a) => ({
        slug: a.slug,
        viewSessions: Number(a.viewed),
        escalatedSessions: Number(a.escalated),
        escalationRate: rate(Number(a.escalated), Number(a.viewed)),
        ticketSessions: ticketsAfter.get(a.slug) ?? 0,
        ticketRate: rate(ticketsAfter.get(a.slug) ?? 0, Number(a.viewed)),
      }))
      .sort((a, b) => (b.escalationRate ?? 0) - (a.escalationRate ?? 0) || b.viewSessions - a.viewSessions || a.slug.localeCompare(b.slug)),
    queries: queries.map((q) => ({
      query: q.text,
      searches: q.searches,
      escalated: q.escalated,
      escalationRate: rate(q.escalated, q.searches),
    })),
    tickets: {
      counts: await ticketCounts(db, params),
      clicksAndTickets: {
        clickedAndFiled: total.clickedAndFiled,
        clickedNotFiled: total.escalated - total.clickedAndFiled,
        filedWithoutClicking: total.ticketSessions - total.clickedAndFiled,
      },
      productAreas: await ticketsByProductArea(db, params),
      queries: await queriesBeforeTickets(db, params, QUERY_LIMIT),
    },
  };
}

const SUMMARY_COLUMNS = [
  column('kb_sessions', 'count'),
  column('escalated_sessions', 'count'),
  column('deflection_rate', 'rate'),
  column('self_service_score', 'ratio'),
  column('confirmed_deflections', 'count'),
  column('ticket_sessions', 'count'),
  column('ticket_deflection_rate', 'rate'),
  column('ticket_self_service_score', 'ratio'),
] as const;
const summaryCells = (s: DeflectionSummary) => ({
  kb_sessions: s.kbSessions,
  escalated_sessions: s.escalatedSessions,
  deflection_rate: s.deflectionRate,
  self_service_score: selfServiceCell(s.selfServiceScore, s.kbSessions),
  confirmed_deflections: s.confirmedDeflections,
  ticket_sessions: s.ticketSessions,
  ticket_deflection_rate: s.ticketDeflectionRate,
  ticket_self_service_score: selfServiceCell(s.ticketSelfServiceScore, s.kbSessions),
});

export function deflectionTables(d: Deflection): Table[] {
  return [
    defineTable('summary', SUMMARY_COLUMNS, [summaryCells(d.summary)]),
    defineTable(
      'days',
      [column('day'), ...SUMMARY_COLUMNS],
      d.byDay.map((x) => ({ day: x.day, ...summaryCells(x) })),
    ),
    defineTable(
      'weeks',
      [column('week'), ...SUMMARY_COLUMNS],
      d.byWeek.map((x) => ({ week: x.week, ...summaryCells(x) })),
    ),
    defineTable(
      'articles',
      [
        column('slug'),
        column('view_sessions', 'count'),
        column('escalated_sessions', 'count'),
        column('escalation_rate', 'rate'),
        column('ticket_sessions', 'count'),
        column('ticket_rate', 'rate'),
      ],
      d.articles.map((a) => ({
        slug: a.slug,
        view_sessions: a.viewSessions,
        escalated_sessions: a.escalatedSessions,
        escalation_rate: a.escalationRate,
        ticket_sessions: a.ticketSessions,
        ticket_rate: a.ticketRate,
      })),
    ),
    defineTable(
      'queries',
      [column('query'), column('searches', 'count'), column('escalated', 'count'), column('escalation_rate', 'rate')],
      d.queries.map((q) => ({ query: q.query, searches: q.searches, escalated: q.escalated, escalation_rate: q.escalationRate })),
    ),
    defineTable(
      'tickets',
      [
        column('tickets', 'count'),
        column('after_reading', 'count'),
        column('without_reference', 'count'),
        column('unmatched_reference', 'count'),
        column('clicked_and_filed', 'count'),
        column('clicked_not_filed', 'count'),
        column('filed_without_clicking', 'count'),
      ],
      [
        {
          tickets: d.tickets.counts.tickets,
          after_reading: d.tickets.counts.afterReading,
          without_reference: d.tickets.counts.withoutReference,
          unmatched_reference: d.tickets.counts.unmatchedReference,
          clicked_and_filed: d.tickets.clicksAndTickets.clickedAndFiled,
          clicked_not_filed: d.tickets.clicksAndTickets.clickedNotFiled,
          filed_without_clicking: d.tickets.clicksAndTickets.filedWithoutClicking,
        },
      ],
    ),
    defineTable(
      'ticket-areas',
      [column('product_area'), column('tickets', 'count')],
      d.tickets.productAreas.map((p) => ({ product_area: p.productArea ?? '(no mapped tag)', tickets: p.tickets })),
    ),
    defineTable(
      'ticket-queries',
      [column('query'), column('searches', 'count'), column('ticket_sessions', 'count'), column('ticket_rate', 'rate')],
      d.tickets.queries.map((q) => ({
        query: q.query,
        searches: q.searches,
        ticket_sessions: q.ticketSessions,
        ticket_rate: rate(q.ticketSessions, q.searches),
      })),
    ),
  ];
}
