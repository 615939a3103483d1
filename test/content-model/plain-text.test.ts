import { expect, test } from 'vitest';
import fc from 'fast-check';
import { firstParagraph, inlineToText, linesOutsideCode, readingMinutes, truncate } from '../../src/content-model/plain-text.ts';

test('takes the first prose paragraph as the description, skipping headings, imports, components and code', () => {
  const body = [
    "import Thing from './thing.astro';",
    '',
    '# Heading',
    '',
    '```sh',
    'not this',
    '```',
    '',
    '<Callout>also not this</Callout>',
    '',
    'Open **Settings** and choose [Billing](/articles/billing/) to see `invoices`.',
    '',
    'Second paragraph.',
  ].join('\n');
  expect(firstParagraph(body)).toBe('Open Settings and choose Billing to see invoices.');
});

test('finds no description in a body without prose', () => {
  expect(firstParagraph('## Only a heading\n\n- a list')).toBeUndefined();
});

test('cuts a long description at a word boundary with an ellipsis', () => {
  expect(truncate('one two three four five six', 14)).toBe('one two three…');
  expect(truncate('short', 14)).toBe('short');
});

test('counts reading time in words, and in characters for Chinese', () => {
  expect(readingMinutes('word '.repeat(660))).toBe(3);
  expect(readingMinutes('字'.repeat(800))).toBe(2);
  expect(readingMinutes('')).toBe(1);
});

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;
/** Reading time as first written: the text split on whitespace with regular expressions. */
function splitMinutes(source: string): number {
  const text = inlineToText(linesOutsideCode(source).join(' '));
  const cjk = (text.match(CJK) ?? []).length;
  const words = text.replace(CJK, ' ').split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / 220 + cjk / 400));
}

test('counts the words and characters of any text as splitting it on whitespace does', () => {
  const unit = fc.constantFrom(
    'a',
    'é',
    '7',
    ' ',
    '\t',
    '\n',
    '\u00a0',
    '\u3000',
    '字',
    'の',
    '한',
    '*',
    '`',
    '[',
    ']',
    '(',
    ')',
    '!',
    '<b>',
    '```',
    '\ud83d\ude00',
  );
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 40 }), fc.integer({ min: 1, max: 400 }), (piece, times) => {
      const source = piece.repeat(times);
      expect(readingMinutes(source)).toBe(splitMinutes(source));
    }),
  );
});
