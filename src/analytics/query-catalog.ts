/**
 * Queries as the search report needs them, remembered per store by id: the text, and its near-duplicate signatures
 * once worked out. A query's id and text never change once written (queries are only ever added), so the report sums
 * its counters by id and looks the rest up here: joining 40,000 texts to a year's totals in SQL was a fifth of the
 * report's time, and finding them by id or text in Maps another tenth. Kept in id order, the ids of a report (in id
 * order too) are found in one walk. Only ids not seen before are read, in any order they were committed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { sharedSignatures, signaturesVersion } from './query-signatures.ts';

/** Queries remembered per store; past this, the next call starts afresh (about 100 bytes each). */
const REMEMBERED = 250_000;
/**
 * Past this many missing ids, the whole table is read instead of an `in (…)` list (also kept well within both stores'
 * limits on parameters).
 */
const READ_ALL_PAST = 5_000;

interface Remembered {
  /** Ascending; `texts`, `from` and `count` by the same position. */
  ids: Int32Array;
  texts: string[];
  /**
   * Each query's shared signature ids once worked out: `count` of them from `from` in `pool` (−1: not yet). One
   * array rather than one per query: gathering and filing a year's 28,000 lists took 6.4 ms as separate arrays,
   * 3.1 ms from one, and each array was one more object for the collector to trace.
   */
  from: Int32Array;
  count: Int32Array;
  pool: Int32Array;
  used: number;
  /** The signatures' version the lists belong to (query-signatures.ts), and how many signature ids there were. */
  version: number;
  signatureIds: number;
}

/**
 * Shared signature ids of several queries, the `k`th one's `count[k]` of them from `from[k]` in `pool`; ids run from 0
 * to `ids` − 1.
 */
export interface SignatureLists {
  pool: Int32Array;
  from: Int32Array;
  count: Int32Array;
  ids: number;
}

export interface QueryNames {
  /** The text of the `i`th id asked for. */
  text(i: number): string;
  /** The shared near-duplicate signatures (query-signatures.ts) of the ids asked for at `indices`, in that order. */
  signatures(indices: Int32Array): SignatureLists;
}

const byStore = new WeakMap<Kysely<Database>, Remembered>();
const empty = (): Remembered => ({
  ids: new Int32Array(0),
  texts: [],
  from: new Int32Array(0),
  count: new Int32Array(0),
  pool: new Int32Array(1024),
  used: 0,
  version: -1,
  signatureIds: 0,
});

/** Where each of `ids` is in `known.ids`, or −1: one walk when `ids` ascend, a binary search for any that does not. */
function positions(known: Remembered, ids: Int32Array): Int32Array {
  const at = new Int32Array(ids.length);
  const sorted = known.ids;
  let p = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (i > 0 && id < ids[i - 1]!) p = lowerBound(sorted, id);
    while (p < sorted.length && sorted[p]! < id) p += 1;
    at[i] = sorted[p] === id ? p : -1;
  }
  return at;
}

function lowerBound(sorted: Int32Array, id: number): number {
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `known` with `rows` added, still in id order. */
function merged(known: Remembered, rows: { id: number; text: string }[]): Remembered {
  rows.sort((a, b) => a.id - b.id);
  const length = known.ids.length + rows.length;
  // The pool is copied: a report holding the previous state may still add to it.
  const next: Remembered = {
    ...known,
    ids: new Int32Array(length),
    texts: [],
    from: new Int32Array(length),
    count: new Int32Array(length).fill(-1),
    pool: known.pool.slice(),
  };
  let [p, r] = [0, 0];
  while (p < known.ids.length || r < rows.length) {
    const at = next.texts.length;
    if (r === rows.length || (p < known.ids.length && known.ids[p]! < rows[r]!.id)) {
      [next.ids[at], next.from[at], next.count[at]] = [known.ids[p]!, known.from[p]!, known.count[p]!];
      next.texts.push(known.texts[p++]!);
    } else {
      next.ids[at] = rows[r]!.id;
      next.texts.push(rows[r++]!.text);
    }
  }
  return next;
}

/** Remembers `list` as the signatures of the query at `position`. */
function keep(known: Remembered, position: number, list: Int32Array): void {
  if (known.used + list.length > known.pool.length) {
    const pool = new Int32Array(Math.max(2 * known.pool.length, known.used + list.length));
    pool.set(known.pool.subarray(0, known.used));
    known.pool = pool;
  }
  known.pool.set(list, known.used);
  [known.from[position], known.count[position]] = [known.used, list.length];
  known.used += list.length;
}

export async function queryNames(db: Kysely<Database>, ids: Int32Array): Promise<QueryNames> {
  let known = byStore.get(db) ?? empty();
  if (known.ids.length > REMEMBERED) known = empty();
  let at = positions(known, ids);
  const missing = ids.filter((_, i) => at[i]! < 0);
  if (missing.length > 0) {
    // Most of the table missing (a first report over a long range): one pass over it beats thousands of lookups.
    const read = db.selectFrom('queries').select(['id', 'text']);
    const rows = await (missing.length > READ_ALL_PAST ? read : read.where('id', 'in', [...missing])).execute();
    known = missing.length > READ_ALL_PAST ? merged(empty(), rows) : merged(known, rows);
    at = positions(known, ids);
  }
  byStore.set(db, known);
  const remembered = known;
  return {
    text: (i) => remembered.texts[at[i]!]!,
    signatures(indices) {
      // Any not remembered, or no longer valid: all are asked for, so that the lists agree with each other.
      let complete = remembered.version === signaturesVersion();
      for (let k = 0; complete && k < indices.length; k++) complete = remembered.count[at[indices[k]!]!]! >= 0;
      if (!complete) {
        const found = sharedSignatures(Array.from(indices, (i) => remembered.texts[at[i]!]!));
        if (remembered.version !== signaturesVersion()) {
          remembered.count.fill(-1);
          [remembered.used, remembered.version] = [0, signaturesVersion()];
        }
        indices.forEach((i, k) => {
          if (remembered.count[at[i]!]! < 0) keep(remembered, at[i]!, found.lists[k]!);
        });
        remembered.signatureIds = found.ids;
      }
      const from = new Int32Array(indices.length);
      const count = new Int32Array(indices.length);
      for (let k = 0; k < indices.length; k++) {
        const p = at[indices[k]!]!;
        from[k] = remembered.from[p]!;
        count[k] = remembered.count[p]!;
      }
      return { pool: remembered.pool, from, count, ids: remembered.signatureIds };
    },
  };
}
