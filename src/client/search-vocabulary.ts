/**
 * A language's search vocabulary in the browser, loaded only once a query has a word to check: the language's list of
 * pieces, then the few pieces a correction needs, each fetched once per page. A file that cannot be had means no
 * correction this time, never a failed search.
 */
import { fetchOnce } from './fetch-once.ts';
import { indexUrl, LANGUAGE_PATTERN, pieceFor, pieceUrl, type VocabularyPiece } from '../domain/vocabulary-piece-keys.ts';

const indexes = new Map<string, Promise<ReadonlySet<string>>>();
const pieces = new Map<string, Promise<VocabularyPiece>>();

const isRecord = (body: unknown): body is Record<string, unknown> => typeof body === 'object' && body !== null && !Array.isArray(body);

const readIndex = (body: unknown): ReadonlySet<string> =>
  new Set(isRecord(body) && Array.isArray(body.pieces) ? body.pieces.filter((p): p is string => typeof p === 'string') : []);
const readPiece = (body: unknown): VocabularyPiece => (isRecord(body) ? (body as VocabularyPiece) : {});

/** The pieces holding the words that start like each of `starts` (their first two letters count), without repeats. */
export async function vocabularyPieces(language: string, starts: readonly string[]): Promise<VocabularyPiece[]> {
  if (!LANGUAGE_PATTERN.test(language) || starts.length === 0) return [];
  const index = await fetchOnce(indexes, indexUrl(language), readIndex, new Set<string>());
  const keys = new Set(starts.map((start) => pieceFor(start, index)).filter((key) => key !== undefined));
  return Promise.all([...keys].map((key) => fetchOnce(pieces, pieceUrl(language, key), readPiece, {})));
}
