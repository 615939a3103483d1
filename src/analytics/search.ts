/** Search analytics: settled searches, zero-result rate, click-through, and content gaps grouped by near-duplicates. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { queryNames, type QueryNames } from './query-catalog.ts';
import { queryTotals, type QueryColumns } from './query-totals.ts';
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
 * The indices below `length` with a `count` of at least `least`, the first `limit` of them by `count` descending, then
 * `tie` descending, then `text`: the same as sorting them all and slicing, in one pass that keeps the best `limit` so
 * far.
 * Over a year there are some 40,000 queries, most tied at one or two searches: an item is compared with the last
 * one kept, by count alone unless they tie. Counts are read from their columns here rather than through a function
 * per column: read through one, every count became a heap number, 2 MB of garbage per report.
 */
function topBy(
  count: Float64Array,
  length: number,
  least: number,
  text: (i: number) => string,
  limit: number,
  tie?: Float64Array,
): number[] {
  const order = (i: number, j: number) => count[j]! - count[i]! || (tie ? tie[j]! - tie[i]! : 0) || byText(text(i), text(j));
  const kept: number[] = [];
  for (let item = 0; item < length; item++) {
    if (count[item]! < least || (kept.length === limit && order(item, kept[limit - 1]!) >= 0)) continue;
    let at = kept.length;
    while (at > 0 && order(item, kept[at - 1]!) < 0) at -= 1;
    kept.splice(at, 0, item);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

/** A query fails its readers when some searches found nothing, or most found something nobody opened. */
export const GAP_NO_CLICK_SHARE = 0.5;

/**
 * The failing queries' indices, most failed sessions first, then in id order (the columns' order): counted into
 * place by failed sessions, a tenth of the time a comparator takes over a year's 30,000.
 */
export function failingFirst(q: QueryColumns): Int32Array {
  const failed = new Float64Array(q.length).fill(-1);
  let most = 0;
  for (let i = 0; i < q.length; i++) {
    const f = q.searches[i]! - q.clicked[i]!;
    if (q.zeroResults[i]! > 0 || f / q.searches[i]! >= GAP_NO_CLICK_SHARE) most = Math.max(most, (failed[i] = f));
  }
  // A count array the size of the largest count; past a few times the rows (one query failing millions of times), a
  // comparator.
  if (most > 4 * q.length)
    return Int32Array.from(failed.keys())
      .filter((i) => failed[i]! >= 0)
      .sort((i, j) => failed[j]! - failed[i]! || i - j);
  // Where each count of failed sessions starts in the output, the most first.
  const start = new Int32Array(most + 2);
  for (const f of failed) if (f >= 0) start[most - f + 1]! += 1;
  for (let k = 1; k < start.length; k++) start[k]! += start[k - 1]!;
  const order = new Int32Array(start[most + 1]!);
  for (let i = 0; i < failed.length; i++) if (failed[i]! >= 0) order[start[most - failed[i]!]!++] = i;
  return order;
}

/**
 * Content gaps: failing queries grouped with their near-duplicate wordings, most failed sessions first (the first
 * `limit`). Queries are filed most failed first, then by id, the order they were first recorded: numbers sort the
 * 30,000 tied ones of a year far faster than their texts. Only which group a query bridging two joins depends on that
 * order; a group's name and the order of its variants are decided by text below. Groups are kept in columns and only
 * the listed ones get their variants: over a year some 30,000 groups are formed and 50 shown.
 */
function groupGaps(q: QueryColumns, names: QueryNames, limit: number): ContentGap[] {
  const failed = (i: number) => q.searches[i]! - q.clicked[i]!;
  // Most failed sessions first, then text: the order a group's variants are listed in, and which names it among equally
  // searched ones.
  const variantOrder = (i: number, j: number) => failed(j) - failed(i) || byText(names.text(i), names.text(j));
  const order = failingFirst(q);
  const signatures = names.signatures(order);
  // Signature ids are small and dense: an array indexed by id files them far faster than a Map (80,000 shared ones over
  // a year).
  const filed = new Int32Array(signatures.ids).fill(-1);
  const groupOf = new Int32Array(q.length);
  // Per group (at most one per query): the wording it is named by (the most searched), and its sums.
  const named = new Int32Array(order.length);
  const sessions = new Float64Array(order.length);
  const zeroResults = new Float64Array(order.length);
  const withoutClick = new Float64Array(order.length);
  let groups = 0;
  const { pool, from, count } = signatures;
  for (let at = 0; at < order.length; at++) {
    const i = order[at]!;
    const first = from[at]!;
    const end = first + count[at]!;
    let g = -1;
    for (let k = first; k < end; k++) if ((g = filed[pool[k]!]!) >= 0) break;
    if (g < 0) named[(g = groups++)] = i;
    else {
      const name = named[g]!;
      if (q.searches[i]! > q.searches[name]! || (q.searches[i] === q.searches[name] && variantOrder(i, name) < 0)) named[g] = i;
    }
    for (let k = first; k < end; k++) if (filed[pool[k]!]! < 0) filed[pool[k]!] = g;
    groupOf[i] = g;
    sessions[g] += q.searches[i]!;
    zeroResults[g] += q.zeroResults[i]!;
    withoutClick[g] += q.searches[i]! - q.clicked[i]!;
  }
  const shown = topBy(withoutClick, groups, 0, (g) => names.text(named[g]!), limit, zeroResults);
  // Where each shown group lists its variants, by group.
  const listed = new Int32Array(groups).fill(-1);
  const variants = shown.map((g, k) => ((listed[g] = k), [] as number[]));
  for (const i of order) if (listed[groupOf[i]!]! >= 0) variants[listed[groupOf[i]!]!]!.push(i);
  return shown.map((g, k) => ({
    query: names.text(named[g]!),
    variants: variants[k]!.sort(variantOrder).map(names.text),
    sessions: sessions[g]!,
    zeroResults: zeroResults[g]!,
    withoutClick: withoutClick[g]!,
  }));
}

export async function getSearch(db: Kysely<Database>, params: ReportParams, limit = 50): Promise<SearchReport> {
  const q = await queryTotals(db, params);
  const names = await queryNames(db, q.ids);
  const stats = (i: number): QueryStats => ({
    query: names.text(i),
    searches: q.searches[i]!,
    zeroResults: q.zeroResults[i]!,
    clicked: q.clicked[i]!,
    clickThroughRate: rate(q.clicked[i]!, q.searches[i]!),
    escalated: q.escalated[i]!,
  });
  // Each list names only queries with some of what it counts.
  const top = (column: Float64Array) => topBy(column, q.length, 1, names.text, limit).map(stats);
  let [searches, zeroResults, clicked] = [0, 0, 0];
  for (let i = 0; i < q.length; i++) {
    searches += q.searches[i]!;
    zeroResults += q.zeroResults[i]!;
    clicked += q.clicked[i]!;
  }
  return {
    searches,
    zeroResultRate: rate(zeroResults, searches),
    clickThroughRate: rate(clicked, searches),
    topQueries: top(q.searches),
    zeroResultQueries: top(q.zeroResults),
    contentGaps: groupGaps(q, names, limit),
    queriesFollowedByContact: top(q.escalated),
  };
}
