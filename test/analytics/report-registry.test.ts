import { expect, test } from 'vitest';
import { reportSource, reportTables, runReport } from '../../src/analytics/report-registry.ts';
import { REPORTS, ReportQuerySchema } from '../../src/schemas/report-params.ts';
import { publish } from '../helpers/report-catalog.ts';
import { freshStorePerTest, seed, seedTickets, type SeedEvent } from '../helpers/seed-events.ts';
import { syncTicketTags } from '../../src/analytics/sync-catalog.ts';

const store = freshStorePerTest();
const PARAMS = { from: '2026-11-01', to: '2026-11-30' };

const CATALOG = {
  'refund-a-payment': { category: 'billing', product_area: 'payments' },
  'issue-a-credit-note': { category: 'billing', product_area: 'invoices', reviewed: '2025-01-10' },
  'connect-shopify': { category: 'integrations', product_area: 'shop', has_description: false },
  'never-read': { category: 'integrations', product_area: 'shop' },
  'connect-your-bank': { category: 'banking', product_area: 'bank-feeds', kind: 'tutorial' as const, steps: 3 },
};

// Reading, searching (one search finds nothing, one is corrected), escalating, a tutorial left half-way, and one article voted down
// (with comments) until an edit: low rated beside the other, and with two revisions to compare.
const votes = (article: string, vote: 'up' | 'down', count: number, revision: string, day: string): SeedEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    type: 'feedback',
    session: `vote-${article}-${vote}-${revision}-${i}`,
    article,
    vote,
    revision,
    ...(vote === 'down' ? { reason: 'unclear', comment: 'Which button?' } : {}),
    at: `${day}T09:00:00Z`,
  }));
const HISTORY: SeedEvent[] = [
  { type: 'search', session: 'session-one', query: 'refund', results: 2, at: '2026-11-02T10:00:00Z' },
  { type: 'search_click', session: 'session-one', query: 'refund', article: 'refund-a-payment', position: 1, at: '2026-11-02T10:00:05Z' },
  { type: 'view', session: 'session-one', article: 'refund-a-payment', at: '2026-11-02T10:00:06Z' },
  { type: 'view', session: 'session-two', ref: 'aaaaaaaaaaa2', article: 'issue-a-credit-note', at: '2026-11-02T11:00:00Z' },
  { type: 'contact', session: 'session-two', article: 'issue-a-credit-note', at: '2026-11-02T11:04:00Z' },
  { type: 'search', session: 'session-three', ref: 'aaaaaaaaaaa3', query: 'shopify sync', results: 0, at: '2026-11-03T09:00:00Z' },
  { type: 'contact', session: 'session-three', query: 'shopify sync', at: '2026-11-03T09:01:00Z' },
  { type: 'view', session: 'session-four', article: 'connect-shopify', at: '2026-11-03T12:00:00Z' },
  {
    type: 'search',
    session: 'session-four',
    query: 'refnud',
    results: 0,
    corrected: { query: 'refund', results: 2 },
    at: '2026-11-03T12:05:00Z',
  },
  ...votes('refund-a-payment', 'down', 10, 'r1', '2026-11-04'),
  ...votes('refund-a-payment', 'up', 2, 'r2', '2026-11-20'),
  ...votes('connect-shopify', 'up', 12, 'r1', '2026-11-05'),
  { type: 'tutorial_step', session: 'session-five', article: 'connect-your-bank', step: 1, steps: 3, at: '2026-11-06T08:00:00Z' },
  { type: 'tutorial_step', session: 'session-five', article: 'connect-your-bank', step: 2, steps: 3, at: '2026-11-06T08:02:00Z' },
];

async function everyReportsTables() {
  await publish(store, CATALOG);
  await seed(store, HISTORY);
  await syncTicketTags(store.db, { billing: 'invoices' });
  // Filed after reading (and clicking), after searching, and one from outside the help center.
  await seedTickets(store, [
    { id: '101', ref: 'aaaaaaaaaaa2', at: '2026-11-02T11:10:00Z', tags: ['billing'] },
    { id: '102', ref: 'aaaaaaaaaaa3', at: '2026-11-03T09:05:00Z', tags: ['shopify'] },
    { id: '103', ref: null, at: '2026-11-04T09:00:00Z', tags: [] },
  ]);
  const out = [];
  for (const name of REPORTS) {
    const result = await runReport(reportSource(store.db), name, PARAMS, name === 'article' ? 'refund-a-payment' : undefined);
    if (!result) throw new Error(`${name} found nothing`);
    out.push(...reportTables(result).map((table) => ({ report: name, ...table })));
  }
  return out;
}

test('every report in REPORTS gives tables whose rows carry exactly their columns, and the seed fills every one of them', async () => {
  const tables = await everyReportsTables();
  for (const { report, name, columns, rows } of tables) {
    for (const row of rows) expect(Object.keys(row).sort(), `${report} ${name}`).toEqual(columns.map((c) => c.key).sort());
  }
  expect(tables.filter((t) => t.rows.length === 0).map((t) => `${t.report} ${t.name}`)).toEqual([]);
});

test('every report names its tables once each, as the `table` query parameter accepts them', async () => {
  const tables = await everyReportsTables();
  for (const report of REPORTS) {
    const names = tables.filter((t) => t.report === report).map((t) => t.name);
    expect(names.length, report).toBeGreaterThan(0);
    expect(new Set(names).size, report).toBe(names.length);
    for (const table of names) expect(ReportQuerySchema.safeParse({ table }).success, `${report} ${table}`).toBe(true);
  }
});

test('the article report finds nothing for a slug never published or recorded', async () => {
  await publish(store, CATALOG);
  expect(await runReport(reportSource(store.db), 'article', PARAMS, 'no-such-article')).toBeNull();
  expect(await runReport(reportSource(store.db), 'article', PARAMS)).toBeNull();
});
