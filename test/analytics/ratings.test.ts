import { expect, test } from 'vitest';
import { getRatings } from '../../src/analytics/ratings.ts';
import { wilsonInterval } from '../../src/analytics/wilson.ts';
import { publish } from '../helpers/report-catalog.ts';
import { freshStorePerTest, seed } from '../helpers/seed-events.ts';

const store = freshStorePerTest();

const RANGE = { from: '2026-11-01', to: '2026-11-30' };

test('computes the Wilson score interval at 95% as in Wilson (1927)', () => {
  // 8 up out of 10: p = 0.8, z = 1.96 → [0.4902, 0.9433] (hand-computed from the formula in
  // src/analytics/metric-definitions.ts).
  const interval = wilsonInterval(8, 10)!;
  expect(interval.lower).toBeCloseTo(0.4902, 4);
  expect(interval.upper).toBeCloseTo(0.9433, 4);
  expect(wilsonInterval(0, 0)).toBeNull();
  expect(wilsonInterval(5, 5)!.upper).toBeCloseTo(1, 10);
});

function votes(slug: string, up: number, down: number, prefix: string) {
  return [
    ...Array.from({ length: up }, (_, i) => ({
      type: 'feedback' as const,
      session: `${prefix}-up-${i}`,
      article: slug,
      vote: 'up' as const,
      at: '2026-11-10T10:00:00Z',
    })),
    ...Array.from({ length: down }, (_, i) => ({
      type: 'feedback' as const,
      session: `${prefix}-down-${i}`,
      article: slug,
      vote: 'down' as const,
      reason: 'outdated' as const,
      at: '2026-11-10T10:00:00Z',
    })),
  ];
}

test('uses each session’s final vote: a changed vote counts once, as the new vote', async () => {
  await seed(store, [
    {
      type: 'feedback',
      session: 'session-v1',
      article: 'connect-shopify',
      vote: 'down',
      reason: 'outdated',
      comment: 'Old menus',
      at: '2026-11-02T10:00:00Z',
    },
    { type: 'feedback', session: 'session-v1', article: 'connect-shopify', vote: 'up', at: '2026-11-02T10:05:00Z' },
    { type: 'feedback', session: 'session-v2', article: 'connect-shopify', vote: 'down', reason: 'unclear', at: '2026-11-02T11:00:00Z' },
  ]);
  const {
    articles: [rating],
  } = await getRatings(store.db, RANGE);
  expect(rating).toMatchObject({
    slug: 'connect-shopify',
    up: 1,
    down: 1,
    n: 2,
    helpfulness: 0.5,
    enoughVotes: false,
    reasons: { outdated: 0, unclear: 1, didnt_solve: 0, product_issue: 0, other: 0 },
    comments: 1,
  });
});

test('ranks articles worst first by the interval, with too few votes last', async () => {
  await seed(store, [
    ...votes('few-votes-all-down', 0, 3, 'a'),
    ...votes('mostly-helpful', 18, 2, 'b'),
    ...votes('often-unhelpful', 4, 6, 'c'),
    ...votes('small-but-bad', 1, 4, 'd'),
  ]);
  const { articles: ranked } = await getRatings(store.db, RANGE);
  expect(ranked.map((r) => [r.slug, r.n, r.enoughVotes])).toEqual([
    ['small-but-bad', 5, true],
    ['often-unhelpful', 10, true],
    ['mostly-helpful', 20, true],
    ['few-votes-all-down', 3, false],
  ]);
});

test('leaves votes outside the range out', async () => {
  await seed(store, [{ type: 'feedback', session: 'session-o1', article: 'connect-shopify', vote: 'up', at: '2026-10-15T10:00:00Z' }]);
  expect(await getRatings(store.db, RANGE)).toEqual({ articles: [], byCategory: [], byProductArea: [], byRevision: [] });
});

test('rolls votes up by category and product area, and filters by either', async () => {
  await publish(store, {
    'connect-shopify': { category: 'integrations', product_area: 'integrations' },
    'automate-with-zapier': { category: 'integrations', product_area: 'integrations' },
    'refund-a-payment': { category: 'payments', product_area: 'payments' },
  });
  await seed(store, [
    ...votes('connect-shopify', 2, 3, 'a'),
    ...votes('automate-with-zapier', 4, 1, 'b'),
    ...votes('refund-a-payment', 5, 0, 'c'),
  ]);
  const all = await getRatings(store.db, RANGE);
  expect(all.byCategory.map((g) => [g.group, g.articles, g.up, g.down, g.n, g.helpfulness])).toEqual([
    ['integrations', 2, 6, 4, 10, 0.6],
    ['payments', 1, 5, 0, 5, 1],
  ]);
  expect(all.byProductArea.map((g) => g.group)).toEqual(['integrations', 'payments']);

  const payments = await getRatings(store.db, { ...RANGE, product_area: 'payments' });
  expect(payments.articles.map((a) => a.slug)).toEqual(['refund-a-payment']);
  const integrations = await getRatings(store.db, { ...RANGE, category: 'integrations' });
  expect(integrations.articles.map((a) => a.slug).sort()).toEqual(['automate-with-zapier', 'connect-shopify']);
});

test('shows helpfulness before and after an edit, one row per revision, oldest first', async () => {
  const vote = (session: string, vote: 'up' | 'down', revision: string, at: string) => ({
    type: 'feedback' as const,
    session,
    article: 'connect-shopify',
    vote,
    revision,
    at,
  });
  await seed(store, [
    vote('session-r1', 'down', 'aaaaaaaaaaaa', '2026-11-02T10:00:00Z'),
    vote('session-r2', 'down', 'aaaaaaaaaaaa', '2026-11-03T10:00:00Z'),
    vote('session-r3', 'up', 'aaaaaaaaaaaa', '2026-11-04T10:00:00Z'),
    vote('session-r4', 'up', 'bbbbbbbbbbbb', '2026-11-10T10:00:00Z'),
    vote('session-r5', 'up', 'bbbbbbbbbbbb', '2026-11-11T10:00:00Z'),
    // An article with a single revision has nothing to compare and is left out.
    { type: 'feedback', session: 'session-r6', article: 'refund-a-payment', vote: 'up', at: '2026-11-11T10:00:00Z' },
  ]);
  const { byRevision } = await getRatings(store.db, RANGE);
  expect(byRevision.map((r) => [r.slug, r.revision, r.up, r.down, r.helpfulness])).toEqual([
    ['connect-shopify', 'aaaaaaaaaaaa', 1, 2, 1 / 3],
    ['connect-shopify', 'bbbbbbbbbbbb', 2, 0, 1],
  ]);
});
