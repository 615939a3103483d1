/** Search analytics: settled searches, zero-result rate, click-through, and content gaps grouped by near-duplicates. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { QueryMemory } from './query-memory.ts';
import { queryTotals, type QueryTotal } from './query-totals.ts';
import { gapFixes, type GapChange, type GapFix } from './gap-fixes.ts';
import { topCorrections } from './query-corrections.ts';
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
  /** What would close it. */
  fix: GapFix;
  /** The latest term a build served that matches it, and its zero-result rate before and since; null when none. */
  change: GapChange | null;
}
/** A misspelt query and the correction whose results readers were shown instead. */
export interface QueryCorrection {
  query: string;
  correctedTo: string;
  searches: number;
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
  /** The corrections shown most often, by typed query. */
  corrections: QueryCorrection[];
}

/**
 * The first `limit` items with a `count` of at least `least`, by `count` descending, then `tie` descending, then
 * text: the same as sorting them all and slicing, in one pass that keeps the best `limit` so far. Over a year there are
 * some 40,000 queries, most tied at one or two searches, and 50 are shown.
 */
export function topBy<T>(
  items: readonly T[],
  count: (item: T) => number,
  least: number,
  text: (item: T) => string,
  limit: number,
  tie: (item: T) => number = () => 0,
): T[] {
  const order = (a: T, b: T) => count(b) - count(a) || tie(b) - tie(a) || byText(text(a), text(b));
  const kept: T[] = [];
  for (const item of items) {
    if (count(item) < least) continue;
    let at = kept.length;
    while (at > 0 && order(item, kept[at - 1]) < 0) at -= 1;
    if (at === limit) continue;
    kept.splice(at, 0, item);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

/** A query fails its readers when some searches found nothing, or most found something nobody opened. */
export const GAP_NO_CLICK_SHARE = 0.5;

const failed = (q: QueryTotal) => q.searches - q.clicked;
const fails = (q: QueryTotal) => q.zeroResults > 0 || failed(q) / q.searches >= GAP_NO_CLICK_SHARE;

interface Group {
  /** The wording the group is named by: the most searched. */
  name: QueryTotal;
  sessions: number;
  zeroResults: number;
  withoutClick: number;
  /** Its wordings, gathered for the groups shown only. */
  variants?: QueryTotal[];
}

/**
 * Content gaps: failing queries grouped with their near-duplicate wordings, most failed sessions first (the first
 * `limit`). A query joins the group of the first of its signatures already filed, so queries are filed most failed
 * first, then by id (the order they were first recorded); a group's name and the order of its variants are decided by
 * text.
 */
function groupGaps(
  queries: readonly QueryTotal[],
  memory: QueryMemory,
  limit: number,
): (Omit<ContentGap, 'fix' | 'change'> & { ids: number[] })[] {
  const text = (q: QueryTotal) => memory.text(q.id);
  // Most failed sessions first, then text: the order a group's variants are listed in, and which names it among equally
  // searched ones.
  const variantOrder = (a: QueryTotal, b: QueryTotal) => failed(b) - failed(a) || byText(text(a), text(b));
  // Most failed first, then in id order (the order of the totals): grouped by count, far cheaper than a comparator sort
  // of a year's 28,000 failing queries.
  const byFailed = Map.groupBy(queries.filter(fails), failed);
  const failing = [...byFailed.keys()].sort((a, b) => b - a).flatMap((n) => byFailed.get(n) ?? []);
  const signatures = memory.signatures(failing.map((q) => q.id));
  // By signature number, the index of the group that filed it (−1: none yet). A typed array: over a year some 300,000
  // numbers are filed, and a sparse array or a Map of that size is far slower to fill and read (test/bench/RESULTS.md).
  const filed = new Int32Array(memory.signatureCount).fill(-1);
  const groups: Group[] = [];
  // Each failing query's group, by its place in `failing`: only the groups shown list their variants.
  const groupOf = failing.map((query, k) => {
    const own = signatures[k];
    let at = -1;
    for (const s of own) if ((at = filed[s]) >= 0) break;
    const known = at >= 0;
    if (!known) at = groups.push({ name: query, sessions: 0, zeroResults: 0, withoutClick: 0 }) - 1;
    const group = groups[at];
    const { name } = group;
    if (known && (query.searches > name.searches || (query.searches === name.searches && variantOrder(query, name) < 0)))
      group.name = query;
    for (const s of own) if (filed[s] < 0) filed[s] = at;
    group.sessions += query.searches;
    group.zeroResults += query.zeroResults;
    group.withoutClick += failed(query);
    return group;
  });
  const shown = topBy(
    groups,
    (g) => g.withoutClick,
    0,
    (g) => text(g.name),
    limit,
    (g) => g.zeroResults,
  );
  for (const g of shown) g.variants = [];
  failing.forEach((query, k) => groupOf[k].variants?.push(query));
  return shown.map((g) => {
    const variants = (g.variants ?? []).sort(variantOrder);
    return {
      query: text(g.name),
      variants: variants.map(text),
      ids: variants.map((q) => q.id),
      sessions: g.sessions,
      zeroResults: g.zeroResults,
      withoutClick: g.withoutClick,
    };
  });
}

async function withFixes(
  db: Kysely<Database>,
  range: { from: string; to: string },
  gaps: (Omit<ContentGap, 'fix' | 'change'> & { ids: number[] })[],
): Promise<ContentGap[]> {
  const fixes = await gapFixes(
    db,
    range,
    gaps.map((g) => ({ query: g.query, zeroResults: g.zeroResults, ids: g.ids, texts: g.variants })),
  );
  return gaps.map(({ ids: _, ...gap }, i) => ({ ...gap, ...fixes[i] }));
}

/**
 * `memory` is what the report remembers of the store between calls (the report registry passes the store's); a fresh
 * one works the same, only slower.
 */
export async function getSearch(db: Kysely<Database>, params: ReportParams, memory = new QueryMemory(), limit = 50): Promise<SearchReport> {
  const totals = await queryTotals(db, params);
  await memory.learn(
    db,
    totals.map((t) => t.id),
  );
  const text = (q: QueryTotal) => memory.text(q.id);
  const stats = (q: QueryTotal): QueryStats => ({
    query: text(q),
    searches: q.searches,
    zeroResults: q.zeroResults,
    clicked: q.clicked,
    clickThroughRate: rate(q.clicked, q.searches),
    escalated: q.escalated,
  });
  // Each list names only queries with some of what it counts.
  const top = (count: (q: QueryTotal) => number) => topBy(totals, count, 1, text, limit).map(stats);
  let [searches, zeroResults, clicked] = [0, 0, 0];
  for (const q of totals) {
    searches += q.searches;
    zeroResults += q.zeroResults;
    clicked += q.clicked;
  }
  return {
    searches,
    zeroResultRate: rate(zeroResults, searches),
    clickThroughRate: rate(clicked, searches),
    topQueries: top((q) => q.searches),
    zeroResultQueries: top((q) => q.zeroResults),
    contentGaps: await withFixes(db, params, groupGaps(totals, memory, limit)),
    queriesFollowedByContact: top((q) => q.escalated),
    corrections: await topCorrections(db, params, limit),
  };
}
