/** Search analytics: settled searches, zero-result rate, click-through, and content gaps grouped by near-duplicates. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { signatureLookup } from './query-signatures.ts';
import { queryTexts } from './query-texts.ts';
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

const failed = (s: QueryStats) => s.searches - s.clicked;
/** Most failed sessions first, then text: the order a group's variants are listed in, and which names it among equally searched ones. */
const variantOrder = (a: QueryStats, b: QueryStats) => failed(b) - failed(a) || byText(a.query, b.query);

/**
 * Content gaps: failing queries grouped with their near-duplicate wordings, most failed sessions first (the first
 * `limit`). Queries are filed most failed first, then by id, the order they were first recorded (`ids`, one per stat):
 * numbers sort the 30,000 tied ones of a year far faster than their texts. Only which group a query bridging two
 * joins depends on that order; a group's name and the order of its variants are decided by text below.
 */
function groupGaps(stats: QueryStats[], ids: readonly number[], limit: number): ContentGap[] {
  const fails = new Int32Array(stats.length);
  const order: number[] = [];
  stats.forEach((s, i) => {
    fails[i] = failed(s);
    if (s.zeroResults > 0 || fails[i]! / s.searches >= GAP_NO_CLICK_SHARE) order.push(i);
  });
  order.sort((i, j) => fails[j]! - fails[i]! || ids[i]! - ids[j]!);
  const failing = order.map((i) => stats[i]!);
  const lookup = signatureLookup();
  const signatures = failing.map((s) => lookup.of(s.query));
  // Signature ids are small and dense: an array indexed by id files them far faster than a Map (600,000 of them over a year).
  const filed = new Int32Array(lookup.ids()).fill(-1);
  // Named (`query`) by the most searched wording; `variants` holds every wording filed in it.
  const groups: (Omit<ContentGap, 'variants'> & { named: QueryStats; variants: QueryStats[] })[] = [];
  failing.forEach((s, i) => {
    let index = -1;
    for (const sig of signatures[i]!) if ((index = filed[sig]!) >= 0) break;
    if (index < 0) index = groups.push({ query: s.query, named: s, variants: [], sessions: 0, zeroResults: 0, withoutClick: 0 }) - 1;
    const group = groups[index]!;
    for (const sig of signatures[i]!) if (filed[sig]! < 0) filed[sig] = index;
    if (s.searches > group.named.searches || (s.searches === group.named.searches && variantOrder(s, group.named) < 0)) {
      group.named = s;
      group.query = s.query;
    }
    group.variants.push(s);
    group.sessions += s.searches;
    group.zeroResults += s.zeroResults;
    group.withoutClick += failed(s);
  });
  return topBy(
    groups,
    (g) => g.withoutClick,
    limit,
    (a, b) => b.zeroResults - a.zeroResults,
  ).map(({ query, variants, sessions, zeroResults, withoutClick }) => ({ query, variants: variants.sort(variantOrder).map((v) => v.query), sessions, zeroResults, withoutClick }));
}

export async function getSearch(db: Kysely<Database>, params: ReportParams, limit = 50): Promise<SearchReport> {
  const rows = await queryTotals(db, params);
  const texts = await queryTexts(db, rows.map((r) => r.id));
  const stats: QueryStats[] = [];
  const ids: number[] = [];
  for (const r of rows) {
    stats.push({ query: texts.get(r.id)!, searches: r.searches, zeroResults: r.zeroResults, clicked: r.clicked, clickThroughRate: rate(r.clicked, r.searches), escalated: r.escalated });
    ids.push(r.id);
  }
  const total = { searches: 0, zero: 0, clicked: 0 };
  for (const s of stats) {
    total.searches += s.searches;
    total.zero += s.zeroResults;
    total.clicked += s.clicked;
  }

  const contentGaps = groupGaps(stats, ids, limit);

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
