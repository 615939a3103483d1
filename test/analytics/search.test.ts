import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { queryGroupKey } from '../../src/analytics/query-groups.ts';
import { QueryMemory } from '../../src/analytics/query-memory.ts';
import { getSearch, topBy } from '../../src/analytics/search.ts';
import { byText } from '../../src/analytics/text-order.ts';
import { freshStorePerTest, seed, type SeedEvent } from '../helpers/seed-events.ts';
import { suggestFix } from '../../src/analytics/gap-fixes.ts';
import { syncCatalog } from '../../src/analytics/sync-catalog.ts';
import { publish } from '../helpers/report-catalog.ts';

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
  expect(report.contentGaps.map(({ fix: _, change: __, ...gap }) => gap)).toEqual([
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

test('counts a misspelt search answered by its correction as found, and lists the typed query with its correction', async () => {
  await seed(store, [
    {
      type: 'search',
      session: 'session-c1',
      query: 'recuring invoce',
      results: 0,
      corrected: { query: 'recurring invoice', results: 4 },
      at,
    },
    {
      type: 'search',
      session: 'session-c2',
      query: 'Recuring invoce',
      results: 0,
      corrected: { query: 'recurring invoice', results: 4 },
      at,
    },
    // A correction that found nothing either leaves the reader with nothing.
    { type: 'search', session: 'session-c3', query: 'zzyzx payrol', results: 0, corrected: { query: 'zzyzx payroll', results: 0 }, at },
  ]);
  const report = await getSearch(store.db, RANGE);
  expect(report.zeroResultQueries.map((q) => [q.query, q.searches, q.zeroResults])).toEqual([['zzyzx payrol', 1, 1]]);
  expect(report.zeroResultRate).toBeCloseTo(1 / 3);
  expect(report.corrections).toEqual([
    { query: 'recuring invoce', correctedTo: 'recurring invoice', searches: 2 },
    { query: 'zzyzx payrol', correctedTo: 'zzyzx payroll', searches: 1 },
  ]);
});

test('suggests the fix for each kind of gap with the exact line to add, and a review when every search showed results', () => {
  const found = (slug: string, title: string) => ({ slug, title, sessions: 3 });
  expect(suggestFix('cancel membership', found('cancel-your-subscription', 'Cancel your subscription'), true)).toEqual({
    kind: 'synonym',
    file: 'content/synonyms.json',
    line: '["subscription","membership"],',
    article: 'cancel-your-subscription',
    sessions: 3,
  });
  expect(suggestFix('stop billing', found('cancel-your-subscription', 'Cancel your subscription'), true)).toMatchObject({
    kind: 'alias',
    file: 'frontmatter of cancel-your-subscription',
    line: 'aliases: ["stop billing"]',
  });
  expect(suggestFix('why was my card charged twice this month', found('refund-a-payment', 'Refund a payment'), true)).toMatchObject({
    kind: 'pin',
    file: 'content/pins.json',
    line: '{"queries":["why was my card charged twice this month"],"article":"refund-a-payment"},',
  });
  expect(suggestFix('shopify sync', undefined, false)).toMatchObject({ kind: 'review', line: null });
  expect(suggestFix('shopify sync', undefined, true)).toEqual({
    kind: 'article',
    file: 'content/articles/shopify-sync.mdx',
    line: 'title: "Shopify sync"',
    article: null,
    sessions: 0,
  });
});

test('suggests the article readers opened after a search that showed them nothing', async () => {
  const sessions = ['f1', 'f2', 'f3'];
  await seed(store, [
    ...sessions.flatMap((s, i): SeedEvent[] => [
      { type: 'search', session: `session-${s}`, query: 'stop billing', results: 0, at },
      { type: 'view', session: `session-${s}`, article: i < 2 ? 'cancel-your-subscription' : 'compare-plans', at: '2026-11-12T10:01:00Z' },
    ]),
    // Read before the search: not what the search was looking for.
    { type: 'view', session: 'session-f4', article: 'compare-plans', at },
    { type: 'search', session: 'session-f4', query: 'stop billing', results: 0, at: '2026-11-12T10:05:00Z' },
  ]);
  await publish(store, { 'cancel-your-subscription': { category: 'billing' }, 'compare-plans': { category: 'billing' } });
  const [gap] = (await getSearch(store.db, RANGE)).contentGaps;
  expect(gap?.fix).toMatchObject({ kind: 'alias', article: 'cancel-your-subscription', sessions: 2, line: 'aliases: ["stop billing"]' });
  expect(gap?.change).toBeNull();
});

describe('a gap a later build matched', () => {
  const searches = (query: string, day: string, found: number[]): SeedEvent[] =>
    found.map((results, i) => ({
      type: 'search',
      session: `session-${query.replace(/\W/g, '')}-${day}-${i}`,
      query,
      results,
      at: `${day}T09:00:00Z`,
    }));
  const served = (kind: 'synonym' | 'alias' | 'pin' | 'title', text: string, day: string) =>
    syncCatalog(store.db, {}, [{ kind, text, article: kind === 'synonym' ? null : 'cancel-your-subscription' }], day);

  test('is closed when its searches since the build found articles: the zero-result rate before and after, with both sample sizes', async () => {
    await seed(store, [
      ...searches('cancel membership', '2026-11-05', [0, 0, 0, 0, 0, 0]),
      ...searches('Cancel memberships', '2026-11-20', [2, 2, 2, 0, 2, 2, 2, 2]),
    ]);
    await served('synonym', 'membership', '2026-11-15');
    const [gap] = (await getSearch(store.db, RANGE)).contentGaps;
    expect(gap?.change).toEqual({
      kind: 'synonym',
      term: 'membership',
      since: '2026-11-15',
      before: { searches: 6, zeroResults: 6, zeroResultRate: 1 },
      after: { searches: 8, zeroResults: 1, zeroResultRate: 0.125 },
      status: 'closed',
    });
  });

  test('is not closed while its searches since the build find nothing as often, and waits for three searches to say', async () => {
    await seed(store, [...searches('cancel membership', '2026-11-05', [0, 2]), ...searches('cancel membership', '2026-11-20', [0, 2, 0])]);
    await served('alias', 'cancel membership', '2026-11-15');
    expect((await getSearch(store.db, RANGE)).contentGaps[0]?.change).toMatchObject({ kind: 'alias', status: 'not closed' });
    expect((await getSearch(store.db, { from: RANGE.from, to: '2026-11-19' })).contentGaps[0]?.change).toMatchObject({
      after: { searches: 0 },
      status: 'too few searches',
    });
    // Served from before the range: nothing to compare with, and searches since that still find nothing.
    expect((await getSearch(store.db, { from: '2026-11-16', to: RANGE.to })).contentGaps[0]?.change).toMatchObject({
      before: { searches: 0 },
      after: { searches: 3, zeroResults: 2 },
      status: 'not closed',
    });
  });

  test('is compared with the latest matching term served by the end of the range, and a term first seen later keeps its first day', async () => {
    await seed(store, searches('cancel membership', '2026-11-05', [0]));
    await served('pin', 'Cancel membership', '2026-11-08');
    await served('title', 'Cancel your membership', '2026-11-10');
    await served('pin', 'cancel membership', '2026-11-25');
    await served('alias', 'cancel memberships', '2026-12-02');
    expect((await getSearch(store.db, RANGE)).contentGaps[0]?.change).toMatchObject({
      kind: 'title',
      term: 'Cancel your membership',
      since: '2026-11-10',
    });
  });
});
