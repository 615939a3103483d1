/**
 * What the search report remembers of one store's queries between requests: their texts by id, and their
 * near-duplicate signatures as numbers. Both depend on the query alone (a query's id and text never change once
 * written), and working them out again for a year's 40,000 queries on every request was most of the report's time.
 * One memory belongs to one store; its owner (the server's runtime, a CLI run) keeps it for as long as the store.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nearDuplicateSignatures, queryGroupKey } from './query-groups.ts';

/** Texts remembered, by the largest id; past this the memory starts afresh (about 100 bytes each). */
const REMEMBERED_TEXTS = 250_000;
/** Queries whose signatures are remembered; past this the memory starts afresh (about 20 signatures each). */
const REMEMBERED_SIGNATURES = 60_000;
/**
 * Past this many unknown ids the whole table is read rather than an `in (…)` list: one pass beats thousands of
 * lookups, and the list stays within both stores' limits on parameters.
 */
const READ_ALL_PAST = 5_000;

export class QueryMemory {
  /** By id: query ids are the small, dense integers the store hands out. */
  #texts: string[] = [];
  /** Each query's signatures by id, numbered; two queries are near-duplicates when they share a number. */
  #signatures: number[][] = [];
  #signed = 0;
  readonly #numbers = new Map<string, number>();

  /** Remembers the texts of `ids`, reading those not remembered yet from the store; `text(id)` then gives them. */
  async learn(db: Kysely<Database>, ids: readonly number[]): Promise<void> {
    if (this.#texts.length > REMEMBERED_TEXTS) this.#texts = [];
    const missing = ids.filter((id) => this.#texts[id] === undefined);
    if (missing.length === 0) return;
    const read = db.selectFrom('queries').select(['id', 'text']).orderBy('id');
    const rows = await (missing.length > READ_ALL_PAST ? read : read.where('id', 'in', missing)).execute();
    for (const row of rows) this.#texts[Number(row.id)] = row.text;
    const unknown = missing.find((id) => this.#texts[id] === undefined);
    if (unknown !== undefined) throw new Error(`Query ${unknown} has totals but no text in the queries table.`);
  }

  /** The text of a query `learn` was given. */
  text(id: number): string {
    return this.#texts[id];
  }

  /**
   * The numbers of the near-duplicate signatures (query-groups.ts) of each query `learn` was given: equal signatures,
   * equal numbers. Numbers compare within one call; the memory starts afresh only between calls.
   */
  signatures(ids: readonly number[]): number[][] {
    if (this.#signed > REMEMBERED_SIGNATURES) {
      [this.#signatures, this.#signed] = [[], 0];
      this.#numbers.clear();
    }
    return ids.map((id) => {
      const known = this.#signatures[id];
      if (known) return known;
      this.#signed += 1;
      return (this.#signatures[id] = nearDuplicateSignatures(queryGroupKey(this.text(id))).map((signature) => {
        let number = this.#numbers.get(signature);
        if (number === undefined) this.#numbers.set(signature, (number = this.#numbers.size));
        return number;
      }));
    });
  }

  /** One more than the largest signature number handed out so far. */
  get signatureCount(): number {
    return this.#numbers.size;
  }
}
