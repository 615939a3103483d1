import { expect, test } from 'vitest';
import { getDeflection } from '../../src/analytics/deflection.ts';
import { getFriction } from '../../src/analytics/friction.ts';
import { getRatings } from '../../src/analytics/ratings.ts';
import { closeIdleSessions, CLOSE_AFTER_MS } from '../../src/ingest/close-sessions.ts';
import { joinTickets } from '../../src/ingest/join-tickets.ts';
import { publish } from '../helpers/report-catalog.ts';
import { freshStorePerTest, seed, seedTickets, type SeedEvent } from '../helpers/seed-events.ts';

const store = freshStorePerTest();
const RANGE = { from: '2026-11-01', to: '2026-11-30' };
const CATALOG = {
  'refund-a-payment': { category: 'billing', product_area: 'payments' },
  'connect-shopify': { category: 'integrations', product_area: 'shop' },
};

test('a ticket joins only the reads and searches of the day before it, not what came after or long before', async () => {
  await publish(store, CATALOG);
  await seed(store, [
    { type: 'view', session: 'session-a1', ref: 'aaaaaaaaaaa1', article: 'connect-shopify', at: '2026-11-02T08:00:00Z' },
    { type: 'search', session: 'session-a1', ref: 'aaaaaaaaaaa1', query: 'refund', results: 2, at: '2026-11-03T09:00:00Z' },
    { type: 'view', session: 'session-a1', ref: 'aaaaaaaaaaa1', article: 'refund-a-payment', at: '2026-11-03T09:01:00Z' },
  ]);
  await seedTickets(store, [{ id: '1', ref: 'aaaaaaaaaaa1', at: '2026-11-03T09:30:00Z' }]);
  // Read after the ticket: not what led to it.
  await seed(store, [{ type: 'view', session: 'session-a1', ref: 'aaaaaaaaaaa1', article: 'connect-shopify', at: '2026-11-03T09:40:00Z' }]);
  const d = await getDeflection(store.db, RANGE);
  // connect-shopify was first read 25 hours before the ticket: its reader did not file after reading it.
  expect(d.articles.map((a) => [a.slug, a.viewSessions, a.ticketSessions])).toEqual([
    ['connect-shopify', 1, 0],
    ['refund-a-payment', 1, 1],
  ]);
  expect(d.tickets.queries).toEqual([{ query: 'refund', searches: 1, ticketSessions: 1 }]);
  expect(d.summary).toMatchObject({ kbSessions: 1, ticketSessions: 1, ticketDeflectionRate: 0 });
});

test('a ticket whose reference arrives before the reader’s events waits for them, and is joined before the session closes', async () => {
  await publish(store, CATALOG);
  await seedTickets(store, [{ id: '7', ref: 'bbbbbbbbbbb1', at: '2026-11-04T10:05:00Z' }]);
  // The reader's events were kept in the browser while the API was away, and arrive after the ticket.
  await seed(store, [
    { type: 'view', session: 'session-b1', ref: 'bbbbbbbbbbb1', article: 'refund-a-payment', at: '2026-11-04T10:00:00Z' },
  ]);
  expect((await getDeflection(store.db, RANGE)).tickets.counts).toMatchObject({ tickets: 1, afterReading: 0, unmatchedReference: 1 });
  // The closer's pass joins what waits, then closes the session and forgets its reference.
  expect(await closeIdleSessions(store.db, store.dialect, Date.parse('2026-11-04T10:00:00Z') + CLOSE_AFTER_MS + 1)).toBe(1);
  const d = await getDeflection(store.db, RANGE);
  expect(d.tickets.counts).toMatchObject({ tickets: 1, afterReading: 1, unmatchedReference: 0 });
  expect(d.articles).toMatchObject([{ slug: 'refund-a-payment', ticketSessions: 1 }]);
  expect(await store.db.selectFrom('sessions').select(['key', 'ref']).execute()).toEqual([{ key: null, ref: null }]);
});

test('reads that reach the store after the ticket was joined are added before the session closes', async () => {
  await publish(store, CATALOG);
  await seed(store, [
    { type: 'view', session: 'session-e1', ref: 'eeeeeeeeeee1', article: 'refund-a-payment', at: '2026-11-12T10:00:00Z' },
  ]);
  await seedTickets(store, [{ id: '51', ref: 'eeeeeeeeeee1', at: '2026-11-12T10:30:00Z' }]);
  // Read at 10:10, searched at 10:12, sent later: the browser kept them while the API was away.
  await seed(store, [
    { type: 'view', session: 'session-e1', ref: 'eeeeeeeeeee1', article: 'connect-shopify', at: '2026-11-12T10:10:00Z' },
    { type: 'search', session: 'session-e1', ref: 'eeeeeeeeeee1', query: 'shopify', results: 1, at: '2026-11-12T10:12:00Z' },
  ]);
  const ticketsAfter = async () => (await getDeflection(store.db, RANGE)).articles.map((a) => [a.slug, a.ticketSessions]);
  expect(await ticketsAfter()).toEqual([
    ['connect-shopify', 0],
    ['refund-a-payment', 1],
  ]);
  await closeIdleSessions(store.db, store.dialect, Date.parse('2026-11-12T10:12:00Z') + CLOSE_AFTER_MS + 1);
  expect(await ticketsAfter()).toEqual([
    ['connect-shopify', 1],
    ['refund-a-payment', 1],
  ]);
  expect((await getDeflection(store.db, RANGE)).tickets.queries).toEqual([{ query: 'shopify', searches: 1, ticketSessions: 1 }]);
});

test('a reference used a day after the session’s last activity, or never seen, stays unmatched', async () => {
  await publish(store, CATALOG);
  await seed(store, [
    { type: 'view', session: 'session-c1', ref: 'ccccccccccc1', article: 'refund-a-payment', at: '2026-11-05T10:00:00Z' },
  ]);
  await seedTickets(store, [
    { id: '20', ref: 'ccccccccccc1', at: '2026-11-06T10:30:00Z' },
    { id: '21', ref: 'zzzzzzzzzzzz', at: '2026-11-06T10:30:00Z' },
    { id: '22', ref: null, at: '2026-11-06T10:31:00Z' },
  ]);
  expect(await joinTickets(store.db, Date.parse('2026-11-06T11:00:00Z'))).toBe(0);
  expect((await getDeflection(store.db, RANGE)).tickets.counts).toEqual({
    tickets: 3,
    afterReading: 0,
    withoutReference: 1,
    unmatchedReference: 2,
    anyEver: true,
  });
});

test('the same ticket from two help desks is two tickets; from one, twice, it is one', async () => {
  await seedTickets(store, [
    { provider: 'zendesk', id: '5', ref: null, at: '2026-11-07T10:00:00Z', tags: ['billing', 'billing'] },
    { provider: 'zendesk', id: '5', ref: null, at: '2026-11-07T10:00:00Z', tags: ['billing'] },
    { provider: 'freshdesk', id: '5', ref: null, at: '2026-11-07T10:00:00Z' },
  ]);
  expect((await getDeflection(store.db, RANGE)).tickets.counts.tickets).toBe(2);
  expect(await store.db.selectFrom('ticket_tags').select('tag').execute()).toEqual([{ tag: 'billing' }]);
});

test('a category filter counts the sessions with a ticket whose writer read in it', async () => {
  await publish(store, CATALOG);
  await seed(store, [
    { type: 'view', session: 'session-d1', ref: 'ddddddddddd1', article: 'refund-a-payment', at: '2026-11-08T10:00:00Z' },
    { type: 'view', session: 'session-d2', ref: 'ddddddddddd2', article: 'connect-shopify', at: '2026-11-08T10:00:00Z' },
    { type: 'view', session: 'session-d3', ref: 'ddddddddddd3', article: 'connect-shopify', at: '2026-11-08T10:00:00Z' },
  ]);
  await seedTickets(store, [
    { id: '31', ref: 'ddddddddddd1', at: '2026-11-08T10:10:00Z' },
    { id: '32', ref: 'ddddddddddd2', at: '2026-11-08T10:10:00Z' },
  ]);
  const billing = await getDeflection(store.db, { ...RANGE, category: 'billing' });
  expect(billing.summary).toMatchObject({ kbSessions: 1, ticketSessions: 1, ticketDeflectionRate: 0 });
  const integrations = await getDeflection(store.db, { ...RANGE, category: 'integrations' });
  expect(integrations.summary).toMatchObject({ kbSessions: 2, ticketSessions: 1, ticketDeflectionRate: 0.5 });
});

test('each revision counts the readers who filed a ticket after reading it', async () => {
  await publish(store, CATALOG);
  const reader = (i: number, revision: string, day: string): SeedEvent[] => {
    const base = {
      session: `session-${revision}-${i}`,
      ref: `${revision}${String(i).padStart(10, '0')}`,
      article: 'refund-a-payment',
      revision,
    };
    return [
      { type: 'view', ...base, at: `${day}T10:00:00Z` },
      { type: 'feedback', ...base, vote: i % 2 ? 'up' : 'down', at: `${day}T10:01:00Z` },
    ];
  };
  await seed(store, [
    ...Array.from({ length: 4 }, (_, i) => reader(i, 'r1', '2026-11-09')).flat(),
    ...Array.from({ length: 5 }, (_, i) => reader(i, 'r2', '2026-11-20')).flat(),
  ]);
  // Three of r1's four readers filed; one of r2's five.
  await seedTickets(store, [
    { id: '41', ref: 'r10000000000', at: '2026-11-09T10:30:00Z' },
    { id: '42', ref: 'r10000000001', at: '2026-11-09T10:30:00Z' },
    { id: '43', ref: 'r10000000002', at: '2026-11-09T10:30:00Z' },
    { id: '44', ref: 'r20000000003', at: '2026-11-20T10:30:00Z' },
  ]);
  const { byRevision } = await getRatings(store.db, RANGE);
  expect(byRevision.map((r) => [r.revision, r.viewSessions, r.ticketSessions, r.ticketRate])).toEqual([
    ['r1', 4, 3, 0.75],
    ['r2', 5, 1, 0.2],
  ]);
});

test('readers crowding to the help desk after reading back a product-friction flag as evidence', async () => {
  await publish(store, { ...CATALOG, 'set-up-payouts': { category: 'billing', product_area: 'payments' } });
  // A heavy article (its views far above the median article's) whose readers file tickets.
  const events: SeedEvent[] = [];
  for (let i = 0; i < 300; i++)
    events.push({
      type: 'view',
      session: `heavy-${i}`,
      ref: `h${String(i).padStart(11, '0')}`,
      article: 'refund-a-payment',
      at: '2026-11-10T10:00:00Z',
    });
  for (let i = 0; i < 40; i++) {
    events.push({ type: 'view', session: `light-${i}`, article: 'connect-shopify', at: '2026-11-10T10:00:00Z' });
    events.push({ type: 'view', session: `light-${i}`, article: 'set-up-payouts', at: '2026-11-10T10:00:00Z' });
  }
  await seed(store, events);
  await seedTickets(
    store,
    Array.from({ length: 30 }, (_, i) => ({ id: `h${i}`, ref: `h${String(i).padStart(11, '0')}`, at: '2026-11-10T10:20:00Z' })),
  );
  const { product } = await getFriction(store.db, RANGE);
  const flag = product.find((f) => f.slug === 'refund-a-payment')!;
  expect(flag.signals).toContain('tickets-after-reading');
  expect(flag.evidence).toContain('10% of 300 readers filed a ticket within a day (30; site median 0%)');
});
