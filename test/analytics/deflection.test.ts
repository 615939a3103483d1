import { expect, test } from 'vitest';
import { getDeflection } from '../../src/analytics/deflection.ts';
import { publish } from '../helpers/report-catalog.ts';
import { freshStorePerTest, seed, type SeedEvent } from '../helpers/seed-events.ts';

const store = freshStorePerTest();

const RANGE = { from: '2026-11-01', to: '2026-11-30' };

test('counts a session that searched and read without contacting support as deflected', async () => {
  await seed(store, [
    { type: 'search', session: 'session-a1', query: 'refund', results: 2, at: '2026-11-02T10:00:00Z' },
    { type: 'view', session: 'session-a1', article: 'refund-a-payment', at: '2026-11-02T10:01:00Z' },
  ]);
  const { summary } = await getDeflection(store.db, RANGE);
  expect(summary).toEqual({
    kbSessions: 1,
    escalatedSessions: 0,
    deflectionRate: 1,
    selfServiceScore: null,
    confirmedDeflections: 0,
    ticketSessions: 0,
    ticketDeflectionRate: 1,
    ticketSelfServiceScore: null,
  });
});

test('computes deflection, the self-service score and confirmed deflection from a hand-made day', async () => {
  await seed(store, [
    // 4 help-center sessions: one escalates after reading, one votes up, one only searches, one reads.
    { type: 'view', session: 'session-b1', article: 'refund-a-payment', at: '2026-11-03T09:00:00Z' },
    { type: 'contact', session: 'session-b1', article: 'refund-a-payment', at: '2026-11-03T09:05:00Z' },
    { type: 'view', session: 'session-b2', article: 'refund-a-payment', at: '2026-11-03T09:10:00Z' },
    { type: 'feedback', session: 'session-b2', article: 'refund-a-payment', vote: 'up', at: '2026-11-03T09:11:00Z' },
    { type: 'search', session: 'session-b3', query: 'Payroll', results: 0, at: '2026-11-03T11:00:00Z' },
    { type: 'contact', session: 'session-b3', query: 'payroll', at: '2026-11-03T11:01:00Z' },
    { type: 'view', session: 'session-b4', article: 'connect-shopify', at: '2026-11-04T08:00:00Z' },
    // A contact with no help-center use is not a help-center session.
    { type: 'contact', session: 'session-b5', at: '2026-11-04T08:30:00Z' },
    // Outside the range.
    { type: 'view', session: 'session-b6', article: 'connect-shopify', at: '2026-10-31T23:59:00Z' },
  ]);
  const report = await getDeflection(store.db, RANGE);
  expect(report.summary).toEqual({
    kbSessions: 4,
    escalatedSessions: 2,
    deflectionRate: 0.5,
    selfServiceScore: 2,
    confirmedDeflections: 1,
    ticketSessions: 0,
    ticketDeflectionRate: 1,
    ticketSelfServiceScore: null,
  });
  expect(report.byDay.map((d) => [d.day, d.kbSessions, d.escalatedSessions])).toEqual([
    ['2026-11-03', 3, 2],
    ['2026-11-04', 1, 0],
  ]);
  // 2026-11-03 is a Tuesday and 2026-11-04 a Wednesday: both in the ISO week starting Monday 2026-11-02.
  expect(report.byWeek.map((w) => [w.week, w.kbSessions, w.escalatedSessions, w.deflectionRate])).toEqual([['2026-11-02', 4, 2, 0.5]]);
  expect(report.articles).toEqual([
    { slug: 'refund-a-payment', viewSessions: 2, escalatedSessions: 1, escalationRate: 0.5, ticketSessions: 0, ticketRate: 0 },
    { slug: 'connect-shopify', viewSessions: 1, escalatedSessions: 0, escalationRate: 0, ticketSessions: 0, ticketRate: 0 },
  ]);
  expect(report.queries).toEqual([{ query: 'payroll', searches: 1, escalated: 1, escalationRate: 1 }]);
});

test('does not count an article read after the contact as escalated', async () => {
  await seed(store, [
    { type: 'search', session: 'session-c1', query: 'invoice', results: 4, at: '2026-11-05T10:00:00Z' },
    { type: 'contact', session: 'session-c1', query: 'invoice', at: '2026-11-05T10:01:00Z' },
    { type: 'view', session: 'session-c1', article: 'issue-a-credit-note', at: '2026-11-05T10:02:00Z' },
  ]);
  const report = await getDeflection(store.db, RANGE);
  expect(report.articles).toEqual([
    { slug: 'issue-a-credit-note', viewSessions: 1, escalatedSessions: 0, escalationRate: 0, ticketSessions: 0, ticketRate: 0 },
  ]);
});

test('reports an empty range with zero counts and null rates, never NaN', async () => {
  const report = await getDeflection(store.db, RANGE);
  expect(report).toEqual({
    summary: {
      kbSessions: 0,
      escalatedSessions: 0,
      deflectionRate: null,
      selfServiceScore: null,
      confirmedDeflections: 0,
      ticketSessions: 0,
      ticketDeflectionRate: null,
      ticketSelfServiceScore: null,
    },
    byDay: [],
    byWeek: [],
    articles: [],
    queries: [],
    tickets: {
      counts: { tickets: 0, afterReading: 0, withoutReference: 0, unmatchedReference: 0, anyEver: false },
      clicksAndTickets: { clickedAndFiled: 0, clickedNotFiled: 0, filedWithoutClicking: 0 },
      productAreas: [],
      queries: [],
    },
  });
});

test('splits weeks on Mondays', async () => {
  await seed(store, [
    { type: 'view', session: 'session-w1', article: 'connect-shopify', at: '2026-11-08T23:00:00Z' }, // Sunday
    { type: 'view', session: 'session-w2', article: 'connect-shopify', at: '2026-11-09T01:00:00Z' }, // Monday
    { type: 'contact', session: 'session-w2', article: 'connect-shopify', at: '2026-11-09T01:02:00Z' },
  ]);
  const { byWeek } = await getDeflection(store.db, RANGE);
  expect(byWeek.map((w) => [w.week, w.kbSessions, w.escalatedSessions])).toEqual([
    ['2026-11-02', 1, 0],
    ['2026-11-09', 1, 1],
  ]);
});

test('with a category filter, counts the sessions that read an article of that category', async () => {
  await publish(store, { 'refund-a-payment': { category: 'payments' }, 'connect-shopify': { category: 'integrations' } });
  await seed(store, [
    { type: 'view', session: 'session-f1', article: 'refund-a-payment', at: '2026-11-03T09:00:00Z' },
    { type: 'contact', session: 'session-f1', article: 'refund-a-payment', at: '2026-11-03T09:05:00Z' },
    { type: 'view', session: 'session-f2', article: 'refund-a-payment', at: '2026-11-03T10:00:00Z' },
    { type: 'view', session: 'session-f3', article: 'connect-shopify', at: '2026-11-03T11:00:00Z' },
    { type: 'search', session: 'session-f4', query: 'refund', results: 0, at: '2026-11-03T12:00:00Z' },
  ]);
  const report = await getDeflection(store.db, { ...RANGE, category: 'payments' });
  expect(report.summary).toMatchObject({ kbSessions: 2, escalatedSessions: 1, deflectionRate: 0.5 });
  expect(report.articles.map((a) => a.slug)).toEqual(['refund-a-payment']);
});

test('lists the 50 queries followed by a contact most often, ties in alphabetical order', async () => {
  const searchThenContact = (session: string, query: string, minute: number): SeedEvent[] => [
    { type: 'search', session, query, results: 3, at: `2026-11-06T10:${String(minute).padStart(2, '0')}:00Z` },
    { type: 'contact', session, query, at: `2026-11-06T10:${String(minute).padStart(2, '0')}:30Z` },
  ];
  const words = Array.from({ length: 55 }, (_, i) => `topic ${String(i).padStart(2, '0')}`);
  await seed(store, [
    ...words.flatMap((q, i) => searchThenContact(`session-q${i}`, q, i)),
    // Twice escalated: first, although last alphabetically.
    ...searchThenContact('session-z1', 'zebra', 56),
    ...searchThenContact('session-z2', 'zebra', 57),
    // Searched without a contact: not listed.
    { type: 'search', session: 'session-n1', query: 'aardvark', results: 3, at: '2026-11-06T11:00:00Z' },
  ]);
  const { queries } = await getDeflection(store.db, RANGE);
  expect(queries).toHaveLength(50);
  expect(queries[0]).toEqual({ query: 'zebra', searches: 2, escalated: 2, escalationRate: 1 });
  expect(queries.slice(1).map((q) => q.query)).toEqual(words.slice(0, 49));
});

test('gives a listed query all its searches in the range, also those on days, weeks and months it led to no contact', async () => {
  // Over 15 October – 30 November the range is read as days, a week, days again and the month of November.
  await seed(store, [
    { type: 'search', session: 'session-a', query: 'refund', results: 3, at: '2026-10-16T09:00:00Z' },
    { type: 'search', session: 'session-b', query: 'refund', results: 3, at: '2026-10-20T09:00:00Z' },
    { type: 'search', session: 'session-c', query: 'refund', results: 3, at: '2026-11-06T09:00:00Z' },
    { type: 'contact', session: 'session-c', query: 'refund', at: '2026-11-06T09:05:00Z' },
    { type: 'search', session: 'session-d', query: 'refund', results: 3, at: '2026-10-14T09:00:00Z' },
  ]);
  const { queries } = await getDeflection(store.db, { from: '2026-10-15', to: '2026-11-30' });
  expect(queries).toEqual([{ query: 'refund', searches: 3, escalated: 1, escalationRate: 1 / 3 }]);
});
