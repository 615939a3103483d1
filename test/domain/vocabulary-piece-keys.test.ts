import { expect, test } from 'vitest';
import { indexUrl, pieceFile, pieceFor, pieceUrl } from '../../src/domain/vocabulary-piece-keys.ts';

test('files a word under its first two letters where its first letter was split, else under its first letter', () => {
  const pieces = new Set(['a', 'pa', 'pe', 'r']);
  expect(pieceFor('password', pieces)).toBe('pa');
  expect(pieceFor('recurring', pieces)).toBe('r');
  expect(pieceFor('account', pieces)).toBe('a');
});

test('finds no piece for a start no published word has', () => {
  expect(pieceFor('psword', new Set(['pa', 'pe']))).toBeUndefined();
  expect(pieceFor('zebra', new Set(['a']))).toBeUndefined();
});

test('names the files of letters outside plain ASCII by their code points', () => {
  expect(pieceFile('pa')).toBe('pa');
  expect(pieceFile('пр')).toBe('_43f_440');
  expect(pieceFile('é')).toBe('_e9');
  expect(pieceUrl('ru', 'с')).toBe('/search-words/ru/_441.json');
  expect(indexUrl('en')).toBe('/search-words/en/index.json');
});
