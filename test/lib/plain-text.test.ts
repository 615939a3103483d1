import { expect, test } from 'vitest';
import { firstParagraph, readingMinutes, truncate } from '../../src/lib/plain-text.ts';

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
