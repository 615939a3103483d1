import { expect, test } from 'vitest';
import { getOverview } from '../../src/analytics/overview.ts';
import { freshStorePerTest, seed } from '../helpers/seed-events.ts';

const store = freshStorePerTest();

const RANGE = { from: '2026-11-01', to: '2026-11-30' };

test('puts each headline number beside the previous equal period and the change', async () => {
  await seed(store, [
    // Previous period (2026-10-02 to 2026-10-31): 2 sessions, one escalated, one up vote.
    { type: 'view', session: 'session-p1', article: 'refund-a-payment', at: '2026-10-10T09:00:00Z' },
    { type: 'contact', session: 'session-p1', article: 'refund-a-payment', at: '2026-10-10T09:02:00Z' },
    { type: 'view', session: 'session-p2', article: 'connect-shopify', at: '2026-10-10T10:00:00Z' },
    { type: 'feedback', session: 'session-p2', article: 'connect-shopify', vote: 'up', at: '2026-10-10T10:01:00Z' },
    // This period: 4 sessions, one escalated, 4 views, 2 searches, one up and one down vote.
    { type: 'search', session: 'session-c1', query: 'refund', results: 2, at: '2026-11-05T09:00:00Z' },
    { type: 'view', session: 'session-c1', article: 'refund-a-payment', at: '2026-11-05T09:01:00Z' },
    { type: 'feedback', session: 'session-c1', article: 'refund-a-payment', vote: 'up', at: '2026-11-05T09:02:00Z' },
    { type: 'view', session: 'session-c2', article: 'refund-a-payment', at: '2026-11-05T10:00:00Z' },
    { type: 'contact', session: 'session-c2', article: 'refund-a-payment', at: '2026-11-05T10:01:00Z' },
    { type: 'view', session: 'session-c3', article: 'connect-shopify', at: '2026-11-05T11:00:00Z' },
    { type: 'view', session: 'session-c3', article: 'refund-a-payment', at: '2026-11-05T11:01:00Z' },
    { type: 'feedback', session: 'session-c3', article: 'connect-shopify', vote: 'down', reason: 'outdated', at: '2026-11-05T11:02:00Z' },
    { type: 'search', session: 'session-c4', query: 'payroll', results: 0, at: '2026-11-05T12:00:00Z' },
  ]);
  const o = await getOverview(store.db, RANGE);
  expect(o.previousRange).toEqual({ from: '2026-10-02', to: '2026-10-31' });
  expect(o.kbSessions).toEqual({ value: 4, previous: 2, change: 1, unit: 'count' });
  expect(o.escalatedSessions).toEqual({ value: 1, previous: 1, change: 0, unit: 'count' });
  expect(o.views).toEqual({ value: 4, previous: 2, change: 1, unit: 'count' });
  // No searches before: the change has no base and is null, not Infinity.
  expect(o.searches).toEqual({ value: 2, previous: 0, change: null, unit: 'count' });
  expect(o.votes).toEqual({ value: 2, previous: 1, change: 1, unit: 'count' });
  expect(o.helpfulness).toEqual({ value: 0.5, previous: 1, change: -0.5, unit: 'rate' });
  expect(o.deflectionRate).toEqual({ value: 0.75, previous: 0.5, change: 0.25, unit: 'rate' });
  expect(o.selfServiceScore).toEqual({ value: 4, previous: 2, change: 1, unit: 'ratio' });
  expect(o.contactRate).toEqual({ value: 0.25, previous: 0.5, change: -0.25, unit: 'rate' });
});

test('reports an empty database as zero counts and null rates', async () => {
  const o = await getOverview(store.db, RANGE);
  expect(o.kbSessions).toEqual({ value: 0, previous: 0, change: null, unit: 'count' });
  expect(o.helpfulness).toEqual({ value: null, previous: null, change: null, unit: 'rate' });
  expect(o.selfServiceScore).toEqual({ value: null, previous: null, change: null, unit: 'ratio' });
  expect(JSON.stringify(o)).not.toMatch(/NaN|Infinity/);
});
