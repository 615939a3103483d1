import { expect, test } from 'vitest';
import { PIECE_TARGET_BYTES, splitVocabulary } from '../../src/content-model/vocabulary-split.ts';
import { Random } from '../../src/demo/random.ts';

const counts = (words: Record<string, number>) => new Map(Object.entries(words));

test('files the words in one piece per first letter, alphabetically, with their counts', () => {
  const { index, pieces } = splitVocabulary(counts({ reset: 3, password: 9, recurring: 4, payout: 1 }));
  expect(index.pieces).toEqual(['p', 'r']);
  expect(JSON.stringify(pieces.get('p'))).toBe('{"password":9,"payout":1}');
  expect(pieces.get('r')).toEqual({ recurring: 4, reset: 3 });
});

test('splits a letter whose piece would pass the target by the first two letters, and leaves the others whole', () => {
  const words = counts({ password: 9, payout: 1, permission: 2, plan: 5, reset: 3 });
  const { index, pieces } = splitVocabulary(words, 40);
  expect(index.pieces).toEqual(['pa', 'pe', 'pl', 'r']);
  expect(pieces.get('pa')).toEqual({ password: 9, payout: 1 });
  expect(pieces.get('r')).toEqual({ reset: 3 });
});

test('keeps a large vocabulary in pieces under the target, each word in exactly one piece', () => {
  const rng = new Random(7);
  const words = new Map<string, number>();
  const letter = () => String.fromCharCode(97 + rng.int(0, 25));
  while (words.size < 60_000) words.set(Array.from({ length: rng.int(4, 12) }, letter).join(''), rng.int(1, 500));
  const { index, pieces } = splitVocabulary(words);
  const listed = [...pieces.values()].flatMap((p) => Object.keys(p));
  expect(listed).toHaveLength(words.size);
  expect(new Set(listed)).toEqual(new Set(words.keys()));
  expect(index.pieces.some((key) => key.length === 2)).toBe(true);
  for (const piece of pieces.values()) expect(JSON.stringify(piece).length).toBeLessThanOrEqual(PIECE_TARGET_BYTES);
});
