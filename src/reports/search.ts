/** Search analytics: settled searches, zero-result rate, click-through, and content gaps grouped by near-duplicates. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { signatureLookup } from './query-signatures.ts';
import { queryTotals } from './query-totals.ts';
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
  /** The wording searched most often. */
  query: string;
  variants: string[];
  sessions: number;
  zeroResults: number;
  /** Searches not followed by a click, zero-result ones included: the sessions the gap failed. */
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

/** The same order as String#localeCompare, without building a collator per comparison (40,000 queries sort often tie). */
const byText = new Intl.Collator().compare;

/** A query fails its readers when some searches found nothing, or most found something nobody opened. */
export const GAP_NO_CLICK_SHARE = 0.5;

/** Content gaps: failing queries grouped with their near-duplicate wordings, most failed sessions first. */
function groupGaps(stats: QueryStats[]): ContentGap[] {
  const failing = stats
    .filter((s) => s.zeroResults > 0 || (s.searches - s.clicked) / s.searches >= GAP_NO_CLICK_SHARE)
    .sort((a, b) => b.searches - b.clicked - (a.searches - a.clicked) || byText(a.query, b.query));
  const groups: { top: number; gap: ContentGap }[] = [];
  const filed = new Map<number, (typeof groups)[number]>();
  const signaturesOf = signatureLookup();
  for (const s of failing) {
    const signatures = signaturesOf(s.query);
    let group: (typeof groups)[number] | undefined;
    for (const sig of signatures) if ((group = filed.get(sig))) break;
    if (!group) {
      group = { top: 0, gap: { query: s.query, variants: [], sessions: 0, zeroResults: 0, withoutClick: 0 } };
      groups.push(group);
    }
    for (const sig of signatures) if (!filed.has(sig)) filed.set(sig, group);
    if (s.searches > group.top) Object.assign(group, { top: s.searches, gap: { ...group.gap, query: s.query } });
    group.gap.variants.push(s.query);
    group.gap.sessions += s.searches;
    group.gap.zeroResults += s.zeroResults;
    group.gap.withoutClick += s.searches - s.clicked;
  }
  return groups.map((g) => g.gap).sort((a, b) => b.withoutClick - a.withoutClick || b.zeroResults - a.zeroResults || byText(a.query, b.query));
}

export async function getSearch(db: Kysely<Database>, params: ReportParams, limit = 50): Promise<SearchReport> {
  const rows = await queryTotals(db, params);
  const stats: QueryStats[] = rows
    .map(({ text, ...r }) => ({ query: text, ...r, clickThroughRate: rate(r.clicked, r.searches) }))
    .filter((s) => s.searches > 0)
    .sort((a, b) => b.searches - a.searches || byText(a.query, b.query));
  const total = stats.reduce((t, s) => ({ searches: t.searches + s.searches, zero: t.zero + s.zeroResults, clicked: t.clicked + s.clicked }), { searches: 0, zero: 0, clicked: 0 });

  const contentGaps = groupGaps(stats).slice(0, limit);

  return {
    searches: total.searches,
    zeroResultRate: rate(total.zero, total.searches),
    clickThroughRate: rate(total.clicked, total.searches),
    topQueries: stats.slice(0, limit),
    zeroResultQueries: stats.filter((s) => s.zeroResults > 0).sort((a, b) => b.zeroResults - a.zeroResults || byText(a.query, b.query)).slice(0, limit),
    contentGaps,
    queriesFollowedByContact: stats.filter((s) => s.escalated > 0).sort((a, b) => b.escalated - a.escalated || byText(a.query, b.query)).slice(0, limit),
  };
}
