import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EventStore } from '../../db/client.ts';
import { readManifest } from '../../src/cli/cli-exit.ts';
import { HEAVY_AREA, MISSING_TOPIC, SURGE, TICKETS_AFTER_READING, WELL_BEHAVED_SLUGS } from '../../src/demo/planted-patterns.ts';
import { loadDemoHistory, type DemoLoad } from '../../src/demo/load-demo.ts';
import { servedSearchTerms, simulateDays, type SimulatedDay } from '../../src/demo/simulate-history.ts';
import { getDeflection } from '../../src/analytics/deflection.ts';
import { getFriction } from '../../src/analytics/friction.ts';
import { median } from '../../src/analytics/article-stats.ts';
import { syncCatalog, syncTicketTags } from '../../src/analytics/sync-catalog.ts';
import { sampleSite } from '../helpers/sample-site.ts';
import { freshTestStore } from '../helpers/test-store.ts';

// The default demo over the sample content, as `npm run demo` writes it (events and tickets), ending on a fixed day.
const END = '2026-11-24';
const LAST_28 = { from: '2026-10-28', to: END };
const ALL_90 = { from: '2026-08-27', to: END };

let store: EventStore;
let days: SimulatedDay[];
let loaded: DemoLoad;
beforeAll(async () => {
  const manifest = readManifest(sampleSite());
  store = await freshTestStore();
  const options = { days: 90, end: END, seed: 42, sessionsPerDay: 330 };
  for (const { day, terms } of servedSearchTerms(manifest, options)) await syncCatalog(store.db, manifest.articles, terms, day);
  await syncTicketTags(store.db, manifest.ticket_tags);
  days = [...simulateDays(manifest, options)];
  loaded = await loadDemoHistory(store, days);
});
afterAll(() => store?.close());

describe("the demo's tickets", () => {
  test("every ticket with a reader's reference is joined to the session: received while it was still open", () => {
    const refs = new Set(days.flatMap((d) => d.events.map((e) => e.ref)));
    const tickets = days.flatMap((d) => d.tickets);
    const withoutReference = tickets.filter((t) => t.ticket.ref === null).length;
    const ofSessions = tickets.filter((t) => t.ticket.ref !== null && refs.has(t.ticket.ref)).length;
    expect(loaded.tickets).toMatchObject({
      tickets: tickets.length,
      joined: ofSessions,
      withoutReference,
      unmatchedReference: tickets.length - ofSessions - withoutReference,
    });
    expect(loaded.tickets.unmatchedReference).toBeGreaterThan(0);
    // Mostly Zendesk (the web form and email), some from the app's chat.
    expect(loaded.tickets.byProvider.zendesk).toBeGreaterThan(loaded.tickets.tickets * 0.7);
    expect(loaded.tickets.byProvider.intercom).toBeGreaterThan(0);
  });

  test('deflection: tickets beside clicks, over the last 28 days', async () => {
    const { summary, tickets } = await getDeflection(store.db, LAST_28);
    // About 4% of sessions click "Contact support", 60% of them file; 1–2% file without clicking.
    expect(summary.ticketSessions).toBeGreaterThan(0);
    expect(summary.ticketDeflectionRate).toBeGreaterThan(0.9);
    expect(summary.ticketDeflectionRate).toBeLessThan(0.98);
    const { clickedAndFiled, clickedNotFiled, filedWithoutClicking } = tickets.clicksAndTickets;
    expect(clickedAndFiled / summary.escalatedSessions).toBeGreaterThan(0.5);
    expect(clickedAndFiled / summary.escalatedSessions).toBeLessThan(0.7);
    expect(clickedNotFiled).toBeGreaterThan(0);
    expect(filedWithoutClicking).toBeGreaterThan(0);
    expect(filedWithoutClicking).toBeLessThan(clickedAndFiled);
    const { counts } = tickets;
    expect(counts.withoutReference).toBeGreaterThan(0);
    expect(counts.withoutReference / (counts.tickets - counts.withoutReference)).toBeGreaterThan(0.3);
    expect(counts.withoutReference / (counts.tickets - counts.withoutReference)).toBeLessThan(0.5);
    expect(counts.unmatchedReference).toBeGreaterThan(0);
    expect(counts.afterReading).toBe(summary.ticketSessions);
  });

  test('deflection: tickets per product area by their tags, the heavy area first, and the queries searched before', async () => {
    const { tickets } = await getDeflection(store.db, LAST_28);
    const areas = tickets.productAreas.filter((p) => p.productArea !== null);
    expect(areas.length).toBeGreaterThanOrEqual(3);
    expect(areas[0]!.productArea).toBe(HEAVY_AREA.productArea);
    // Tags no area maps: "payroll" for the missing topic, "urgent" and the like.
    expect(tickets.productAreas.at(-1)).toMatchObject({ productArea: null, tickets: expect.any(Number) });
    const queries = tickets.queries.map((q) => q.query);
    expect(queries.some((q) => (MISSING_TOPIC.queries as readonly string[]).includes(q))).toBe(true);
  });

  test('friction: readers of the planted article file tickets well above the median, as product-friction evidence', async () => {
    const friction = await getFriction(store.db, LAST_28);
    const flag = friction.product.find((f) => f.slug === TICKETS_AFTER_READING.slug)!;
    expect(flag.signals).toContain('tickets-after-reading');
    expect(flag.evidence).toMatch(/\d+% of [\d,]+ readers filed a ticket within a day/);
    // The surging article's readers contact support a lot, so most of them file too.
    expect(friction.product.find((f) => f.slug === SURGE.slug)!.signals).toContain('tickets-after-reading');
    // Over the whole history, at least twice the median rate of the well-behaved articles.
    const { articles } = await getDeflection(store.db, ALL_90);
    const healthy = new Set<string>(WELL_BEHAVED_SLUGS);
    const planted = articles.find((a) => a.slug === TICKETS_AFTER_READING.slug)!;
    const healthyRate = median(articles.filter((a) => healthy.has(a.slug)).map((a) => a.ticketRate!));
    expect(planted.ticketRate!).toBeGreaterThan(2 * healthyRate!);
  });

  test.each([
    ['the last 28 days', LAST_28],
    ['the whole history', ALL_90],
  ])('no well-behaved article is flagged with the tickets loaded, over %s', async (_, range) => {
    const friction = await getFriction(store.db, range);
    const healthy = new Set<string>(WELL_BEHAVED_SLUGS);
    expect([...friction.content, ...friction.product].filter((f) => f.slug !== null && healthy.has(f.slug))).toEqual([]);
  });
});
