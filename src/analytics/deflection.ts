/** Deflection: help-center sessions, how many escalated to support, and which articles and queries preceded it. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { articleScope } from './article-scope.ts';
import { weekOf } from './report-period.ts';
import { column, defineTable, selfServiceCell, type Table } from './report-table.ts';
import { inBucket, overBuckets, rollupTable, signed } from './rollup-buckets.ts';
import { sessionsByDay, sumDays, type SessionDay } from './session-totals.ts';
import { mostEscalatedQueries } from './query-totals.ts';
import { deflectionRate, selfServiceScore } from '../domain/session-outcome.ts';
import { rate } from './wilson.ts';

export interface DeflectionSummary {
  kbSessions: number;
  escalatedSessions: number;
  deflectionRate: number | null;
  /** KB sessions per escalated session ("12.4 : 1"); null means nothing escalated (shown as ∞ with the counts). */
  selfServiceScore: number | null;
  confirmedDeflections: number;
}
export interface DeflectionDay extends DeflectionSummary {
  day: string;
}
export interface ArticleEscalation {
  slug: string;
  viewSessions: number;
  escalatedSessions: number;
  escalationRate: number | null;
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
}

/** As many as the search report's lists: the queries a team can act on, not every one of some 13,000 over a year. */
const QUERY_LIMIT = 50;

function summarize(totals: { kbSessions: number; escalated: number; confirmed: number }): DeflectionSummary {
  const { kbSessions: kb, escalated, confirmed } = totals;
  return {
    kbSessions: kb,
    escalatedSessions: escalated,
    deflectionRate: deflectionRate(kb, escalated),
    selfServiceScore: selfServiceScore(kb, escalated),
    confirmedDeflections: confirmed,
  };
}

export async function getDeflection(db: Kysely<Database>, params: ReportParams): Promise<Deflection> {
  const days = await sessionsByDay(db, params);
  const weeks = new Map<string, SessionDay[]>();
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

  return {
    summary: summarize(sumDays(days)),
    byDay: days.map((d) => ({ day: d.day, ...summarize(d) })),
    byWeek: [...weeks].map(([week, list]) => ({ week, ...summarize(sumDays(list)) })),
    articles: articles
      .map((a) => ({
        slug: a.slug,
        viewSessions: Number(a.viewed),
        escalatedSessions: Number(a.escalated),
        escalationRate: rate(Number(a.escalated), Number(a.viewed)),
      }))
      .sort((a, b) => (b.escalationRate ?? 0) - (a.escalationRate ?? 0) || b.viewSessions - a.viewSessions || a.slug.localeCompare(b.slug)),
    queries: queries.map((q) => ({
      query: q.text,
      searches: q.searches,
      escalated: q.escalated,
      escalationRate: rate(q.escalated, q.searches),
    })),
  };
}

const SUMMARY_COLUMNS = [
  column('kb_sessions', 'count'),
  column('escalated_sessions', 'count'),
  column('deflection_rate', 'rate'),
  column('self_service_score', 'ratio'),
  column('confirmed_deflections', 'count'),
] as const;
const summaryCells = (s: DeflectionSummary) => ({
  kb_sessions: s.kbSessions,
  escalated_sessions: s.escalatedSessions,
  deflection_rate: s.deflectionRate,
  self_service_score: selfServiceCell(s.selfServiceScore, s.kbSessions),
  confirmed_deflections: s.confirmedDeflections,
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
      [column('slug'), column('view_sessions', 'count'), column('escalated_sessions', 'count'), column('escalation_rate', 'rate')],
      d.articles.map((a) => ({
        slug: a.slug,
        view_sessions: a.viewSessions,
        escalated_sessions: a.escalatedSessions,
        escalation_rate: a.escalationRate,
      })),
    ),
    defineTable(
      'queries',
      [column('query'), column('searches', 'count'), column('escalated', 'count'), column('escalation_rate', 'rate')],
      d.queries.map((q) => ({ query: q.query, searches: q.searches, escalated: q.escalated, escalation_rate: q.escalationRate })),
    ),
  ];
}
