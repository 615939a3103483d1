import { afterEach, expect, test } from 'vitest';
import type { EventStore } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { runReport } from '../../src/analytics/report-registry.ts';
import { publish } from '../helpers/report-catalog.ts';
import { storeRollupMismatches } from '../helpers/rollup-consistency.ts';
import { seed, type SeedEvent } from '../helpers/seed-events.ts';
import { freshTestStore, migrateTo } from '../helpers/test-store.ts';

let store: EventStore | undefined;
afterEach(() => store?.close());

// Over two quarters of one year: views, votes, searches and a tutorial's steps.
const HISTORY: SeedEvent[] = [
  { type: 'view', session: 'session-march', article: 'refund-a-payment', at: '2026-03-30T10:00:00Z' },
  { type: 'feedback', session: 'session-march', article: 'refund-a-payment', vote: 'down', reason: 'outdated', at: '2026-03-30T10:01:00Z' },
  { type: 'search', session: 'session-march', query: 'refund', results: 2, at: '2026-03-30T10:02:00Z' },
  { type: 'view', session: 'session-april', article: 'refund-a-payment', at: '2026-04-02T10:00:00Z' },
  { type: 'feedback', session: 'session-april', article: 'refund-a-payment', vote: 'up', at: '2026-04-02T10:01:00Z' },
  { type: 'search', session: 'session-may', query: 'refund', results: 0, at: '2026-05-12T09:00:00Z' },
  { type: 'tutorial_step', session: 'session-may', article: 'set-up-payouts', step: 1, steps: 3, at: '2026-05-12T09:05:00Z' },
];

const REPORTS = ['overview', 'ratings', 'search', 'tutorials'] as const;

/** A store with the history at today's schema, and its reports over `range` before any migration is undone. */
async function storeWithHistory(range: { from: string; to: string }) {
  store = await freshTestStore();
  await publish(store, { 'refund-a-payment': { category: 'billing' }, 'set-up-payouts': { category: 'billing', kind: 'tutorial', steps: 3 } });
  await seed(store, HISTORY);
  return Promise.all(REPORTS.map((name) => runReport(store!.db, name, range)));
}

test('an install from before the quarterly rollups gets them filled from its history, and its reports keep their numbers', async () => {
  const range = { from: '2026-01-01', to: '2026-06-30' };
  const before = await storeWithHistory(range);

  // Back to the schema before the migration (its down step drops the quarterly tables), then forward again.
  await migrateTo(store!, '0011-escalated-query-rows');
  expect(await migrateToLatest(store!.db)).toEqual(['0012-quarterly-rollups', '0013-yearly-rollups']);

  const quarters = await store!.db.selectFrom('article_quarterly').select(['day', 'views', 'up', 'down', 'outdated']).orderBy('day').execute();
  expect(quarters).toEqual([
    { day: '2026-01-01', views: 1, up: 0, down: 1, outdated: 1 },
    { day: '2026-04-01', views: 1, up: 1, down: 0, outdated: 0 },
  ]);
  expect(await storeRollupMismatches(store!)).toEqual({});
  // The first half of 2026 is read as its two quarters.
  expect(await Promise.all(REPORTS.map((name) => runReport(store!.db, name, range)))).toEqual(before);
});

test('an install from before the yearly rollups gets them filled from its quarters, and a year\'s reports keep their numbers', async () => {
  const range = { from: '2026-01-01', to: '2026-12-31' };
  const before = await storeWithHistory(range);

  await migrateTo(store!, '0012-quarterly-rollups');
  expect(await migrateToLatest(store!.db)).toEqual(['0013-yearly-rollups']);

  const years = await store!.db.selectFrom('article_yearly').select(['day', 'views', 'up', 'down', 'outdated']).execute();
  expect(years).toEqual([{ day: '2026-01-01', views: 2, up: 1, down: 1, outdated: 1 }]);
  expect(await store!.db.selectFrom('query_yearly').select(['day', 'searches', 'zero_results']).execute()).toEqual([{ day: '2026-01-01', searches: 2, zero_results: 1 }]);
  expect(await storeRollupMismatches(store!)).toEqual({});
  // 2026 is read as its one yearly key.
  expect(await Promise.all(REPORTS.map((name) => runReport(store!.db, name, range)))).toEqual(before);
});
