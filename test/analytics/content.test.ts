import { expect, test } from 'vitest';
import { getContent } from '../../src/analytics/content.ts';
import { publish } from '../helpers/report-catalog.ts';
import { freshStorePerTest, seed, type SeedEvent } from '../helpers/seed-events.ts';

const store = freshStorePerTest();

const RANGE = { from: '2026-11-01', to: '2026-11-30' };
const at = '2026-11-10T10:00:00Z';

function votes(slug: string, up: number, down: number): SeedEvent[] {
  return Array.from({ length: up + down }, (_, i) => ({
    type: 'feedback' as const,
    session: `${slug.slice(0, 12)}-vote-${i}`,
    article: slug,
    vote: i < up ? ('up' as const) : ('down' as const),
    at,
  }));
}

test('lists stale, never viewed, low-rated and undescribed articles', async () => {
  await publish(store, {
    'fresh-article': { category: 'faq', reviewed: '2026-10-01' },
    'old-review': { category: 'faq', reviewed: '2026-01-15' },
    'never-reviewed': { category: 'faq', reviewed: null, has_description: false },
    'well-rated': { category: 'faq' },
    'poorly-rated': { category: 'billing' },
  });
  await seed(store, [
    { type: 'view', session: 'session-k1', article: 'fresh-article', at },
    { type: 'view', session: 'session-k2', article: 'well-rated', at },
    ...votes('well-rated', 18, 2),
    ...votes('fresh-article', 9, 1),
    ...votes('poorly-rated', 3, 9),
  ]);
  const report = await getContent(store.db, RANGE);
  expect(report).toMatchObject({ asOf: '2026-11-30', reviewDays: 180, publishedArticles: 5 });
  // Never reviewed first, then the oldest review: 2026-01-15 is 319 days before 2026-11-30.
  expect(report.stale.map((s) => [s.slug, s.reviewed, s.daysSinceReview])).toEqual([
    ['never-reviewed', null, null],
    ['old-review', '2026-01-15', 319],
  ]);
  expect(report.neverViewed.map((s) => s.slug)).toEqual(['never-reviewed', 'old-review', 'poorly-rated']);
  // The site median is 90% helpful; even the best case for 3 of 12 (53%) is far below it.
  expect(report.lowRated.map((s) => [s.slug, s.up, s.down])).toEqual([['poorly-rated', 3, 9]]);
  expect(report.missingDescription.map((s) => s.slug)).toEqual(['never-reviewed']);
});

test('takes the review interval from the request', async () => {
  await publish(store, { 'fresh-article': { category: 'faq', reviewed: '2026-10-01' } });
  const report = await getContent(store.db, { ...RANGE, review_days: 30 });
  expect(report.stale.map((s) => [s.slug, s.daysSinceReview])).toEqual([['fresh-article', 60]]);
});

test('leaves articles the current build no longer publishes out', async () => {
  await seed(store, [{ type: 'view', session: 'session-k3', article: 'removed-article', at }]);
  await publish(store, { 'fresh-article': { category: 'faq', reviewed: '2026-10-01' } });
  const report = await getContent(store.db, RANGE);
  expect(report.publishedArticles).toBe(1);
  expect(report.neverViewed.map((s) => s.slug)).toEqual(['fresh-article']);
});
