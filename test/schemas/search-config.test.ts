import { describe, expect, test } from 'vitest';
import { PinsFileSchema, SynonymsFileSchema } from '../../src/schemas/search-config.ts';
import { formatPath } from '../../src/schemas/issues.ts';

const issuesOf = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => `${formatPath(i.path)}: ${i.message}`);

describe('the synonyms file', () => {
  test('accepts groups of words and phrases, trimmed', () => {
    expect(
      SynonymsFileSchema.parse([
        ['sign in', ' log in ', 'login'],
        ['invoice', 'bill'],
      ]),
    ).toEqual([
      ['sign in', 'log in', 'login'],
      ['invoice', 'bill'],
    ]);
  });

  test('names the group that has a single term', () => {
    expect(issuesOf(SynonymsFileSchema.safeParse([['refund', 'money back'], ['refund']]))).toEqual(['[1]: a group needs at least 2 terms']);
  });

  test('takes at most 20 terms of at most 60 characters in a group', () => {
    const terms = Array.from({ length: 21 }, (_, i) => `term ${i}`);
    expect(issuesOf(SynonymsFileSchema.safeParse([terms]))).toEqual(['[0]: a group has at most 20 terms']);
    expect(issuesOf(SynonymsFileSchema.safeParse([['refund', 'x'.repeat(61)]]))[0]).toMatch(/^\[0\]\[1\]: /);
  });

  test('names an empty term and a term of punctuation alone', () => {
    // The build shows the first issue of a file.
    expect(issuesOf(SynonymsFileSchema.safeParse([['refund', '  ']]))[0]).toBe('[0][1]: must not be empty');
    expect(issuesOf(SynonymsFileSchema.safeParse([['refund', '&']]))).toEqual(['[0][1]: must contain a letter or a digit']);
  });

  test('is a list of groups, not one group', () => {
    expect(issuesOf(SynonymsFileSchema.safeParse(['refund', 'money back']))[0]).toMatch(/^\[0\]: /);
  });
});

describe('the pins file', () => {
  test('accepts queries pinned to a slug', () => {
    expect(PinsFileSchema.parse([{ queries: ['refund', 'money back'], article: 'refund-a-payment' }])).toEqual([
      { queries: ['refund', 'money back'], article: 'refund-a-payment' },
    ]);
  });

  test('names a pin whose article is not a slug', () => {
    expect(issuesOf(PinsFileSchema.safeParse([{ queries: ['refund'], article: 'Refund a payment.md' }]))).toEqual([
      '[0].article: must be the slug of a published article, like "refund-a-payment"',
    ]);
  });

  test('names a pin without queries, and a query longer than a search can be', () => {
    expect(issuesOf(PinsFileSchema.safeParse([{ queries: [], article: 'refund-a-payment' }]))).toEqual([
      '[0].queries: must list at least one query',
    ]);
    expect(issuesOf(PinsFileSchema.safeParse([{ queries: ['q'.repeat(201)], article: 'refund-a-payment' }]))[0]).toMatch(
      /^\[0\]\.queries\[0\]: /,
    );
  });

  test('names a field it does not know, so a misspelt "query" is not silently ignored', () => {
    expect(issuesOf(PinsFileSchema.safeParse([{ query: ['refund'], queries: ['refund'], article: 'refund-a-payment' }]))[0]).toMatch(
      /^\[0\]: /,
    );
  });
});
