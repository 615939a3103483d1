import fc from 'fast-check';
import { expect, test } from 'vitest';
import { addDays, ROLLUP_KEY } from '../../src/domain/utc-day.ts';
import { articleStats } from '../../src/analytics/article-stats.ts';
import { getOverview } from '../../src/analytics/overview.ts';
import { getRatings } from '../../src/analytics/ratings.ts';
import { rollupBuckets, type Bucket } from '../../src/analytics/rollup-buckets.ts';
import { getSearch } from '../../src/analytics/search.ts';
import { getTutorials } from '../../src/analytics/tutorials.ts';
import { publish } from '../helpers/report-catalog.ts';
import { freshStorePerTest, seed } from '../helpers/seed-events.ts';

/** Whether a bucket's rows include a day: its own key, or the week, month or quarter the day falls in. */
const includes = (bucket: Bucket, day: string) =>
  ROLLUP_KEY[bucket.level](day) >= bucket.from && ROLLUP_KEY[bucket.level](day) <= bucket.to;

const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2025-01-01', n));

test('counts every day of any range once and every day outside it not at all, days taken away included', () => {
  fc.assert(
    fc.property(day, fc.integer({ min: 0, max: 800 }), (from, length) => {
      const to = addDays(from, length);
      const buckets = rollupBuckets({ from, to });
      for (let d = addDays(from, -40); d <= addDays(to, 40); d = addDays(d, 1)) {
        const net = buckets.reduce((sum, b) => sum + (includes(b, d) ? b.sign : 0), 0);
        expect(net, `${d} in ${from}..${to}`).toBe(d >= from && d <= to ? 1 : 0);
      }
    }),
  );
});

test('reads 4–31 December as December less its first three days, and a year as its one yearly key', () => {
  expect(rollupBuckets({ from: '2026-12-04', to: '2026-12-31' })).toEqual([
    { level: 'monthly', from: '2026-12-01', to: '2026-12-01', sign: 1 },
    { level: 'daily', from: '2026-12-01', to: '2026-12-03', sign: -1 },
  ]);
  expect(rollupBuckets({ from: '2026-01-01', to: '2026-12-31' })).toEqual([
    { level: 'yearly', from: '2026-01-01', to: '2026-01-01', sign: 1 },
  ]);
  // Fourteen months: 2025, then two months (the first quarter of 2026 less March would read more rows).
  expect(rollupBuckets({ from: '2025-01-01', to: '2026-02-28' })).toEqual([
    { level: 'yearly', from: '2025-01-01', to: '2025-01-01', sign: 1 },
    { level: 'monthly', from: '2026-01-01', to: '2026-02-01', sign: 1 },
  ]);
});

const store = freshStorePerTest();

test('leaves out of every report what happened on the days a month is read less', async () => {
  await publish(store, { 'export-invoices': { category: 'billing' }, 'set-up-sso': { category: 'security', kind: 'tutorial', steps: 2 } });
  const outside = '2026-12-02T10:00:00Z';
  const inside = '2026-12-10T10:00:00Z';
  await seed(store, [
    { type: 'view', session: 'session-in', article: 'export-invoices', at: inside },
    { type: 'feedback', session: 'session-in', article: 'export-invoices', vote: 'up', at: inside },
    { type: 'search', session: 'session-in', query: 'invoice export', results: 3, at: inside },
    { type: 'tutorial_step', session: 'session-in', article: 'set-up-sso', step: 1, steps: 2, at: inside },
    // Only on 2 December: an article since unpublished, a query, a vote and a tutorial's second step.
    { type: 'view', session: 'session-out', article: 'retired-article', at: outside },
    { type: 'view', session: 'session-out', article: 'export-invoices', at: outside },
    { type: 'feedback', session: 'session-out', article: 'export-invoices', vote: 'down', reason: 'outdated', at: outside },
    { type: 'search', session: 'session-out', query: 'cancel plan', results: 0, at: outside },
    { type: 'tutorial_step', session: 'session-out', article: 'set-up-sso', step: 1, steps: 2, at: outside },
    { type: 'tutorial_step', session: 'session-out', article: 'set-up-sso', step: 2, steps: 2, at: outside },
  ]);
  const range = { from: '2026-12-04', to: '2026-12-31' };

  const overview = await getOverview(store.db, range);
  expect([overview.views.value, overview.votes.value, overview.searches.value]).toEqual([1, 1, 1]);
  const search = await getSearch(store.db, range);
  expect(search.topQueries.map((q) => [q.query, q.searches])).toEqual([['invoice export', 1]]);
  expect(search.zeroResultQueries).toEqual([]);
  const ratings = await getRatings(store.db, range);
  expect(ratings.articles.map((a) => [a.slug, a.up, a.down])).toEqual([['export-invoices', 1, 0]]);
  const stats = await articleStats(store.db, range);
  expect(stats.map((s) => [s.slug, s.views, s.up, s.down, s.outdated])).toEqual([
    ['export-invoices', 1, 1, 0, 0],
    ['set-up-sso', 0, 0, 0, 0],
  ]);
  expect((await getTutorials(store.db, range)).map((t) => [t.slug, t.reached])).toEqual([['set-up-sso', [1, 0]]]);
});
