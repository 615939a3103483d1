/**
 * Near-duplicate signatures of queries as small integers, remembered per query text: they depend on the text alone,
 * and working them out again on every request was most of the search report's time over a year (40,000 queries).
 * A query's list keeps only the signatures another remembered query has too: a signature held by one query never
 * joins two, and many of a query's ~20 (its typo variants) are its own (over the benchmark's year, 9 of 20 are shared).
 */
import { nearDuplicateSignatures, queryGroupKey } from './query-groups.ts';

/** Queries remembered; past this, the next grouping starts afresh (about 80 bytes per signature, ~20 per query). */
const REMEMBERED_QUERIES = 60_000;

let names = new Map<string, number>();
/** Per signature id: whether more than one query holds it (1 or 2), and the first query that did. */
let holders: number[] = [];
let firstHolder: string[] = [];
let all = new Map<string, Int32Array>();
let shared = new Map<string, Int32Array>();
let version = 0;

/** Lists `sharedSignatures` returned stay valid, and their ids comparable, while this is unchanged. */
export const signaturesVersion = () => version;

/** Every signature id of `query`, new ones numbered; a signature a second query now holds drops the first one's shared list. */
function allOf(query: string): Int32Array {
  let found = all.get(query);
  if (found) return found;
  found = Int32Array.from(nearDuplicateSignatures(queryGroupKey(query)), (signature) => {
    let id = names.get(signature);
    if (id === undefined) {
      names.set(signature, (id = names.size));
      holders.push(1);
      firstHolder.push(query);
    } else if (holders[id] === 1) {
      holders[id] = 2;
      if (shared.delete(firstHolder[id]!)) version += 1;
    }
    return id;
  });
  all.set(query, found);
  return found;
}

/**
 * For each of `queries`, the ids of its signatures that another remembered query has too. Two queries share a
 * signature exactly when they share one of these. Ids run from 0 to `ids` - 1.
 */
export function sharedSignatures(queries: readonly string[]): { lists: Int32Array[]; ids: number } {
  if (all.size > REMEMBERED_QUERIES) {
    [names, holders, firstHolder, all, shared] = [new Map(), [], [], new Map(), new Map()];
    version += 1;
  }
  // Every query's signatures first: a query met later in this call may share one with an earlier one.
  for (const query of queries) allOf(query);
  const lists = queries.map((query) => {
    let list = shared.get(query);
    if (!list) shared.set(query, (list = all.get(query)!.filter((id) => holders[id]! > 1)));
    return list;
  });
  return { lists, ids: names.size };
}
