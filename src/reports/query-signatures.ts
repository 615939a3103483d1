/**
 * Near-duplicate signatures of queries as small integers, remembered per query text: they depend on the text alone,
 * and working them out again on every request was most of the search report's time over a year (40,000 queries).
 */
import { nearDuplicateSignatures, queryGroupKey } from './query-groups.ts';

/** Queries remembered; past this, the next grouping starts afresh (about 80 bytes per signature, ~20 per query). */
const REMEMBERED_QUERIES = 60_000;

let ids = new Map<string, number>();
let byQuery = new Map<string, Int32Array>();

/**
 * A lookup for one grouping: signature ids are comparable only within one call of this function, since the
 * memory may be cleared between calls, never during one. Ids run from 0 to `ids()` - 1.
 */
export function signatureLookup(): { of: (query: string) => Int32Array; ids: () => number } {
  if (byQuery.size > REMEMBERED_QUERIES) {
    ids = new Map();
    byQuery = new Map();
  }
  const [names, known] = [ids, byQuery];
  const of = (query: string) => {
    let found = known.get(query);
    if (found) return found;
    found = Int32Array.from(nearDuplicateSignatures(queryGroupKey(query)), (signature) => {
      let id = names.get(signature);
      if (id === undefined) names.set(signature, (id = names.size));
      return id;
    });
    known.set(query, found);
    return found;
  };
  return { of, ids: () => names.size };
}
