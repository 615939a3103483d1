/**
 * A language's search vocabulary in the browser, loaded only once a query has a word to check: the language's list of
 * pieces, then the few pieces a correction needs, each fetched once per page. A file that cannot be had means no
 * correction this time, never a failed search.
 */
import { indexUrl, LANGUAGE_PATTERN, pieceFor, pieceUrl, type VocabularyPiece } from '../domain/vocabulary-piece-keys.ts';

const indexes = new Map<string, Promise<ReadonlySet<string>>>();
const pieces = new Map<string, Promise<VocabularyPiece>>();

const isRecord = (body: unknown): body is Record<string, unknown> => typeof body === 'object' && body !== null && !Array.isArray(body);

/** Fetches a file once; a failure (offline, no vocabulary for a language) is not remembered, so a later query tries again. */
function once<T>(cache: Map<string, Promise<T>>, url: string, read: (body: unknown) => T, fallback: T): Promise<T> {
  const cached = cache.get(url);
  if (cached) return cached;
  const loading = fetch(url)
    .then((response) => {
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return response.json() as Promise<unknown>;
    })
    .then(read)
    .catch(() => {
      cache.delete(url);
      return fallback;
    });
  cache.set(url, loading);
  return loading;
}

const readIndex = (body: unknown): ReadonlySet<string> =>
  new Set(isRecord(body) && Array.isArray(body.pieces) ? body.pieces.filter((p): p is string => typeof p === 'string') : []);
const readPiece = (body: unknown): VocabularyPiece => (isRecord(body) ? (body as VocabularyPiece) : {});

/** The pieces holding the words that start like each of `starts` (their first two letters count), without repeats. */
export async function vocabularyPieces(language: string, starts: readonly string[]): Promise<VocabularyPiece[]> {
  if (!LANGUAGE_PATTERN.test(language) || starts.length === 0) return [];
  const index = await once(indexes, indexUrl(language), readIndex, new Set<string>());
  const keys = new Set(starts.map((start) => pieceFor(start, index)).filter((key) => key !== undefined));
  return Promise.all([...keys].map((key) => once(pieces, pieceUrl(language, key), readPiece, {})));
}
