/** Search analytics: settled searches, zero-result rate, click-through, and content gaps grouped by near-duplicates. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { queryGroupKey } from './query-groups.ts';
import { rate } from './wilson.ts';

export interface QueryStats {
  query: string;
  /** Settled searches; a query counts once per session, so this is also the number of sessions. */
  searches: number;
  zeroResults: number;
  clicked: number;
  clickThroughRate: number | null;
  escalated: number;
}
export interface ContentGap {
  /** The most searched wording of the group. */
  query: string;
  variants: string[];
  sessions: number;
  zeroResults: number;
  withoutClick: number;
}
/** Queries are not tied to a category: the search report applies the date range only. */
export interface SearchReport {
  searches: number;
  zeroResultRate: number | null;
  clickThroughRate: number | null;
  topQueries: QueryStats[];
  zeroResultQueries: QueryStats[];
  contentGaps: ContentGap[];
  queriesFollowedByContact: QueryStats[];
}

export async function getSearch(db: Kysely<Database>, params: ReportParams, limit = 50): Promise<SearchReport> {
  const rows = await db
    .selectFrom('query_daily as qd')
    .innerJoin('queries as q', 'q.id', 'qd.query_id')
    .select([
      'q.text',
      sql<number>`sum(qd.searches)`.as('searches'),
      sql<number>`sum(qd.zero_results)`.as('zero'),
      sql<number>`sum(qd.clicked)`.as('clicked'),
      sql<number>`sum(qd.escalated)`.as('escalated'),
    ])
    .where('qd.day', '>=', params.from)
    .where('qd.day', '<=', params.to)
    .groupBy('q.text')
    .execute();
  const stats: QueryStats[] = rows
    .map((r) => ({
      query: r.text,
      searches: Number(r.searches),
      zeroResults: Number(r.zero),
      clicked: Number(r.clicked),
      clickThroughRate: rate(Number(r.clicked), Number(r.searches)),
      escalated: Number(r.escalated),
    }))
    .filter((s) => s.searches > 0)
    .sort((a, b) => b.searches - a.searches || a.query.localeCompare(b.query));
  const total = stats.reduce((t, s) => ({ searches: t.searches + s.searches, zero: t.zero + s.zeroResults, clicked: t.clicked + s.clicked }), { searches: 0, zero: 0, clicked: 0 });

  const groups = new Map<string, ContentGap>();
  for (const s of stats) {
    const withoutClick = s.searches - s.clicked;
    if (s.zeroResults === 0 && withoutClick === 0) continue;
    const key = queryGroupKey(s.query);
    const gap = groups.get(key) ?? { query: s.query, variants: [], sessions: 0, zeroResults: 0, withoutClick: 0 };
    gap.variants.push(s.query);
    gap.sessions += s.searches;
    gap.zeroResults += s.zeroResults;
    gap.withoutClick += withoutClick;
    groups.set(key, gap);
  }

  return {
    searches: total.searches,
    zeroResultRate: rate(total.zero, total.searches),
    clickThroughRate: rate(total.clicked, total.searches),
    topQueries: stats.slice(0, limit),
    zeroResultQueries: stats.filter((s) => s.zeroResults > 0).sort((a, b) => b.zeroResults - a.zeroResults || a.query.localeCompare(b.query)).slice(0, limit),
    contentGaps: [...groups.values()].sort((a, b) => b.sessions - a.sessions || a.query.localeCompare(b.query)).slice(0, limit),
    queriesFollowedByContact: stats.filter((s) => s.escalated > 0).sort((a, b) => b.escalated - a.escalated || a.query.localeCompare(b.query)).slice(0, limit),
  };
}
