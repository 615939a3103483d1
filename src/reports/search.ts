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

const byText = (a: string, b: string) => a.localeCompare(b);

/**
 * The first `limit` of `list` by `count` descending, then `tie` (then text): the same as sorting everything and
 * slicing, but only the items that can make the cut are sorted — over a year there are some 40,000 queries, most
 * tied at one or two searches, and comparing their texts was most of the report's time.
 */
function topBy<T extends { query: string }>(list: T[], count: (t: T) => number, limit: number, tie: (a: T, b: T) => number = () => 0): T[] {
  const order = (a: T, b: T) => count(b) - count(a) || tie(a, b) || byText(a.query, b.query);
  if (list.length <= limit) return [...list].sort(order);
  const threshold = Float64Array.from(list, count).sort()[list.length - limit]!;
  return list.filter((t) => count(t) >= threshold).sort(order).slice(0, limit);
}

/** A query fails its readers when some searches found nothing, or most found something nobody opened. */
export const GAP_NO_CLICK_SHARE = 0.5;

/** Content gaps: failing queries grouped with their near-duplicate wordings, most failed sessions first (the first `limit`). */
function groupGaps(stats: QueryStats[], limit: number): ContentGap[] {
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
  return topBy(
    groups.map((g) => g.gap),
    (g) => g.withoutClick,
    limit,
    (a, b) => b.zeroResults - a.zeroResults,
  );
}

export async function getSearch(db: Kysely<Database>, params: ReportParams, limit = 50): Promise<SearchReport> {
  const rows = await queryTotals(db, params);
  const stats: QueryStats[] = rows
    .map(({ text, ...r }) => ({ query: text, ...r, clickThroughRate: rate(r.clicked, r.searches) }))
    .filter((s) => s.searches > 0);
  const total = { searches: 0, zero: 0, clicked: 0 };
  for (const s of stats) {
    total.searches += s.searches;
    total.zero += s.zeroResults;
    total.clicked += s.clicked;
  }

  const contentGaps = groupGaps(stats, limit);

  return {
    searches: total.searches,
    zeroResultRate: rate(total.zero, total.searches),
    clickThroughRate: rate(total.clicked, total.searches),
    topQueries: topBy(stats, (s) => s.searches, limit),
    zeroResultQueries: topBy(
      stats.filter((s) => s.zeroResults > 0),
      (s) => s.zeroResults,
      limit,
    ),
    contentGaps,
    queriesFollowedByContact: topBy(
      stats.filter((s) => s.escalated > 0),
      (s) => s.escalated,
      limit,
    ),
  };
}
