/** Cuts a language's counted words into the pieces the browser loads one at a time when it corrects a typo. */
import { leadingLetters, type VocabularyIndex, type VocabularyPiece } from '../domain/vocabulary-piece-keys.ts';

/**
 * Largest piece before a letter's words are split by their first two letters, in bytes of JSON. Gzip keeps about a
 * third of a word list, and a correction loads up to four pieces per word (first letter and second letter, each with its
 * neighbours): about 8 KB each keeps the first correction near 30 KB.
 */
export const PIECE_TARGET_BYTES = 24 * 1024;

export interface SplitVocabulary {
  index: VocabularyIndex;
  /** By key, each piece's words in alphabetical order (which gzip compresses best). */
  pieces: Map<string, VocabularyPiece>;
}

/** What a word costs in a piece's JSON: `"word":123,` (non-ASCII letters take two bytes or more). */
const entryBytes = (word: string, count: number) => Buffer.byteLength(word) + String(count).length + 4;

function groupBy(words: [string, number][], letters: 1 | 2): Map<string, [string, number][]> {
  const groups = new Map<string, [string, number][]>();
  for (const entry of words) {
    const key = leadingLetters(entry[0], letters);
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return groups;
}

/** One piece per first letter, or per first two letters where the letter's piece would pass `targetBytes`. */
export function splitVocabulary(counts: ReadonlyMap<string, number>, targetBytes = PIECE_TARGET_BYTES): SplitVocabulary {
  const sorted = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const pieces = new Map<string, VocabularyPiece>();
  for (const [letter, words] of groupBy(sorted, 1)) {
    const bytes = words.reduce((sum, [word, count]) => sum + entryBytes(word, count), 2);
    const groups = bytes > targetBytes ? groupBy(words, 2) : new Map([[letter, words]]);
    for (const [key, entries] of groups) pieces.set(key, Object.fromEntries(entries));
  }
  return { index: { pieces: [...pieces.keys()] }, pieces };
}
