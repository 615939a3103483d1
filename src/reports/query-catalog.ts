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
/** Past this many missing ids, the whole table is read instead of an `in (…)` list (also kept well within both stores' limits on parameters). */
const READ_ALL_PAST = 5_000;

interface Remembered {
  /** Ascending; `texts` and `signatures` by the same position. */
  ids: Int32Array;
  texts: string[];
  signatures: (Int32Array | undefined)[];
  /** The signatures' version `signatures` belong to (query-signatures.ts), and how many signature ids there were. */
  version: number;
  signatureIds: number;
}

export interface QueryNames {
  /** The text of each id asked for, in the same order. */
  texts: string[];
  /** The shared near-duplicate signatures (query-signatures.ts) of the ids asked for at `indices`, and how many signature ids there are. */
  signatures(indices: Int32Array): { lists: Int32Array[]; ids: number };
}

const byStore = new WeakMap<Kysely<Database>, Remembered>();
const empty = (): Remembered => ({ ids: new Int32Array(0), texts: [], signatures: [], version: -1, signatureIds: 0 });

/** Where each of `ids` is in `known.ids`, or −1: one walk when `ids` ascend, a binary search for any that does not. */
function positions(known: Remembered, ids: Int32Array): Int32Array {
  const at = new Int32Array(ids.length);
  let p = 0;
  ids.forEach((id, i) => {
    if (i > 0 && id < ids[i - 1]!) p = lowerBound(known.ids, id);
    while (p < known.ids.length && known.ids[p]! < id) p += 1;
    at[i] = known.ids[p] === id ? p : -1;
  });
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
  const next: Remembered = { ids: new Int32Array(known.ids.length + rows.length), texts: [], signatures: [], version: known.version, signatureIds: known.signatureIds };
  let [p, r] = [0, 0];
  while (p < known.ids.length || r < rows.length) {
    const fromKnown = r === rows.length || (p < known.ids.length && known.ids[p]! < rows[r]!.id);
    next.ids[next.texts.length] = fromKnown ? known.ids[p]! : rows[r]!.id;
    next.signatures.push(fromKnown ? known.signatures[p] : undefined);
    next.texts.push(fromKnown ? known.texts[p++]! : rows[r++]!.text);
  }
  return next;
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
  const texts: string[] = [];
  for (const p of at) texts.push(remembered.texts[p]!);
  return {
    texts,
    signatures(indices) {
      // All remembered and still valid: the common case, a report read again. Otherwise all are asked for again, so that they agree.
      if (remembered.version === signaturesVersion()) {
        const lists: Int32Array[] = [];
        for (const i of indices) {
          const list = remembered.signatures[at[i]!];
          if (!list) break;
          lists.push(list);
        }
        if (lists.length === indices.length) return { lists, ids: remembered.signatureIds };
      }
      const found = sharedSignatures(Array.from(indices, (i) => remembered.texts[at[i]!]!));
      if (remembered.version !== signaturesVersion()) [remembered.signatures, remembered.version] = [Array.from({ length: remembered.ids.length }, () => undefined), signaturesVersion()];
      indices.forEach((i, k) => (remembered.signatures[at[i]!] = found.lists[k]));
      remembered.signatureIds = found.ids;
      return found;
    },
  };
}
