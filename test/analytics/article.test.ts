import { expect, test } from 'vitest';
import { getArticle } from '../../src/analytics/article.ts';
import { freshStorePerTest, seed } from '../helpers/seed-events.ts';

const store = freshStorePerTest();

const RANGE = { from: '2026-11-01', to: '2026-11-30' };

test('shows one article’s views by day, votes, comments newest first, escalation and the searches that led to it', async () => {
  await seed(store, [
    { type: 'search', session: 'session-a1', query: 'Shopify sync', results: 3, at: '2026-11-02T09:00:00Z' },
    {
      type: 'search_click',
      session: 'session-a1',
      query: 'shopify sync',
      article: 'connect-shopify',
      position: 1,
      at: '2026-11-02T09:00:05Z',
    },
    { type: 'view', session: 'session-a1', article: 'connect-shopify', at: '2026-11-02T09:00:06Z' },
    {
      type: 'feedback',
      session: 'session-a1',
      article: 'connect-shopify',
      vote: 'down',
      reason: 'outdated',
      comment: 'The menus moved',
      revision: 'aaaaaaaaaaaa',
      at: '2026-11-02T09:03:00Z',
    },
    { type: 'contact', session: 'session-a1', article: 'connect-shopify', at: '2026-11-02T09:04:00Z' },
    { type: 'search', session: 'session-a2', query: 'shopify', results: 5, at: '2026-11-03T09:00:00Z' },
    { type: 'search_click', session: 'session-a2', query: 'shopify', article: 'connect-shopify', position: 2, at: '2026-11-03T09:00:05Z' },
    { type: 'view', session: 'session-a2', article: 'connect-shopify', at: '2026-11-03T09:00:06Z' },
    {
      type: 'feedback',
      session: 'session-a2',
      article: 'connect-shopify',
      vote: 'up',
      comment: 'Worked after the update',
      revision: 'bbbbbbbbbbbb',
      at: '2026-11-03T09:02:00Z',
    },
    { type: 'search', session: 'session-a3', query: 'shopify sync', results: 3, at: '2026-11-03T10:00:00Z' },
    {
      type: 'search_click',
      session: 'session-a3',
      query: 'shopify sync',
      article: 'connect-shopify',
      position: 1,
      at: '2026-11-03T10:00:05Z',
    },
    { type: 'view', session: 'session-a3', article: 'connect-shopify', at: '2026-11-03T10:00:06Z' },
  ]);
  const report = (await getArticle(store.db, RANGE, 'connect-shopify'))!;
  expect(report).toMatchObject({ slug: 'connect-shopify', views: 3, viewSessions: 3, escalations: 1, escalationRate: 1 / 3 });
  expect(report.rating).toMatchObject({ up: 1, down: 1, n: 2, helpfulness: 0.5, enoughVotes: false });
  expect(report.reasons).toEqual({ outdated: 1, unclear: 0, didnt_solve: 0, product_issue: 0, other: 0 });
  expect(report.byDay.map((d) => [d.day, d.views, d.escalations, d.up, d.down])).toEqual([
    ['2026-11-02', 1, 1, 0, 1],
    ['2026-11-03', 2, 0, 1, 0],
  ]);
  expect(report.comments).toEqual([
    { at: '2026-11-03T09:02:00.000Z', vote: 'up', reason: null, revision: 'bbbbbbbbbbbb', comment: 'Worked after the update' },
    { at: '2026-11-02T09:03:00.000Z', vote: 'down', reason: 'outdated', revision: 'aaaaaaaaaaaa', comment: 'The menus moved' },
  ]);
  expect(report.queries).toEqual([
    { query: 'shopify sync', clicks: 2 },
    { query: 'shopify', clicks: 1 },
  ]);
});

test('answers null for a slug nobody published or read', async () => {
  expect(await getArticle(store.db, RANGE, 'no-such-article')).toBeNull();
});
