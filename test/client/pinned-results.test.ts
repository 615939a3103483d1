import { expect, test } from 'vitest';
import { pinnedFor, recommendedLabel, withPinned } from '../../src/client/pinned-results.ts';
import type { Hit } from '../../src/client/search-engine.ts';
import type { PinnedAnswer } from '../../src/schemas/search-config.ts';

const pin = (slug: string, queries: string[], fields: Partial<PinnedAnswer> = {}): PinnedAnswer => ({
  queries,
  slug,
  url: `/articles/${slug}/`,
  title: slug.replace(/-/g, ' '),
  description: `About ${slug} & more`,
  category: 'Payments',
  type: 'how-to',
  ...fields,
});
const REFUND = pin('refund-a-payment', ['refund', 'money back']);
const FEES = pin('payment-processing-fees', ['fees'], { category: 'Billing', type: 'reference' });
const PINS = [REFUND, FEES, pin('respond-to-a-dispute', ['chargeback', 'refund'])];

const hit = (slug: string): Hit => ({ url: `/articles/${slug}/`, slug, title: slug, excerpt: '', category: 'Payments', type: 'how-to' });

test('pins a query written as in the file, whatever its case and spacing', () => {
  expect(pinnedFor('  Money   BACK ', PINS)).toEqual([REFUND]);
});

test('pins a near-duplicate of a pinned query: another word order, a plural, common words', () => {
  expect(pinnedFor('refunds', PINS).map((p) => p.slug)).toEqual(['refund-a-payment', 'respond-to-a-dispute']);
  expect(pinnedFor('back money', PINS)).toEqual([REFUND]);
  expect(pinnedFor('how do I get my money back', PINS)).toEqual([]);
  expect(pinnedFor('my money back', PINS)).toEqual([REFUND]);
});

test('pins nothing for a query that only contains a pinned one', () => {
  expect(pinnedFor('refund fees', PINS)).toEqual([]);
  expect(pinnedFor('', PINS)).toEqual([]);
});

test('lists a page pinned twice for a query once', () => {
  expect(pinnedFor('refund', [REFUND, pin('refund-a-payment', ['refund'])])).toEqual([REFUND]);
});

test('leaves out a pin outside the category or type the reader filtered on', () => {
  expect(pinnedFor('fees', PINS, { category: 'Billing' })).toEqual([FEES]);
  expect(pinnedFor('fees', PINS, { category: 'Payments' })).toEqual([]);
  expect(pinnedFor('fees', PINS, { type: 'how-to' })).toEqual([]);
});

test('puts the pinned pages first, marked, and takes them out of the other results', () => {
  const outcome = withPinned(
    { query: 'refund', total: 3, hits: [hit('issue-a-credit-note'), hit('refund-a-payment'), hit('compare-plans')] },
    [REFUND],
    8,
  );
  expect(outcome.hits.map((h) => [h.slug, h.pinned ?? false])).toEqual([
    ['refund-a-payment', true],
    ['issue-a-credit-note', false],
    ['compare-plans', false],
  ]);
  expect(outcome.total).toBe(3);
  expect(outcome.hits[0]).toMatchObject({ title: 'refund a payment', excerpt: 'About refund-a-payment &#38; more', category: 'Payments' });
});

test('counts a pinned page the search did not find, and keeps to the limit', () => {
  const outcome = withPinned({ query: 'money back', total: 2, hits: [hit('issue-a-credit-note'), hit('compare-plans')] }, [REFUND], 2);
  expect(outcome.total).toBe(3);
  expect(outcome.hits.map((h) => h.slug)).toEqual(['refund-a-payment', 'issue-a-credit-note']);
});

test('answers a query with no other result with its pinned page', () => {
  expect(withPinned({ query: 'money back', total: 0, hits: [] }, [REFUND], 8)).toMatchObject({
    total: 1,
    hits: [{ slug: 'refund-a-payment' }],
  });
});

test('labels a pinned result "Recommended" and no other', () => {
  expect(recommendedLabel({ ...hit('refund-a-payment'), pinned: true })).toContain('>Recommended</span>');
  expect(recommendedLabel(hit('compare-plans'))).toBe('');
});
