/**
 * Where a word of the search vocabulary is filed: one JSON piece per first letter, or per first two letters where a
 * letter's words are too many for one piece. The build writes the pieces by these keys; the browser finds them again.
 */

/** The folder of the vocabulary files: `<lang>/index.json` lists the pieces, `<lang>/<file>.json` is one piece. */
export const VOCABULARY_PATH = '/search-words/';
/** The file name of each language's list of pieces (a piece's name has one or two letters, so is never this). */
export const INDEX_FILE = 'index';

/** A language's list of pieces, the keys of `pieceFor`. */
export interface VocabularyIndex {
  pieces: string[];
}
/** One piece: each word with the number of times the published pages hold it. */
export type VocabularyPiece = Record<string, number>;

/** The first one or two letters of a word, by code point. */
export function leadingLetters(word: string, count: 1 | 2): string {
  return [...word].slice(0, count).join('');
}

/**
 * The key of the piece holding the words that start with the first two letters of `start`: the two-letter piece where
 * its first letter was split, else the first letter's; undefined when no published word starts that way.
 */
export function pieceFor(start: string, pieces: ReadonlySet<string>): string | undefined {
  const two = leadingLetters(start, 2);
  if (pieces.has(two)) return two;
  const one = leadingLetters(start, 1);
  return pieces.has(one) ? one : undefined;
}

/**
 * A piece's file name: its letters where they are plain ASCII, others as `_` and their code point in hex, so that every
 * server and CDN serves the files under the same name ("pa" stays "pa", "пр" becomes "_43f_440").
 */
export function pieceFile(key: string): string {
  return [...key].map((c) => (/^[a-z]$/.test(c) ? c : `_${c.codePointAt(0)!.toString(16)}`)).join('');
}

/** A language code as the build files it: the page's `lang` lower-cased, as Pagefind names its indexes. */
export const languageKey = (lang: string): string => lang.toLowerCase();

/** A language code safe to put in a path (anything else has no vocabulary). */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/;

export const indexUrl = (language: string): string => `${VOCABULARY_PATH}${language}/${INDEX_FILE}.json`;
export const pieceUrl = (language: string, key: string): string => `${VOCABULARY_PATH}${language}/${pieceFile(key)}.json`;
