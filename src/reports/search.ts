/** Search analytics: settled searches, zero-result rate, click-through, and content gaps grouped by near-duplicates. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { signatureLookup } from './query-signatures.ts';
import { queryTexts } from './query-texts.ts';
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
 * The first `limit` of `items` (indices into columns) by `count` descending, then `tie`, then `text`: the same as
 * sorting them all and slicing, in one pass that keeps the best `limit` so far. Over a year there are some 40,000
 * queries, most tied at one or two searches: an item is compared with the last one kept, by count alone unless they tie.
 */
function topBy(items: Iterable<number>, count: (i: number) => number, text: (i: number) => string, limit: number, tie: (i: number, j: number) => number = () => 0): number[] {
  const order = (i: number, j: number) => count(j) - count(i) || tie(i, j) || byText(text(i), text(j));
  const kept: number[] = [];
  for (const item of items) {
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

/**
 * Content gaps: failing queries grouped with their near-duplicate wordings, most failed sessions first (the first
 * `limit`). Queries are filed most failed first, then by id, the order they were first recorded: numbers sort the
 * 30,000 tied ones of a year far faster than their texts. Only which group a query bridging two joins depends on that
 * order; a group's name and the order of its variants are decided by text below. Groups are kept in columns and only
 * the listed ones get their variants: over a year some 30,000 groups are formed and 50 shown.
 */
function groupGaps(q: QueryColumns, text: readonly string[], limit: number): ContentGap[] {
  const failed = (i: number) => q.searches[i]! - q.clicked[i]!;
  // Most failed sessions first, then text: the order a group's variants are listed in, and which names it among equally searched ones.
  const variantOrder = (i: number, j: number) => failed(j) - failed(i) || byText(text[i]!, text[j]!);
  const order: number[] = [];
  for (let i = 0; i < q.length; i++) if (q.zeroResults[i]! > 0 || failed(i) / q.searches[i]! >= GAP_NO_CLICK_SHARE) order.push(i);
  order.sort((i, j) => failed(j) - failed(i) || q.ids[i]! - q.ids[j]!);
  const lookup = signatureLookup();
  const signaturesOf = order.map((i) => lookup.of(text[i]!));
  // Signature ids are small and dense: an array indexed by id files them far faster than a Map (600,000 of them over a year).
  const filed = new Int32Array(lookup.ids()).fill(-1);
  const groupOf = new Int32Array(q.length);
  // Per group: the wording it is named by (the most searched), and its sums.
  const named: number[] = [];
  const sessions: number[] = [];
  const zeroResults: number[] = [];
  const withoutClick: number[] = [];
  order.forEach((i, at) => {
    const signatures = signaturesOf[at]!;
    let g = -1;
    for (const sig of signatures) if ((g = filed[sig]!) >= 0) break;
    if (g < 0) {
      g = named.push(i) - 1;
      sessions.push(0);
      zeroResults.push(0);
      withoutClick.push(0);
    }
    for (const sig of signatures) if (filed[sig]! < 0) filed[sig] = g;
    groupOf[i] = g;
    const name = named[g]!;
    if (q.searches[i]! > q.searches[name]! || (q.searches[i] === q.searches[name] && variantOrder(i, name) < 0)) named[g] = i;
    sessions[g] += q.searches[i]!;
    zeroResults[g] += q.zeroResults[i]!;
    withoutClick[g] += failed(i);
  });
  const shown = topBy(
    named.keys(),
    (g) => withoutClick[g]!,
    (g) => text[named[g]!]!,
    limit,
    (g, h) => zeroResults[h]! - zeroResults[g]!,
  );
  const variants = new Map(shown.map((g) => [g, [] as number[]]));
  for (const i of order) variants.get(groupOf[i]!)?.push(i);
  return shown.map((g) => ({
    query: text[named[g]!]!,
    variants: variants.get(g)!.sort(variantOrder).map((i) => text[i]!),
    sessions: sessions[g]!,
    zeroResults: zeroResults[g]!,
    withoutClick: withoutClick[g]!,
  }));
}

export async function getSearch(db: Kysely<Database>, params: ReportParams, limit = 50): Promise<SearchReport> {
  const q = await queryTotals(db, params);
  const texts = await queryTexts(db, q.ids);
  const text = Array.from(q.ids, (id) => texts.get(id)!);
  const stats = (i: number): QueryStats => ({ query: text[i]!, searches: q.searches[i]!, zeroResults: q.zeroResults[i]!, clicked: q.clicked[i]!, clickThroughRate: rate(q.clicked[i]!, q.searches[i]!), escalated: q.escalated[i]! });
  const textOf = (i: number) => text[i]!;
  const sum = (column: Float64Array) => column.reduce((a, b) => a + b, 0);
  const searches = sum(q.searches);
  const where = (column: Float64Array) => {
    const found: number[] = [];
    for (let i = 0; i < q.length; i++) if (column[i]! > 0) found.push(i);
    return found;
  };
  return {
    searches,
    zeroResultRate: rate(sum(q.zeroResults), searches),
    clickThroughRate: rate(sum(q.clicked), searches),
    topQueries: topBy(q.ids.keys(), (i) => q.searches[i]!, textOf, limit).map(stats),
    zeroResultQueries: topBy(where(q.zeroResults), (i) => q.zeroResults[i]!, textOf, limit).map(stats),
    contentGaps: groupGaps(q, text, limit),
    queriesFollowedByContact: topBy(where(q.escalated), (i) => q.escalated[i]!, textOf, limit).map(stats),
  };
}
