import { expect, test } from 'vitest';
import {
  bestCorrection,
  correctableWords,
  correctionStarts,
  isKnown,
  maxEditsFor,
  MAX_CORRECTED_WORDS,
  withCorrections,
} from '../../src/client/spelling-correction.ts';
import type { VocabularyPiece } from '../../src/domain/vocabulary-piece-keys.ts';

const words = (query: string) => correctableWords(query).map((w) => w.word);

test('looks at the words of four letters or more, lower-cased, with where they are in the query', () => {
  expect(correctableWords('How do I set up Recuring invoces?')).toEqual([
    { word: 'recuring', start: 16, end: 24 },
    { word: 'invoces', start: 25, end: 32 },
  ]);
});

test('leaves quoted phrases alone, also a quote still being typed', () => {
  expect(words('"pasword reset" invoce')).toEqual(['invoce']);
  expect(words('invoce "pasword res')).toEqual(['invoce']);
});

test('finds nothing to correct in punctuation, emoji, one letter, digits or Chinese', () => {
  for (const query of ['?!.,;:"()', '🙂🙃🙂🙃', 'a', '12345 2026', '重置密码', '']) expect(words(query)).toEqual([]);
});

test('looks at the first eight words and the first 200 characters only', () => {
  expect(words('invoce '.repeat(20))).toHaveLength(MAX_CORRECTED_WORDS);
  const long = `${'x'.repeat(195)} pasword reset`;
  expect(words(long)).toEqual([]);
  expect(words('a'.repeat(1000))).toEqual([]);
});

test('knows a listed word, and a word a listed word starts with (Pagefind finds both)', () => {
  const pieces: VocabularyPiece[] = [{ password: 12, passwords: 2 }, { reset: 9 }];
  expect(isKnown('password', pieces)).toBe(true);
  expect(isKnown('passwor', pieces)).toBe(true);
  expect(isKnown('pasword', pieces)).toBe(false);
  expect(isKnown('pasword', [])).toBe(false);
});

test('allows one edit in a word of 4 to 7 letters and two in a longer one', () => {
  expect(maxEditsFor('reset')).toBe(1);
  expect(maxEditsFor('pasword')).toBe(1);
  expect(maxEditsFor('recuring')).toBe(2);
});

test('corrects a word to the closest listed word, then to the most frequent of the closest', () => {
  const piece = { invoice: 40, invoices: 90, voice: 3 };
  expect(bestCorrection('invoce', [piece])).toBe('invoice');
  expect(bestCorrection('invoicez', [{ invoices: 5, invoiced: 9 }])).toBe('invoiced');
  expect(bestCorrection('recuring', [{ recurring: 7 }, { securing: 2 }])).toBe('recurring');
});

test('breaks a tie between equally close and equally frequent words alphabetically', () => {
  expect(bestCorrection('cark', [{ card: 3, care: 3 }])).toBe('card');
});

test('corrects nothing beyond the allowed edits', () => {
  expect(bestCorrection('pswrd', [{ password: 50 }])).toBeUndefined();
  expect(bestCorrection('recurng', [{ recurring: 50 }])).toBeUndefined();
  expect(bestCorrection('recurng', [])).toBeUndefined();
});

test('looks for corrections under the first letter and the second, for a first letter typed extra or swapped', () => {
  expect(correctionStarts('pasword')).toEqual(['pa', 'ps', 'ap', 'as']);
  expect(correctionStarts('aapple')).toEqual(['aa', 'ap']);
});

test('puts each correction in place of its word and keeps the rest of the query as typed', () => {
  const query = 'How do I set up recuring invoce?';
  const corrections = correctableWords(query).map((w) => ({ ...w, correction: w.word === 'recuring' ? 'recurring' : 'invoice' }));
  expect(withCorrections(query, corrections)).toBe('How do I set up recurring invoice?');
});
