import { afterEach, expect, test } from 'vitest';
import { sql } from 'kysely';
import type { EventStore } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { runReport } from '../../src/analytics/report-registry.ts';
import type { ReportParams } from '../../src/schemas/report-params.ts';
import { publish } from '../helpers/report-catalog.ts';
import { storeRollupMismatches } from '../helpers/rollup-consistency.ts';
import { seed, type SeedEvent } from '../helpers/seed-events.ts';
import { freshTestStore, migrateTo, migrationsAfter } from '../helpers/test-store.ts';

const CATALOG = {
  'refund-a-payment': { category: 'billing', product_area: 'payments' },
  'issue-a-credit-note': { category: 'billing', product_area: 'invoices' },
  'connect-shopify': { category: 'integrations', product_area: 'shop' },
};

// Five sessions on two days: one reads two billing articles and votes, one escalates, one only searches, one reads across categories.
const HISTORY: SeedEvent[] = [
  { type: 'view', session: 'session-one', article: 'refund-a-payment', at: '2026-11-02T10:00:00Z' },
  { type: 'view', session: 'session-one', article: 'issue-a-credit-note', at: '2026-11-02T10:01:00Z' },
  { type: 'feedback', session: 'session-one', article: 'issue-a-credit-note', vote: 'up', at: '2026-11-02T10:02:00Z' },
  { type: 'view', session: 'session-two', article: 'issue-a-credit-note', at: '2026-11-02T11:00:00Z' },
  { type: 'search', session: 'session-two', query: 'credit note', results: 1, at: '2026-11-02T11:01:00Z' },
  { type: 'contact', session: 'session-two', article: 'issue-a-credit-note', at: '2026-11-02T11:04:00Z' },
  { type: 'search', session: 'session-three', query: 'shopify sync', results: 0, at: '2026-11-03T09:00:00Z' },
  { type: 'view', session: 'session-four', article: 'connect-shopify', at: '2026-11-03T12:00:00Z' },
  { type: 'view', session: 'session-four', article: 'refund-a-payment', at: '2026-11-03T12:05:00Z' },
  { type: 'view', session: 'session-five', article: 'connect-shopify', at: '2026-11-03T13:00:00Z' },
];

const RANGES: ReportParams[] = [
  { from: '2026-11-01', to: '2026-11-30', category: 'billing' },
  { from: '2026-11-03', to: '2026-11-03', category: 'billing' },
  { from: '2026-11-01', to: '2026-11-30', category: 'integrations' },
  { from: '2026-11-01', to: '2026-11-30', product_area: 'invoices' },
  { from: '2026-11-01', to: '2026-11-30', category: 'billing', product_area: 'payments' },
];

let opened: EventStore[] = [];
afterEach(async () => {
  await Promise.all(opened.map((s) => s.close()));
  opened = [];
});

const deflection = async (store: EventStore) =>
  Promise.all(
    RANGES.map(async (params) => {
      const report = await runReport(store.db, 'deflection', params);
      return report?.name === 'deflection' ? { days: report.data.byDay, summary: report.data.summary } : undefined;
    }),
  );

test('sessions closed before the per-scope counts existed are counted into them by the migration, and the filtered reports keep their numbers', async () => {
  // The same history twice: left open on a store at the latest migration, closed as the code before it closed them on an older one.
  const reference = await freshTestStore();
  const store = await freshTestStore();
  opened = [reference, store];
  for (const s of [reference, store]) {
    await publish(s, CATALOG);
    await seed(s, HISTORY);
  }
  // Written by today's write path (it needs the later rollups), then taken back to the schema of the time.
  await migrateTo(store, '0009-session-reads-by-article');
  await store.db.transaction().execute(async (trx) => {
    await sql`insert into session_reads (session_id, article_id) select session_id, article_id from session_articles where first_view_at is not null`.execute(trx);
    await sql`delete from session_articles`.execute(trx);
    await sql`delete from session_queries`.execute(trx);
    await sql`update sessions set key = null`.execute(trx);
  });

  expect(await migrateToLatest(store.db)).toEqual(migrationsAfter('0009-session-reads-by-article'));
  const rows = await store.db.selectFrom('session_scope_daily').selectAll().orderBy('kind').orderBy('name').orderBy('day_number').execute();
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  expect(rows.map((r) => ({ ...r, day_number: Number(r.day_number) }))).toEqual([
    { kind: 'category', name: 'billing', day_number: day('2026-11-02'), kb_sessions: 2, escalated: 1, confirmed: 1, searches: 1 },
    { kind: 'category', name: 'billing', day_number: day('2026-11-03'), kb_sessions: 1, escalated: 0, confirmed: 0, searches: 0 },
    { kind: 'category', name: 'integrations', day_number: day('2026-11-03'), kb_sessions: 2, escalated: 0, confirmed: 0, searches: 0 },
    { kind: 'product_area', name: 'invoices', day_number: day('2026-11-02'), kb_sessions: 2, escalated: 1, confirmed: 1, searches: 1 },
    { kind: 'product_area', name: 'payments', day_number: day('2026-11-02'), kb_sessions: 1, escalated: 0, confirmed: 1, searches: 0 },
    { kind: 'product_area', name: 'payments', day_number: day('2026-11-03'), kb_sessions: 1, escalated: 0, confirmed: 0, searches: 0 },
    { kind: 'product_area', name: 'shop', day_number: day('2026-11-03'), kb_sessions: 2, escalated: 0, confirmed: 0, searches: 0 },
  ]);
  expect(await storeRollupMismatches(store)).toEqual({});
  expect(await deflection(store)).toEqual(await deflection(reference));
  // Not a comparison of empty reports: billing over the month, one day of it, integrations, invoices, billing and payments.
  expect((await deflection(store)).map((d) => d?.summary.kbSessions)).toEqual([3, 1, 2, 2, 2]);
});
