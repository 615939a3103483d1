import { expect, test } from 'vitest';
import { isVocabularyWord, vocabularyWords } from '../../src/domain/vocabulary-words.ts';

test('takes the words of four to twenty-four letters, lower-cased, repeats kept', () => {
  expect(vocabularyWords('Set up Recurring invoices: recurring, weekly or monthly.')).toEqual([
    'recurring',
    'invoices',
    'recurring',
    'weekly',
    'monthly',
  ]);
});

test('ends a word at digits, apostrophes and hyphens', () => {
  expect(vocabularyWords("e-invoices don't sync2fa")).toEqual(['invoices', 'sync']);
});

test('keeps accented and Cyrillic words whole, composed', () => {
  expect(vocabularyWords('Café Счёт')).toEqual(['café', 'счёт']);
  expect(vocabularyWords('Cafe\u0301')).toEqual(['café']);
});

test('lists no Chinese, Japanese or Korean runs, which have no typos to count in letters', () => {
  expect(vocabularyWords('重置您的密码 パスワード 비밀번호를 password')).toEqual(['password']);
});

test('leaves out words over twenty-four letters', () => {
  expect(isVocabularyWord('a'.repeat(24))).toBe(true);
  expect(isVocabularyWord('a'.repeat(25))).toBe(false);
  expect(isVocabularyWord('abc')).toBe(false);
});
