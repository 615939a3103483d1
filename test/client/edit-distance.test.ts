import { expect, test } from 'vitest';
import fc from 'fast-check';
import { editDistance } from '../../src/client/edit-distance.ts';

test('counts an insertion, a deletion, a substitution and a swap of adjacent letters as one edit each', () => {
  expect(editDistance('recuring', 'recurring')).toBe(1);
  expect(editDistance('passsword', 'password')).toBe(1);
  expect(editDistance('invoce', 'invice')).toBe(1);
  expect(editDistance('pasword', 'pasowrd')).toBe(1);
  expect(editDistance('apssword', 'password')).toBe(1);
});

test('finds no edit between equal words and one edit per letter from an empty word', () => {
  expect(editDistance('invoice', 'invoice')).toBe(0);
  expect(editDistance('', 'invoice')).toBe(7);
  expect(editDistance('invoice', '')).toBe(7);
});

test('never edits a letter twice, as optimal string alignment does', () => {
  // Full Damerau–Levenshtein swaps to "ac" and inserts "b" (2); a swapped pair is not edited again here.
  expect(editDistance('ca', 'abc')).toBe(3);
});

test('counts letters beyond the basic plane and accented letters as one letter each', () => {
  expect(editDistance('café', 'cafe')).toBe(1);
  expect(editDistance('счёт', 'счет')).toBe(1);
  expect(editDistance('a😀b', 'ab')).toBe(1);
});

test('stops counting past the bound and says so with the bound plus one', () => {
  expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  expect(editDistance('invoice', 'settings', 2)).toBe(3);
  expect(editDistance('reset', 'resetting', 2)).toBe(3);
  expect(editDistance('recuring', 'recurring', 2)).toBe(1);
});

test('is symmetric, and bounded agrees with unbounded up to the bound', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
  fc.assert(
    fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
      const full = editDistance(a, b);
      expect(editDistance(b, a)).toBe(full);
      expect(full).toBeLessThanOrEqual(Math.max(a.length, b.length));
      expect(editDistance(a, b, max)).toBe(Math.min(full, max + 1));
    }),
  );
});
