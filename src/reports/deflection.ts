/** Deflection: help-center sessions, how many escalated to support, and which articles and queries preceded it. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
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
  articles: ArticleEscalation[];
  queries: QueryEscalation[];
}

function summarize(kb: number, escalated: number, confirmed: number): DeflectionSummary {
  return {
    kbSessions: kb,
    escalatedSessions: escalated,
    deflectionRate: rate(kb - escalated, kb),
    selfServiceScore: rate(kb, escalated),
    confirmedDeflections: confirmed,
  };
}

export async function getDeflection(db: Kysely<Database>, params: ReportParams): Promise<Deflection> {
  const days = await db
    .selectFrom('sessions')
    .select([
      'day',
      sql<number>`count(*)`.as('kb'),
      sql<number>`sum(case when contacts > 0 then 1 else 0 end)`.as('escalated'),
      sql<number>`sum(case when contacts = 0 and up_votes > 0 then 1 else 0 end)`.as('confirmed'),
    ])
    .where('day', '>=', params.from)
    .where('day', '<=', params.to)
    .where((eb) => eb.or([eb('views', '>', 0), eb('searches', '>', 0)]))
    .groupBy('day')
    .orderBy('day')
    .execute();
  const total = days.reduce((t, d) => ({ kb: t.kb + Number(d.kb), escalated: t.escalated + Number(d.escalated), confirmed: t.confirmed + Number(d.confirmed) }), { kb: 0, escalated: 0, confirmed: 0 });

  const articles = await db
    .selectFrom('session_articles as sa')
    .innerJoin('articles as a', 'a.id', 'sa.article_id')
    .select(['a.slug', sql<number>`count(*)`.as('viewed'), sql<number>`sum(sa.escalated)`.as('escalated')])
    .where('sa.first_view_at', 'is not', null)
    .where('sa.day', '>=', params.from)
    .where('sa.day', '<=', params.to)
    .groupBy('a.slug')
    .execute();
  const queries = await db
    .selectFrom('query_daily as qd')
    .innerJoin('queries as q', 'q.id', 'qd.query_id')
    .select(['q.text', sql<number>`sum(qd.searches)`.as('searches'), sql<number>`sum(qd.escalated)`.as('escalated')])
    .where('qd.day', '>=', params.from)
    .where('qd.day', '<=', params.to)
    .groupBy('q.text')
    .execute();

  return {
    summary: summarize(total.kb, total.escalated, total.confirmed),
    byDay: days.map((d) => ({ day: d.day, ...summarize(Number(d.kb), Number(d.escalated), Number(d.confirmed)) })),
    articles: articles
      .map((a) => ({ slug: a.slug, viewSessions: Number(a.viewed), escalatedSessions: Number(a.escalated), escalationRate: rate(Number(a.escalated), Number(a.viewed)) }))
      .sort((a, b) => (b.escalationRate ?? 0) - (a.escalationRate ?? 0) || b.viewSessions - a.viewSessions),
    queries: queries
      .map((q) => ({ query: q.text, searches: Number(q.searches), escalated: Number(q.escalated), escalationRate: rate(Number(q.escalated), Number(q.searches)) }))
      .filter((q) => q.escalated > 0)
      .sort((a, b) => b.escalated - a.escalated || a.query.localeCompare(b.query)),
  };
}
