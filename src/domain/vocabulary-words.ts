/** What a word of the search vocabulary is, the same when the build counts the pages' words and when the browser corrects a query. */

/** Shorter words are never corrected: one changed letter of three makes another common word too often. */
export const MIN_WORD_LETTERS = 4;
/** Longer runs of letters are identifiers or pasted text, not words a reader mistypes; they are neither listed nor corrected. */
export const MAX_WORD_LETTERS = 24;

/** A run of letters with their combining marks: digits, apostrophes, hyphens and other punctuation end a word. */
export const WORD_PATTERN = /\p{L}[\p{L}\p{M}]*/gu;

// Scripts written without spaces between words (Chinese, Japanese) and Hangul: a run of their letters is a phrase or a
// syllable block, and a distance counted in letters says nothing about a typing mistake there.
const UNSPELLABLE = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

/** The form a word is listed and looked up under: composed, lower-cased. */
export const wordKey = (word: string): string => word.normalize('NFC').toLowerCase();

/** Letters counted as a reader sees them (code points), not UTF-16 units. */
export const letterCount = (word: string): number => [...word].length;

/** Whether a (lower-cased) word is one the vocabulary lists and the browser may correct. */
export function isVocabularyWord(word: string): boolean {
  const letters = letterCount(word);
  return letters >= MIN_WORD_LETTERS && letters <= MAX_WORD_LETTERS && !UNSPELLABLE.test(word);
}

/** The vocabulary words of a text, lower-cased, in order, repeats kept (the build counts them). */
export function vocabularyWords(text: string): string[] {
  const words: string[] = [];
  for (const [match] of text.matchAll(WORD_PATTERN)) {
    const word = wordKey(match);
    if (isVocabularyWord(word)) words.push(word);
  }
  return words;
}
