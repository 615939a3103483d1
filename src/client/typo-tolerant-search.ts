/**
 * Search that forgives typos: when a word of the query is unknown to its language's vocabulary, the closest words the
 * pages use are searched instead, and the results say so. Pagefind leaves out a word it does not know, so a typo gives
 * the other words' results, or none: whether the results are any good cannot tell a typo, the vocabulary can.
 */
import { languageFor, search, type Filters, type SearchOutcome } from './search-engine.ts';
import { escapeHtml } from './escape-html.ts';
import { vocabularyPieces } from './search-vocabulary.ts';
import { bestCorrection, correctableWords, correctionStarts, isKnown, withCorrections, type QueryWord } from './spelling-correction.ts';

export interface Correction {
  /** The query searched instead: the typed one with its unknown words corrected. */
  query: string;
  /** What the query as typed found, which the search event records with the query as typed. */
  typedTotal: number;
}
export interface TolerantOutcome extends SearchOutcome {
  /** Set when the results are the corrected query's; `query` stays the query as typed. */
  correction?: Correction;
}

/** The query with each unknown word replaced by its correction; undefined when every word is known or none has one. */
export async function correctedQuery(query: string): Promise<string | undefined> {
  const words = correctableWords(query);
  if (words.length === 0) return undefined;
  // Corrections are per language: the words of a Russian query are looked up among the Russian pages' words only.
  const language = await languageFor(query);
  const own = await vocabularyPieces(
    language,
    words.map((w) => w.word),
  );
  const unknown = words.filter((w) => !isKnown(w.word, own));
  if (unknown.length === 0) return undefined;
  const corrected = await Promise.all(
    unknown.map(async (w) => ({ ...w, correction: bestCorrection(w.word, await vocabularyPieces(language, correctionStarts(w.word))) })),
  );
  const found = corrected.filter((c): c is QueryWord & { correction: string } => c.correction !== undefined);
  return found.length > 0 ? withCorrections(query, found) : undefined;
}

/**
 * The results for `query`, or for its correction when a word is unknown and the corrected query finds something. The
 * vocabulary is looked up while Pagefind searches, so a query without typos waits for nothing more.
 */
export async function tolerantSearch(query: string, limit: number, filters: Filters = {}): Promise<TolerantOutcome> {
  const [typed, corrected] = await Promise.all([
    search(query, limit, filters),
    // A vocabulary that cannot be had means no correction, never a failed search.
    correctedQuery(query.trim()).catch(() => undefined),
  ]);
  // A pinned answer for the words as typed is the writers' own answer to them, misspelt or not.
  if (corrected === undefined || typed.hits.some((h) => h.pinned)) return typed;
  const outcome = await search(corrected, limit, filters);
  if (outcome.total === 0) return typed;
  return { ...outcome, query: typed.query, correction: { query: outcome.query, typedTotal: typed.total } };
}

/** The results page's parameter that searches the words as typed, without correction. */
export const VERBATIM_PARAM = 'verbatim';

/** The line above corrected results: what was searched, and a link searching the words as typed, uncorrected. */
export function correctionNotice(correction: Correction, typed: string, filters: Filters = {}): string {
  const href = `/search/?${new URLSearchParams({ q: typed, ...filters, [VERBATIM_PARAM]: '1' })}`;
  return `Showing results for <strong>${escapeHtml(correction.query)}</strong> — search instead for <a href="${escapeHtml(href)}">${escapeHtml(typed)}</a>`;
}
