/** Search analytics: settled searches, zero-result rate, click-through, and content gaps grouped by near-duplicates. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { signatureLookup } from './query-signatures.ts';
import { queryTotals } from './query-totals.ts';
import { byText } from './text-order.ts';
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

/**
 * The first `limit` of `list` by `count` descending, then `tie`, then text: the same as sorting everything and
 * slicing, in one pass that keeps the best `limit` so far. Over a year there are some 40,000 queries, most tied at
 * one or two searches: an item is compared with the last one kept, by count alone unless they tie.
 */
function topBy<T extends { query: string }>(list: T[], count: (t: T) => number, limit: number, tie: (a: T, b: T) => number = () => 0): T[] {
  const order = (a: T, b: T) => count(b) - count(a) || tie(a, b) || byText(a.query, b.query);
  const kept: T[] = [];
  for (const item of list) {
    if (kept.length === limit && order(item, kept[limit - 1]!) >= 0) continue;
    let at = kept.length;
    while (at > 0 && order(item, kept[at - 1]!) < 0) at -= 1;
    kept.splice(at, 0, item);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

/** A query fails its readers when some searches found nothing, or most found something nobody opened. */
export const GAP_NO_CLICK_SHARE = 0.5;

/** Content gaps: failing queries grouped with their near-duplicate wordings, most failed sessions first (the first `limit`). */
function groupGaps(stats: QueryStats[], limit: number): ContentGap[] {
  const failing = stats
    .filter((s) => s.zeroResults > 0 || (s.searches - s.clicked) / s.searches >= GAP_NO_CLICK_SHARE)
    .sort((a, b) => b.searches - b.clicked - (a.searches - a.clicked) || byText(a.query, b.query));
  const signaturesOf = signatureLookup();
  const signatures = failing.map((s) => signaturesOf(s.query));
  // Signature ids are small and dense: an array indexed by id files them far faster than a Map (600,000 of them over a year).
  let ids = 0;
  for (const list of signatures) for (const sig of list) ids = Math.max(ids, sig + 1);
  const filed = new Int32Array(ids).fill(-1);
  const groups: { top: number; gap: ContentGap }[] = [];
  failing.forEach((s, i) => {
    let index = -1;
    for (const sig of signatures[i]!) if ((index = filed[sig]!) >= 0) break;
    if (index < 0) {
      index = groups.push({ top: 0, gap: { query: s.query, variants: [], sessions: 0, zeroResults: 0, withoutClick: 0 } }) - 1;
    }
    const group = groups[index]!;
    for (const sig of signatures[i]!) if (filed[sig]! < 0) filed[sig] = index;
    if (s.searches > group.top) {
      group.top = s.searches;
      group.gap.query = s.query;
    }
    group.gap.variants.push(s.query);
    group.gap.sessions += s.searches;
    group.gap.zeroResults += s.zeroResults;
    group.gap.withoutClick += s.searches - s.clicked;
  });
  return topBy(
    groups.map((g) => g.gap),
    (g) => g.withoutClick,
    limit,
    (a, b) => b.zeroResults - a.zeroResults,
  );
}

export async function getSearch(db: Kysely<Database>, params: ReportParams, limit = 50): Promise<SearchReport> {
  const rows = await queryTotals(db, params);
  const stats: QueryStats[] = [];
  for (const r of rows) {
    if (r.searches > 0) stats.push({ query: r.text, searches: r.searches, zeroResults: r.zeroResults, clicked: r.clicked, clickThroughRate: rate(r.clicked, r.searches), escalated: r.escalated });
  }
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
