/** Search analytics: settled searches, zero-result rate, click-through, and content gaps grouped by near-duplicates. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { QueryMemory } from './query-memory.ts';
import { queryTotals, type QueryTotal } from './query-totals.ts';
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

/** A query's totals with its text. */
type Query = QueryTotal & { text: string };

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

const failed = (q: Query) => q.searches - q.clicked;
const fails = (q: Query) => q.zeroResults > 0 || failed(q) / q.searches >= GAP_NO_CLICK_SHARE;
const queryText = (q: Query) => q.text;

interface Group {
  /** The wording the group is named by: the most searched. */
  name: Query;
  members: Query[];
  sessions: number;
  zeroResults: number;
  withoutClick: number;
}

/**
 * Content gaps: failing queries grouped with their near-duplicate wordings, most failed sessions first (the first
 * `limit`). A query joins the group of the first of its signatures already filed, so queries are filed most failed
 * first, then by id (the order they were first recorded); a group's name and the order of its variants are decided by
 * text.
 */
function groupGaps(queries: readonly Query[], memory: QueryMemory, limit: number): ContentGap[] {
  // Most failed sessions first, then text: the order a group's variants are listed in, and which names it among equally
  // searched ones.
  const variantOrder = (a: Query, b: Query) => failed(b) - failed(a) || byText(a.text, b.text);
  const failing = queries.filter(fails).sort((a, b) => failed(b) - failed(a) || a.id - b.id);
  const signatures = memory.signatures(failing.map(queryText));
  // By signature number, the index of the group that filed it (−1: none yet). A typed array: over a year some 300,000
  // numbers are filed, and a sparse array or a Map of that size is far slower to fill and read (test/bench/RESULTS.md).
  const filed = new Int32Array(memory.signatureCount).fill(-1);
  const groups: Group[] = [];
  failing.forEach((query, k) => {
    const own = signatures[k];
    let at = -1;
    for (const s of own) if ((at = filed[s]) >= 0) break;
    if (at < 0) at = groups.push({ name: query, members: [], sessions: 0, zeroResults: 0, withoutClick: 0 }) - 1;
    const group = groups[at];
    if (query.searches > group.name.searches || (query.searches === group.name.searches && variantOrder(query, group.name) < 0))
      group.name = query;
    for (const s of own) if (filed[s] < 0) filed[s] = at;
    group.members.push(query);
    group.sessions += query.searches;
    group.zeroResults += query.zeroResults;
    group.withoutClick += failed(query);
  });
  const shown = topBy(
    groups,
    (g) => g.withoutClick,
    0,
    (g) => g.name.text,
    limit,
    (g) => g.zeroResults,
  );
  return shown.map((g) => ({
    query: g.name.text,
    variants: g.members.sort(variantOrder).map(queryText),
    sessions: g.sessions,
    zeroResults: g.zeroResults,
    withoutClick: g.withoutClick,
  }));
}

/**
 * `memory` is what the report remembers of the store between calls (the report registry passes the store's); a fresh
 * one works the same, only slower.
 */
export async function getSearch(db: Kysely<Database>, params: ReportParams, memory = new QueryMemory(), limit = 50): Promise<SearchReport> {
  const totals = await queryTotals(db, params);
  const texts = await memory.texts(
    db,
    totals.map((t) => t.id),
  );
  const queries: Query[] = totals.map((t, i) => ({
    id: t.id,
    searches: t.searches,
    zeroResults: t.zeroResults,
    clicked: t.clicked,
    escalated: t.escalated,
    text: texts[i],
  }));
  const stats = (q: Query): QueryStats => ({
    query: q.text,
    searches: q.searches,
    zeroResults: q.zeroResults,
    clicked: q.clicked,
    clickThroughRate: rate(q.clicked, q.searches),
    escalated: q.escalated,
  });
  // Each list names only queries with some of what it counts.
  const top = (count: (q: Query) => number) => topBy(queries, count, 1, queryText, limit).map(stats);
  let [searches, zeroResults, clicked] = [0, 0, 0];
  for (const q of queries) {
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
    contentGaps: groupGaps(queries, memory, limit),
    queriesFollowedByContact: top((q) => q.escalated),
  };
}
