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
/** Per signature id: the first query that held it, and once a second query holds it too, its number among shared signatures. */
let firstHolder: string[] = [];
let sharedId: number[] = [];
let all = new Map<string, Int32Array>();
let shared = new Map<string, Int32Array>();
let version = 0;
let sharedIds = 0;

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
      firstHolder.push(query);
      sharedId.push(-1);
    } else if (sharedId[id]! < 0) {
      sharedId[id] = sharedIds++;
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
    [names, firstHolder, sharedId, all, shared, sharedIds] = [new Map(), [], [], new Map(), new Map(), 0];
    version += 1;
  }
  // Every query's signatures first: a query met later in this call may share one with an earlier one.
  for (const query of queries) allOf(query);
  const lists = queries.map((query) => {
    let list = shared.get(query);
    if (!list) shared.set(query, (list = all.get(query)!.map((id) => sharedId[id]!).filter((id) => id >= 0)));
    return list;
  });
  return { lists, ids: sharedIds };
}
