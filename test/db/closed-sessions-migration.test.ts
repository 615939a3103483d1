import { afterEach, expect, test } from 'vitest';
import type { Kysely } from 'kysely';
import type { EventStore } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { closeIdleSessions, CLOSE_AFTER_MS } from '../../src/ingest/close-sessions.ts';
import { runReport } from '../../src/analytics/report-registry.ts';
import type { ReportParams } from '../../src/schemas/report-params.ts';
import { publish } from '../helpers/report-catalog.ts';
import { seed } from '../helpers/seed-events.ts';
import { migrationsAfter, testStoreAt } from '../helpers/test-store.ts';

let opened: EventStore | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

test('a store written before sessions could close keeps every session, key and number through the migration, and closes them afterwards', async () => {
  const store = (opened = await testStoreAt('0007-weekly-rollups'));
  await publish(store, { 'refund-a-payment': { category: 'billing' }, 'connect-shopify': { category: 'integrations' } });
  // Rows as the write path kept them then: a day column on sessions, no session id ranges (the sessions get ids 1 and 2).
  const db = store.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const article = async (slug: string) => Number((await db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id);
  const [refund, shopify] = [await article('refund-a-payment'), await article('connect-shopify')];
  const at = (iso: string) => Date.parse(iso);
  await db
    .insertInto('sessions')
    .values([
      { key: 'session-old-1', day: '2026-10-01', started_at: at('2026-10-01T09:00:00Z'), last_seen_at: at('2026-10-01T09:03:00Z'), views: 1, searches: 0, contacts: 1, up_votes: 0, down_votes: 0 },
      { key: 'session-old-2', day: '2026-10-02', started_at: at('2026-10-02T09:00:00Z'), last_seen_at: at('2026-10-02T09:02:00Z'), views: 1, searches: 1, contacts: 0, up_votes: 1, down_votes: 0 },
    ])
    .execute();
  await db
    .insertInto('session_articles')
    .values([
      { session_id: 1, article_id: refund, day: '2026-10-01', first_view_at: at('2026-10-01T09:00:00Z'), last_view_at: at('2026-10-01T09:00:00Z'), views: 1, escalated: 1, vote: null, vote_at: null, vote_day: null },
      { session_id: 2, article_id: shopify, day: '2026-10-02', first_view_at: at('2026-10-02T09:01:00Z'), last_view_at: at('2026-10-02T09:01:00Z'), views: 1, escalated: 0, vote: 'up', vote_at: at('2026-10-02T09:02:00Z'), vote_day: '2026-10-02' },
    ])
    .execute();
  await db
    .insertInto('session_daily')
    .values([
      { day: '2026-10-01', kb_sessions: 1, escalated: 1, confirmed: 0, searches: 0 },
      { day: '2026-10-02', kb_sessions: 1, escalated: 0, confirmed: 1, searches: 1 },
    ])
    .execute();

  expect(await migrateToLatest(store.db)).toEqual(migrationsAfter('0007-weekly-rollups'));
  const sessions = await store.db.selectFrom('sessions').select(['id', 'key', 'started_at']).orderBy('id').execute();
  expect(sessions).toEqual([
    { id: 1, key: 'session-old-1', started_at: at('2026-10-01T09:00:00Z') },
    { id: 2, key: 'session-old-2', started_at: at('2026-10-02T09:00:00Z') },
  ]);
  const ranges = await store.db.selectFrom('session_daily').select(['day', 'first_session_id', 'last_session_id']).orderBy('day').execute();
  expect(ranges).toEqual([
    { day: '2026-10-01', first_session_id: 1, last_session_id: 1 },
    { day: '2026-10-02', first_session_id: 2, last_session_id: 2 },
  ]);
  const range = { from: '2026-10-01', to: '2026-10-31' };
  const summary = async (params: ReportParams) => {
    const report = await runReport(store.db, 'deflection', params);
    return report?.name === 'deflection' ? report.data.summary : undefined;
  };
  expect(await summary(range)).toMatchObject({ kbSessions: 2, escalatedSessions: 1, confirmedDeflections: 1 });
  expect(await summary({ ...range, category: 'billing' })).toMatchObject({ kbSessions: 1, escalatedSessions: 1 });

  // Writing goes on into the open sessions and new ones; then they close and the numbers hold.
  await seed(store, [
    { type: 'view', session: 'session-old-2', article: 'refund-a-payment', at: '2026-10-02T09:10:00Z' },
    { type: 'view', session: 'session-new-3', article: 'refund-a-payment', at: '2026-10-03T09:00:00Z' },
  ]);
  expect(await closeIdleSessions(store.db, store.dialect, at('2026-10-03T09:00:00Z') + CLOSE_AFTER_MS + 1)).toBe(3);
  expect(await summary({ ...range, category: 'billing' })).toMatchObject({ kbSessions: 3, escalatedSessions: 1 });
  expect(await summary({ ...range, category: 'integrations' })).toMatchObject({ kbSessions: 1, confirmedDeflections: 1 });
});
