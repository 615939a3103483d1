import fc from 'fast-check';
import { expect, test } from 'vitest';
import { queryGroupKey } from '../../src/analytics/query-groups.ts';
import { QueryMemory } from '../../src/analytics/query-memory.ts';
import { getSearch, topBy } from '../../src/analytics/search.ts';
import { byText } from '../../src/analytics/text-order.ts';
import { freshStorePerTest, seed } from '../helpers/seed-events.ts';

const store = freshStorePerTest();

const RANGE = { from: '2026-11-01', to: '2026-11-30' };
const at = '2026-11-12T10:00:00Z';

test('groups near-duplicate queries under one key', () => {
  expect(queryGroupKey('reset password')).toBe(queryGroupKey('Password resets'));
  expect(queryGroupKey('how do I reset my password?')).toBe('password reset');
  expect(queryGroupKey('payroll')).not.toBe(queryGroupKey('payouts'));
});

test('computes the zero-result rate and a click-through rate that never passes 100%', async () => {
  await seed(store, [
    { type: 'search', session: 'session-s1', query: 'refund', results: 3, at },
    // Three clicks on the same settled search are still one search followed by a click.
    { type: 'search_click', session: 'session-s1', query: 'refund', article: 'refund-a-payment', position: 1, at },
    { type: 'search_click', session: 'session-s1', query: 'refund', article: 'issue-a-credit-note', position: 2, at },
    { type: 'search_click', session: 'session-s1', query: 'refund', article: 'refund-a-payment', position: 1, at },
    { type: 'search', session: 'session-s2', query: 'refund', results: 3, at },
    { type: 'search', session: 'session-s3', query: 'payroll', results: 0, at },
    { type: 'search', session: 'session-s4', query: 'Payroll ', results: 0, at },
  ]);
  const report = await getSearch(store.db, RANGE);
  expect(report.searches).toBe(4);
  expect(report.zeroResultRate).toBe(0.5);
  expect(report.clickThroughRate).toBe(0.25);
  expect(report.topQueries.map((q) => [q.query, q.searches, q.clicked, q.clickThroughRate])).toEqual([
    ['payroll', 2, 0, 0],
    ['refund', 2, 1, 0.5],
  ]);
  expect(report.zeroResultQueries.map((q) => q.query)).toEqual(['payroll']);
});

test('lists content gaps by failed sessions with their near-duplicate wordings, and queries followed by contact', async () => {
  await seed(store, [
    { type: 'search', session: 'session-g1', query: 'payroll', results: 0, at },
    { type: 'search', session: 'session-g2', query: 'payroll', results: 0, at },
    { type: 'search', session: 'session-g3', query: 'run payroll', results: 0, at },
    { type: 'search', session: 'session-g4', query: 'payroll run', results: 0, at },
    { type: 'contact', session: 'session-g4', query: 'payroll run', at },
    { type: 'search', session: 'session-g5', query: 'vat number', results: 2, at },
  ]);
  const report = await getSearch(store.db, RANGE);
  expect(report.contentGaps).toEqual([
    { query: 'payroll', variants: ['payroll'], sessions: 2, zeroResults: 2, withoutClick: 2 },
    { query: 'payroll run', variants: ['payroll run', 'run payroll'], sessions: 2, zeroResults: 2, withoutClick: 2 },
    { query: 'vat number', variants: ['vat number'], sessions: 1, zeroResults: 0, withoutClick: 1 },
  ]);
  expect(report.queriesFollowedByContact.map((q) => [q.query, q.escalated])).toEqual([['payroll run', 1]]);
});

test('groups a typo with its query, and leaves out a query most readers click through', async () => {
  await seed(store, [
    { type: 'search', session: 'session-t1', query: 'payroll taxes', results: 0, at },
    { type: 'search', session: 'session-t2', query: 'payrol taxes', results: 0, at },
    { type: 'search', session: 'session-t8', query: 'payroll taxes', results: 0, at },
    { type: 'search', session: 'session-t3', query: 'tax', results: 0, at },
    { type: 'search', session: 'session-t4', query: 'taxi', results: 0, at },
    // 2 of 3 searches clicked: the readers found something.
    ...['t5', 't6', 't7'].map((s) => ({ type: 'search' as const, session: `session-${s}`, query: 'recurring invoices', results: 4, at })),
    { type: 'search_click', session: 'session-t5', query: 'recurring invoices', article: 'set-up-recurring-invoices', position: 1, at },
    { type: 'search_click', session: 'session-t6', query: 'recurring invoices', article: 'set-up-recurring-invoices', position: 1, at },
  ]);
  const { contentGaps } = await getSearch(store.db, RANGE);
  // Short words must match exactly: "tax" and "taxi" stay apart.
  expect(contentGaps.map((g) => [g.query, g.variants, g.withoutClick])).toEqual([
    ['payroll taxes', ['payroll taxes', 'payrol taxes'], 3],
    ['tax', ['tax'], 1],
    ['taxi', ['taxi'], 1],
  ]);
});

test('reports no searches with null rates', async () => {
  const report = await getSearch(store.db, RANGE);
  expect(report).toMatchObject({ searches: 0, zeroResultRate: null, clickThroughRate: null, topQueries: [], contentGaps: [] });
});

test('names the queries first searched after the report was last read', async () => {
  const memory = new QueryMemory();
  await seed(store, [{ type: 'search', session: 'session-t1', query: 'refund', results: 3, at }]);
  expect((await getSearch(store.db, RANGE, memory)).topQueries.map((q) => q.query)).toEqual(['refund']);
  await seed(store, [
    { type: 'search', session: 'session-t2', query: 'payroll', results: 0, at },
    { type: 'search', session: 'session-t3', query: 'payroll', results: 0, at },
  ]);
  const report = await getSearch(store.db, RANGE, memory);
  expect(report.topQueries.map((q) => [q.query, q.searches])).toEqual([
    ['payroll', 2],
    ['refund', 1],
  ]);
  expect(report.contentGaps.map((g) => [g.query, g.withoutClick])).toEqual([
    ['payroll', 2],
    ['refund', 1],
  ]);
});

test('groups a typo with its query when each was reported alone before', async () => {
  await seed(store, [
    { type: 'search', session: 'session-r1', query: 'reconcile payouts', results: 0, at: '2026-11-05T10:00:00Z' },
    { type: 'search', session: 'session-r2', query: 'reconcle payouts', results: 0, at: '2026-11-20T10:00:00Z' },
  ]);
  // One memory across the three reports, as the server keeps it.
  const memory = new QueryMemory();
  // Each alone: what is remembered about the first one (no signature shared yet) must not stand once the typo is seen.
  expect((await getSearch(store.db, { from: '2026-11-01', to: '2026-11-10' }, memory)).contentGaps.map((g) => g.variants)).toEqual([
    ['reconcile payouts'],
  ]);
  expect((await getSearch(store.db, { from: '2026-11-15', to: '2026-11-30' }, memory)).contentGaps.map((g) => g.variants)).toEqual([
    ['reconcle payouts'],
  ]);
  expect((await getSearch(store.db, RANGE, memory)).contentGaps.map((g) => [g.variants, g.withoutClick])).toEqual([
    [['reconcile payouts', 'reconcle payouts'], 2],
  ]);
});

test('keeps the same first items as sorting them all and slicing', () => {
  const item = fc.record({ count: fc.integer({ min: 0, max: 4 }), tie: fc.integer({ min: 0, max: 2 }), text: fc.string({ maxLength: 3 }) });
  fc.assert(
    fc.property(
      fc.array(item, { maxLength: 30 }),
      fc.integer({ min: 0, max: 8 }),
      fc.integer({ min: 0, max: 2 }),
      (items, limit, least) => {
        const expected = items
          .filter((i) => i.count >= least)
          .sort((a, b) => b.count - a.count || b.tie - a.tie || byText(a.text, b.text))
          .slice(0, limit);
        const kept = topBy(
          items,
          (i) => i.count,
          least,
          (i) => i.text,
          limit,
          (i) => i.tie,
        );
        expect(kept.map((i) => [i.count, i.tie, i.text])).toEqual(expected.map((i) => [i.count, i.tie, i.text]));
      },
    ),
  );
});
