/**
 * What the search report remembers of one store's queries between requests: their texts by id, and their
 * near-duplicate signatures as numbers. Both depend on the query alone (a query's id and text never change once
 * written), and working them out again for a year's 40,000 queries on every request was most of the report's time.
 * One memory belongs to one store; its owner (the server's runtime, a CLI run) keeps it for as long as the store.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nearDuplicateSignatures, queryGroupKey } from './query-groups.ts';

/** Texts remembered; past this the memory starts afresh (about 100 bytes each). */
const REMEMBERED_TEXTS = 250_000;
/** Queries whose signatures are remembered; past this the memory starts afresh (about 20 signatures each). */
const REMEMBERED_SIGNATURES = 60_000;
/**
 * Past this many unknown ids the whole table is read rather than an `in (…)` list: one pass beats thousands of
 * lookups, and the list stays within both stores' limits on parameters.
 */
const READ_ALL_PAST = 5_000;

export class QueryMemory {
  readonly #texts = new Map<number, string>();
  /** Each query's signatures, numbered; two queries are near-duplicates when they share a number. */
  readonly #signatures = new Map<string, number[]>();
  readonly #numbers = new Map<string, number>();

  /** The texts of `ids`, in their order; those not remembered yet are read from the store. */
  async texts(db: Kysely<Database>, ids: readonly number[]): Promise<string[]> {
    if (this.#texts.size > REMEMBERED_TEXTS) this.#texts.clear();
    const missing = ids.filter((id) => !this.#texts.has(id));
    if (missing.length > 0) {
      const read = db.selectFrom('queries').select(['id', 'text']);
      const rows = await (missing.length > READ_ALL_PAST ? read : read.where('id', 'in', missing)).execute();
      for (const row of rows) this.#texts.set(Number(row.id), row.text);
    }
    return ids.map((id) => {
      const text = this.#texts.get(id);
      if (text === undefined) throw new Error(`Query ${id} has totals but no text in the queries table.`);
      return text;
    });
  }

  /**
   * The numbers of each query's near-duplicate signatures (query-groups.ts): equal signatures, equal numbers. Numbers
   * compare within one call; the memory starts afresh only between calls.
   */
  signatures(queries: readonly string[]): number[][] {
    if (this.#signatures.size > REMEMBERED_SIGNATURES) {
      this.#signatures.clear();
      this.#numbers.clear();
    }
    return queries.map((query) => {
      let found = this.#signatures.get(query);
      if (found) return found;
      found = nearDuplicateSignatures(queryGroupKey(query)).map((signature) => {
        let number = this.#numbers.get(signature);
        if (number === undefined) this.#numbers.set(signature, (number = this.#numbers.size));
        return number;
      });
      this.#signatures.set(query, found);
      return found;
    });
  }

  /** One more than the largest signature number handed out so far. */
  get signatureCount(): number {
    return this.#numbers.size;
  }
}
