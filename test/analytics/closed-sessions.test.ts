import { expect, test } from 'vitest';
import { sql } from 'kysely';
import { closeIdleSessions, CLOSE_AFTER_MS } from '../../src/ingest/close-sessions.ts';
import { reportSource, runReport } from '../../src/analytics/report-registry.ts';
import { REPORTS, type ReportParams } from '../../src/schemas/report-params.ts';
import { publish } from '../helpers/report-catalog.ts';
import { storeRollupMismatches } from '../helpers/rollup-consistency.ts';
import { freshStorePerTest, seed, type SeedEvent } from '../helpers/seed-events.ts';

const store = freshStorePerTest();

const CATALOG = {
  'refund-a-payment': { category: 'billing', product_area: 'payments' },
  'issue-a-credit-note': { category: 'billing', product_area: 'invoices' },
  'connect-shopify': { category: 'integrations', product_area: 'shop' },
};

// Four sessions on two days: reading, searching, voting (one vote changed), escalating; one votes without viewing.
const HISTORY: SeedEvent[] = [
  { type: 'search', session: 'session-one', query: 'refund', results: 2, at: '2026-11-02T10:00:00Z' },
  { type: 'search_click', session: 'session-one', query: 'refund', article: 'refund-a-payment', position: 1, at: '2026-11-02T10:00:05Z' },
  { type: 'view', session: 'session-one', article: 'refund-a-payment', at: '2026-11-02T10:00:06Z' },
  { type: 'feedback', session: 'session-one', article: 'refund-a-payment', vote: 'down', reason: 'unclear', at: '2026-11-02T10:02:00Z' },
  { type: 'feedback', session: 'session-one', article: 'refund-a-payment', vote: 'up', at: '2026-11-02T10:03:00Z' },
  { type: 'view', session: 'session-two', article: 'issue-a-credit-note', at: '2026-11-02T11:00:00Z' },
  { type: 'contact', session: 'session-two', article: 'issue-a-credit-note', at: '2026-11-02T11:04:00Z' },
  { type: 'search', session: 'session-three', query: 'shopify sync', results: 0, at: '2026-11-03T09:00:00Z' },
  { type: 'contact', session: 'session-three', query: 'shopify sync', at: '2026-11-03T09:01:00Z' },
  { type: 'view', session: 'session-four', article: 'connect-shopify', at: '2026-11-03T12:00:00Z' },
  { type: 'feedback', session: 'session-four', article: 'refund-a-payment', vote: 'down', reason: 'outdated', at: '2026-11-03T12:01:00Z' },
];
const LAST_EVENT = Date.parse('2026-11-03T12:01:00Z');

const count = async (table: 'session_articles' | 'session_queries' | 'session_reads') =>
  Number(
    (
      await store.db
        .selectFrom(table)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function everyReport(params: ReportParams) {
  const out: Record<string, unknown> = {};
  for (const name of REPORTS)
    out[name] = await runReport(reportSource(store.db), name, params, name === 'article' ? 'refund-a-payment' : undefined);
  return out;
}

test('a session idle for two days loses its key and per-article and per-query rows, and keeps the articles it viewed', async () => {
  await publish(store, CATALOG);
  await seed(store, HISTORY);
  expect(await closeIdleSessions(store.db, store.dialect, LAST_EVENT + CLOSE_AFTER_MS + 1)).toBe(4);

  const sessions = await store.db
    .selectFrom('sessions')
    .select(['key', 'views', 'searches', 'contacts', 'up_votes', 'down_votes'])
    .orderBy('started_at')
    .execute();
  expect(sessions.map((s) => s.key)).toEqual([null, null, null, null]);
  // The counters stay: sessions per day and deflection are computed from them.
  expect(sessions.map((s) => [s.views, s.searches, s.contacts, s.up_votes, s.down_votes])).toEqual([
    [1, 1, 0, 1, 0],
    [1, 0, 1, 0, 0],
    [0, 1, 1, 0, 0],
    [1, 0, 0, 0, 1],
  ]);
  expect(await count('session_articles')).toBe(0);
  expect(await count('session_queries')).toBe(0);
  // session-four voted on refund-a-payment without viewing it: only the article it viewed is a read.
  const reads = await store.db
    .selectFrom('session_reads as r')
    .innerJoin('articles as a', 'a.id', 'r.article_id')
    .innerJoin('sessions as s', 's.id', 'r.session_id')
    .select('a.slug')
    .orderBy('s.started_at')
    .execute();
  expect(reads.map((r) => r.slug)).toEqual(['refund-a-payment', 'issue-a-credit-note', 'connect-shopify']);
});

test('a session seen less than two days ago stays open, with its key and rows', async () => {
  await publish(store, CATALOG);
  await seed(store, HISTORY);
  const twoDaysAfterTheFirstDay = Date.parse('2026-11-02T11:04:00Z') + CLOSE_AFTER_MS + 1;
  expect(await closeIdleSessions(store.db, store.dialect, twoDaysAfterTheFirstDay)).toBe(2);
  const open = await store.db.selectFrom('sessions').select('key').where('key', 'is not', null).orderBy('key').execute();
  expect(open.map((s) => s.key)).toEqual(['session-four', 'session-three']);
  expect(await count('session_queries')).toBe(1);
  expect(await closeIdleSessions(store.db, store.dialect, twoDaysAfterTheFirstDay)).toBe(0);
});

test('every report gives the same numbers before and after sessions close, with and without a category or product-area filter', async () => {
  await publish(store, CATALOG);
  await seed(store, HISTORY);
  const ranges: ReportParams[] = [
    { from: '2026-11-01', to: '2026-11-30' },
    { from: '2026-11-01', to: '2026-11-30', category: 'billing' },
    { from: '2026-11-03', to: '2026-11-03', category: 'integrations' },
    { from: '2026-11-01', to: '2026-11-30', product_area: 'invoices' },
    { from: '2026-11-01', to: '2026-11-30', category: 'billing', product_area: 'payments' },
  ];
  const before = await Promise.all(ranges.map(everyReport));
  // Half closed, then all.
  await closeIdleSessions(store.db, store.dialect, Date.parse('2026-11-02T11:04:00Z') + CLOSE_AFTER_MS + 1);
  expect(await Promise.all(ranges.map(everyReport))).toEqual(before);
  await closeIdleSessions(store.db, store.dialect, LAST_EVENT + CLOSE_AFTER_MS + 1);
  expect(await Promise.all(ranges.map(everyReport))).toEqual(before);
  expect(await storeRollupMismatches(store)).toEqual({});
  // The filters select different sessions, so the comparison above is not of empty reports.
  const kbSessions = (await Promise.all(ranges.map((r) => runReport(reportSource(store.db), 'deflection', r)))).map((r) =>
    r?.name === 'deflection' ? r.data.summary.kbSessions : -1,
  );
  expect(kbSessions).toEqual([4, 2, 1, 1, 1]);
});

test('a closed session stays counted under the category its articles had when it closed', async () => {
  await publish(store, CATALOG);
  await seed(store, HISTORY);
  await closeIdleSessions(store.db, store.dialect, LAST_EVENT + CLOSE_AFTER_MS + 1);
  await publish(store, { ...CATALOG, 'refund-a-payment': { category: 'payments-help', product_area: 'payments' } });
  await seed(store, [{ type: 'view', session: 'session-six', article: 'refund-a-payment', at: '2026-11-20T08:00:00Z' }]);
  const kbSessions = async (category: string) => {
    const report = await runReport(reportSource(store.db), 'deflection', { from: '2026-11-01', to: '2026-11-30', category });
    return report?.name === 'deflection' ? report.data.summary.kbSessions : -1;
  };
  // session-one read refund-a-payment while it was in billing; session-six reads it in its new category.
  expect([await kbSessions('billing'), await kbSessions('payments-help')]).toEqual([2, 1]);
});

test('an event that arrives with a closed session key starts a new session', async () => {
  await publish(store, CATALOG);
  await seed(store, HISTORY);
  await closeIdleSessions(store.db, store.dialect, LAST_EVENT + CLOSE_AFTER_MS + 1);
  await seed(store, [{ type: 'view', session: 'session-one', article: 'connect-shopify', at: '2026-11-10T08:00:00Z' }]);
  const sessions = await store.db.selectFrom('sessions').select(['key', 'started_at', 'views']).where('key', '=', 'session-one').execute();
  expect(sessions).toEqual([{ key: 'session-one', started_at: Date.parse('2026-11-10T08:00:00Z'), views: 1 }]);
  const report = await runReport(reportSource(store.db), 'deflection', { from: '2026-11-01', to: '2026-11-30' });
  expect(report?.name === 'deflection' && report.data.summary.kbSessions).toBe(5);
});
