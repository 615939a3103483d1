/** Which words of a query the typo correction looks at, whether the vocabulary knows them, and what it puts instead. */
import { editDistance } from './edit-distance.ts';
import { isVocabularyWord, letterCount, WORD_PATTERN, wordKey } from '../domain/vocabulary-words.ts';
import type { VocabularyPiece } from '../domain/vocabulary-piece-keys.ts';

/** Only the start of a query is looked at: a pasted page must not keep the box busy (the boxes take 200 characters). */
export const MAX_QUERY_CHARS = 200;
/** At most this many words are corrected, the first ones: each costs a scan of up to four vocabulary pieces. */
export const MAX_CORRECTED_WORDS = 8;

export interface QueryWord {
  /** Lower-cased, as the vocabulary lists words. */
  word: string;
  /** Where the word is in the query, to put its correction there. */
  start: number;
  end: number;
}

/** The words of `query` the correction may change: outside quoted phrases, of 4 to 24 letters, the first eight. */
export function correctableWords(query: string): QueryWord[] {
  const text = query.slice(0, MAX_QUERY_CHARS);
  // A quote left open quotes the rest: the reader is still typing the phrase.
  const quoted = [...text.matchAll(/"[^"]*(?:"|$)/g)].map((m) => [m.index, m.index + m[0].length] as const);
  const words: QueryWord[] = [];
  for (const match of text.matchAll(WORD_PATTERN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (quoted.some(([from, to]) => start >= from && start < to)) continue;
    if (end === text.length && query.length > text.length) break; // cut short by the limit: not a word the reader typed
    const word = wordKey(match[0]);
    if (isVocabularyWord(word)) words.push({ word, start, end });
    if (words.length === MAX_CORRECTED_WORDS) break;
  }
  return words;
}

/**
 * Whether the vocabulary knows a word: it lists the word, or a word starting with it (Pagefind finds a word by its
 * beginning too, so a word still being typed is left alone). Only the word's own piece can hold either.
 */
export function isKnown(word: string, pieces: readonly VocabularyPiece[]): boolean {
  return pieces.some((piece) => Object.hasOwn(piece, word) || Object.keys(piece).some((listed) => listed.startsWith(word)));
}

/** How many edits a correction may make: one in a word of 4 to 7 letters, two in a longer one. */
export const maxEditsFor = (word: string): number => (letterCount(word) >= 8 ? 2 : 1);

/**
 * The first two letters a correction of `word` may start with, the pieces to look in: its own, with the second letter
 * left out or swapped with the third, the first two swapped, or the first left out (a letter typed before the word).
 * A mistake in the very first letter is not looked for: its correction could start with any letter.
 */
export function correctionStarts(word: string): string[] {
  const [first = '', second = '', third = ''] = [...word];
  return [...new Set([first + second, first + third, second + first, second + third])];
}

/** The closest listed word within `maxEditsFor(word)` edits, the most frequent of the closest; none when no word is close. */
export function bestCorrection(word: string, pieces: readonly VocabularyPiece[]): string | undefined {
  const max = maxEditsFor(word);
  let best: { word: string; edits: number; count: number } | undefined;
  for (const piece of pieces) {
    for (const [candidate, count] of Object.entries(piece)) {
      if (typeof count !== 'number') continue;
      const edits = editDistance(word, candidate, max);
      if (edits === 0 || edits > max) continue;
      const better =
        !best || edits < best.edits || (edits === best.edits && (count > best.count || (count === best.count && candidate < best.word)));
      if (better) best = { word: candidate, edits, count };
    }
  }
  return best?.word;
}

/** The query with each corrected word put in place of the word typed; everything else stays as typed. */
export function withCorrections(query: string, corrections: readonly (QueryWord & { correction: string })[]): string {
  let out = query;
  for (const c of [...corrections].sort((a, b) => b.start - a.start)) out = out.slice(0, c.start) + c.correction + out.slice(c.end);
  return out;
}
