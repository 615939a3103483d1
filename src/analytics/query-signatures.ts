/**
 * Near-duplicate signatures of queries as small integers, remembered per query text: they depend on the text alone,
 * and working them out again on every request was most of the search report's time over a year (40,000 queries).
 * A query's list keeps only the signatures another remembered query has too: a signature held by one query never
 * joins two, and many of a query's ~20 (its typo variants) are its own (over the benchmark's year, 9 of 20 are shared).
 */
import { nearDuplicateSignatures, queryGroupKey } from './query-groups.ts';

/** Queries remembered; past this, the next grouping starts afresh (~20 signatures each). */
const REMEMBERED_QUERIES = 60_000;

/**
 * Signatures numbered by a 64-bit hash of their text, in an open-addressing table of typed arrays. Kept as the keys
 * of a Map, a year's 340,000 signature strings were most of what the report kept alive: the heap after a year's
 * report held 101 MB with them, 44 MB with this table, three arrays the collector has little to do with. Two
 * signatures with the same 64 bits would count as one (for a million signatures, about one chance in 37 million):
 * at worst two unrelated queries would be grouped.
 */
class SignatureIds {
  #high = new Int32Array(1 << 16);
  #low = new Int32Array(1 << 16);
  #ids = new Int32Array(1 << 16).fill(-1);
  size = 0;

  /** The signature's id; a new one gets the next, `size` before the call. */
  idOf(signature: string): number {
    let [high, low] = [0x9e3779b9, 0x85ebca6b];
    for (let i = 0; i < signature.length; i++) {
      const c = signature.charCodeAt(i);
      high = Math.imul(high ^ c, 0x9e3779b1);
      low = Math.imul(low ^ c, 0x5bd1e995);
    }
    high = Math.imul(high ^ (high >>> 16), 0x85ebca6b) ^ Math.imul(low ^ (low >>> 13), 0xc2b2ae35);
    low = Math.imul(low ^ (low >>> 16), 0x85ebca6b) ^ Math.imul(high ^ (high >>> 13), 0xc2b2ae35);
    const mask = this.#ids.length - 1;
    let slot = low & mask;
    for (; this.#ids[slot] !== -1; slot = (slot + 1) & mask)
      if (this.#high[slot] === high && this.#low[slot] === low) return this.#ids[slot]!;
    [this.#high[slot], this.#low[slot], this.#ids[slot]] = [high, low, this.size++];
    if (2 * this.size > this.#ids.length) this.#grow();
    return this.size - 1;
  }

  #grow(): void {
    const [high, low, ids] = [this.#high, this.#low, this.#ids];
    this.#high = new Int32Array(2 * ids.length);
    this.#low = new Int32Array(2 * ids.length);
    this.#ids = new Int32Array(2 * ids.length).fill(-1);
    const mask = this.#ids.length - 1;
    ids.forEach((id, old) => {
      if (id < 0) return;
      let slot = low[old]! & mask;
      while (this.#ids[slot] !== -1) slot = (slot + 1) & mask;
      [this.#high[slot], this.#low[slot], this.#ids[slot]] = [high[old]!, low[old]!, id];
    });
  }
}

let names = new SignatureIds();
/**
 * Per signature id: the first query that held it, and once a second query holds it too, its number among shared
 * signatures.
 */
let firstHolder: string[] = [];
let sharedId: number[] = [];
let all = new Map<string, Int32Array>();
let shared = new Map<string, Int32Array>();
let version = 0;
let sharedIds = 0;

/** Lists `sharedSignatures` returned stay valid, and their ids comparable, while this is unchanged. */
export const signaturesVersion = () => version;

/**
 * Every signature id of `query`, new ones numbered; a signature a second query now holds drops the first one's shared
 * list.
 */
function allOf(query: string): Int32Array {
  let found = all.get(query);
  if (found) return found;
  found = Int32Array.from(nearDuplicateSignatures(queryGroupKey(query)), (signature) => {
    const known = names.size;
    const id = names.idOf(signature);
    if (id === known) {
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
    [names, firstHolder, sharedId, all, shared, sharedIds] = [new SignatureIds(), [], [], new Map(), new Map(), 0];
    version += 1;
  }
  // Every query's signatures first: a query met later in this call may share one with an earlier one.
  for (const query of queries) allOf(query);
  const lists = queries.map((query) => {
    let list = shared.get(query);
    if (!list)
      shared.set(
        query,
        (list = all
          .get(query)!
          .map((id) => sharedId[id]!)
          .filter((id) => id >= 0)),
      );
    return list;
  });
  return { lists, ids: sharedIds };
}
