import fc from 'fast-check';
import { expect, test } from 'vitest';
import { queryGroupKey } from '../../src/analytics/query-groups.ts';
import type { QueryColumns } from '../../src/analytics/query-totals.ts';
import { failingFirst, GAP_NO_CLICK_SHARE, getSearch } from '../../src/analytics/search.ts';
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
  await seed(store, [{ type: 'search', session: 'session-t1', query: 'refund', results: 3, at }]);
  expect((await getSearch(store.db, RANGE)).topQueries.map((q) => q.query)).toEqual(['refund']);
  await seed(store, [
    { type: 'search', session: 'session-t2', query: 'payroll', results: 0, at },
    { type: 'search', session: 'session-t3', query: 'payroll', results: 0, at },
  ]);
  const report = await getSearch(store.db, RANGE);
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
  // Each alone: what is remembered about the first one (no signature shared yet) must not stand once the typo is seen.
  expect((await getSearch(store.db, { from: '2026-11-01', to: '2026-11-10' })).contentGaps.map((g) => g.variants)).toEqual([
    ['reconcile payouts'],
  ]);
  expect((await getSearch(store.db, { from: '2026-11-15', to: '2026-11-30' })).contentGaps.map((g) => g.variants)).toEqual([
    ['reconcle payouts'],
  ]);
  expect((await getSearch(store.db, RANGE)).contentGaps.map((g) => [g.variants, g.withoutClick])).toEqual([
    [['reconcile payouts', 'reconcle payouts'], 2],
  ]);
});

test('files failing queries most failed first, then in id order, however many times the most failed one failed', () => {
  // Counts up to 4 times the rows take the counting path, larger ones the comparator: both must give the plain sort's
  // order.
  const row = fc.record({
    searches: fc.integer({ min: 1, max: 60 }),
    zeroShare: fc.double({ min: 0, max: 1, noNaN: true }),
    clickShare: fc.double({ min: 0, max: 1, noNaN: true }),
  });
  fc.assert(
    fc.property(fc.array(row, { maxLength: 12 }), (rows) => {
      const q = columns(
        rows.map((r) => ({
          searches: r.searches,
          zeroResults: Math.floor(r.searches * r.zeroShare),
          clicked: Math.floor(r.searches * r.clickShare),
        })),
      );
      const failed = (i: number) => q.searches[i]! - q.clicked[i]!;
      const expected = [...q.ids.keys()]
        .filter((i) => q.zeroResults[i]! > 0 || failed(i) / q.searches[i]! >= GAP_NO_CLICK_SHARE)
        .sort((i, j) => failed(j) - failed(i) || i - j);
      expect([...failingFirst(q)]).toEqual(expected);
    }),
  );
});

/** Query columns as the totals come back: ids ascending with the rows. */
function columns(rows: { searches: number; zeroResults: number; clicked: number }[]): QueryColumns {
  const n = rows.length;
  const q: QueryColumns = {
    length: n,
    ids: Int32Array.from(rows.keys(), (i) => i + 1),
    searches: new Float64Array(n),
    zeroResults: new Float64Array(n),
    clicked: new Float64Array(n),
    escalated: new Float64Array(n),
  };
  rows.forEach((r, i) => ([q.searches[i], q.zeroResults[i], q.clicked[i]] = [r.searches, r.zeroResults, r.clicked]));
  return q;
}
