import { afterEach, expect, test } from 'vitest';
import type { Store } from '../../db/client.ts';
import { oldRevision } from '../../src/demo/article-profiles.ts';
import { activePatterns, CLOSED_GAP, MISSING_TOPIC, PLANTED, REVISION_CHANGE, SURGE } from '../../src/demo/planted-patterns.ts';
import { servedSearchTerms, simulateDays, simulateHistory, type HistoryOptions } from '../../src/demo/simulate-history.ts';
import { loadDemoHistory } from '../../src/demo/load-demo.ts';
import { bulkLoad } from '../../src/ingest/bulk-load.ts';
import { TICKET_REF_PATTERN } from '../../src/domain/ticket-ref.ts';
import type { PreparedEvent } from '../../src/ingest/validate-batch.ts';
import { EventSchema } from '../../src/schemas/events.ts';
import type { Manifest, ManifestEntry } from '../../src/schemas/manifest.ts';
import { freshStore } from '../helpers/seed-events.ts';

/** A small help center with every planted slug, a staff-only article and a non-English one. */
function entry(title: string, category: string, productArea: string | null, extra: Partial<ManifestEntry> = {}): ManifestEntry {
  const revision = `${title.length.toString(16).padStart(2, '0')}aa11bb22cc`.slice(0, 12);
  return {
    kind: 'article',
    title,
    url: '/articles/x/',
    file: 'x.md',
    revision,
    category,
    product_area: productArea,
    type: 'how-to',
    lang: 'en',
    steps: null,
    reviewed: null,
    has_description: true,
    owner: null,
    ...extra,
  };
}
const MANIFEST: Manifest = {
  generated_at: '2026-11-24T00:00:00.000Z',
  search_terms: [],
  ticket_tags: {},
  articles: {
    'reset-your-password': entry('Reset your password', 'account-and-security', 'account'),
    'export-your-data': entry('Export all your Ledgerly data', 'account-and-security', 'account'),
    'delete-your-account': entry('Delete your account', 'account-and-security', 'account'),
    'compare-plans': entry('Compare Ledgerly plans', 'billing', 'subscription'),
    'bank-feed-stopped-updating': entry('Your bank feed stopped updating', 'bank-sync', 'bank-sync', { type: 'troubleshooting' }),
    'connect-a-bank-account': entry('Connect a bank account', 'bank-sync', 'bank-sync'),
    'set-up-recurring-invoices': entry('Set up recurring invoices', 'invoicing', 'invoices'),
    'create-your-first-invoice': entry('Create and send your first invoice', 'getting-started', 'invoices'),
    'invoice-emails-not-delivered': entry("Invoice emails aren't being delivered", 'troubleshooting', 'invoices'),
    'connect-shopify': entry('Connect your Shopify store', 'integrations', 'integrations'),
    'keyboard-shortcuts': entry('Keyboard shortcuts', 'getting-started', null),
    'connect-your-bank-and-reconcile': entry('Connect your bank and reconcile', 'general', 'bank-sync', { kind: 'tutorial', steps: 5 }),
    'writing-articles': entry('Writing articles', 'writers', null),
    'zh-reset-your-password': entry('重置密码', 'account-and-security', 'account', { lang: 'zh' }),
  },
};
const SMALL: HistoryOptions = { days: 10, end: '2026-11-24', seed: 42, sessionsPerDay: 40 };
const DAY_MS = 86_400_000;
const history = (options: Partial<HistoryOptions> = {}, manifest = MANIFEST) => [...simulateHistory(manifest, { ...SMALL, ...options })];

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

test('gives exactly the same events for the same seed and options', () => {
  expect(history()).toEqual(history());
});

test('gives different events for a different seed', () => {
  expect(history({ seed: 43 })).not.toEqual(history());
});

test('sends only events the API would accept, about published, customer-facing slugs', () => {
  const events = history();
  expect(events.length).toBeGreaterThan(500);
  for (const { day, revision, normalizedQuery, ...event } of events) {
    expect(EventSchema.safeParse(event).error).toBeUndefined();
    if (!('article' in event) || event.article === undefined) continue;
    const published = MANIFEST.articles[event.article];
    expect(published).toBeDefined();
    expect(published!.category).not.toBe('writers');
    if (event.type === 'tutorial_step') {
      expect(published!.kind).toBe('tutorial');
      expect(event.steps).toBe(published!.steps);
      expect(event.step).toBeLessThanOrEqual(published!.steps!);
    }
  }
});

test('keeps every session in time order, inside 30 minutes and inside the requested days', () => {
  const events = history();
  const first = Date.parse('2026-11-15T00:00:00Z');
  const sessions = new Map<string, PreparedEvent[]>();
  for (const e of events) sessions.set(e.session, [...(sessions.get(e.session) ?? []), e]);
  expect(sessions.size).toBeGreaterThan(10 * 40 * 0.7);
  for (const [key, list] of sessions) {
    expect(key).toMatch(/^[A-Za-z0-9_-]{16,24}$/);
    for (let i = 1; i < list.length; i++) expect(list[i]!.ts).toBeGreaterThanOrEqual(list[i - 1]!.ts);
    expect(list.at(-1)!.ts - list[0]!.ts).toBeLessThan(30 * 60 * 1000);
  }
  for (const e of events) {
    expect(e.ts).toBeGreaterThanOrEqual(first);
    expect(e.ts).toBeLessThan(first + 10 * DAY_MS);
    expect(e.day).toBe(new Date(e.ts).toISOString().slice(0, 10));
  }
});

test('stamps article events with a revision and events with a query with its normalized form', () => {
  for (const e of history()) {
    const article = 'article' in e ? e.article : undefined;
    if (article === undefined) expect(e.revision).toBeNull();
    else expect(e.revision).toMatch(/^[0-9a-f]{12}$/);
    const query = 'query' in e ? e.query : undefined;
    expect(e.normalizedQuery).toBe(query === undefined ? null : query.trim().toLowerCase().replace(/\s+/g, ' '));
  }
});

test('plants each pattern: a late surge, failed payroll searches, an edit that changes the revision, a gap closed half-way', () => {
  const events = history({ days: 56, sessionsPerDay: 100 });
  const lastTwoWeeks = Date.parse('2026-11-11T00:00:00Z');
  const views = (slug: string, late: boolean) =>
    events.filter((e) => e.type === 'view' && e.article === slug && e.ts >= lastTwoWeeks === late).length;
  // 14 late days at ×5 against 42 earlier days at ×1: about 5 / 3 as many views.
  expect(views(SURGE.slug, true)).toBeGreaterThan(views(SURGE.slug, false) * 1.2);
  const payroll = events.filter((e) => e.type === 'search' && (MISSING_TOPIC.queries as readonly string[]).includes(e.query));
  expect(payroll.length).toBeGreaterThan(0);
  expect(payroll.every((e) => e.type === 'search' && e.results === 0)).toBe(true);
  const revisions = new Set(events.filter((e) => 'article' in e && e.article === REVISION_CHANGE.slug).map((e) => e.revision));
  expect(revisions).toEqual(new Set([oldRevision(REVISION_CHANGE.slug, 42), MANIFEST.articles[REVISION_CHANGE.slug]!.revision]));
  // The closed gap: nothing found until the alias is served half-way (day 28 of 56), found from then on.
  const aliasServed = Date.parse('2026-10-28T00:00:00Z');
  const gap = events.filter((e) => e.type === 'search' && (CLOSED_GAP.queries as readonly string[]).includes(e.query));
  expect(gap.filter((e) => e.ts < aliasServed).length).toBeGreaterThan(5);
  expect(gap.filter((e) => e.ts >= aliasServed).length).toBeGreaterThan(5);
  expect(gap.every((e) => e.type === 'search' && (e.results === 0) === e.ts < aliasServed)).toBe(true);
  // Misspelt wordings come with the correction whose results were shown.
  const corrected = events.filter((e) => e.type === 'search' && e.corrected);
  expect(corrected.length).toBeGreaterThan(0);
  expect(corrected.every((e) => e.type === 'search' && e.results === 0 && e.corrected!.results > 0)).toBe(true);
});

test("serves the build's search terms from the first day, and the alias that closes the planted gap from half-way", () => {
  const terms = [
    { kind: 'alias' as const, text: CLOSED_GAP.alias, article: CLOSED_GAP.slug },
    { kind: 'synonym' as const, text: 'bill', article: null },
  ];
  expect(servedSearchTerms({ ...MANIFEST, search_terms: terms }, { days: 56, end: '2026-11-24' })).toEqual([
    { day: '2026-09-30', terms: [terms[1]] },
    { day: '2026-10-28', terms: [terms[0]] },
  ]);
});

test('keeps well-behaved articles near 85% helpful with steady traffic, so no report flags them by luck', () => {
  const events = history({ days: 56, sessionsPerDay: 150 });
  const split = Date.parse('2026-10-28T00:00:00Z');
  for (const slug of ['reset-your-password', 'export-your-data', 'compare-plans', 'connect-a-bank-account']) {
    const votes = events.filter(
      (e) => e.type === 'feedback' && e.article === slug && e.comment?.includes('<script>') !== true && !e.comment?.startsWith('='),
    );
    const up = votes.filter((e) => e.type === 'feedback' && e.vote === 'up').length;
    expect(up / votes.length).toBeGreaterThan(0.8);
    expect(up / votes.length).toBeLessThan(0.9);
    const views = (late: boolean) => events.filter((e) => e.type === 'view' && e.article === slug && e.ts >= split === late).length;
    expect(views(true) / views(false)).toBeGreaterThan(0.85);
    expect(views(true) / views(false)).toBeLessThan(1.15);
  }
});

test('skips a planted pattern quietly when its article is not published', () => {
  const { [SURGE.slug]: _surge, ...articles } = MANIFEST.articles;
  const manifest = { ...MANIFEST, articles };
  expect(activePatterns(manifest).map((p) => p.kind)).toEqual(PLANTED.map((p) => p.kind).filter((k) => k !== 'surge'));
  expect(history({}, manifest).some((e) => 'article' in e && e.article === SURGE.slug)).toBe(false);
});

test('loads through the real write path into a fresh database', async () => {
  store = await freshStore();
  const events = history();
  const written = await bulkLoad(store, events, { batchSize: 500 });
  expect(written).toBe(events.length);
  const rows = store.sqlite.prepare('select count(*) as n from events').get() as { n: number };
  // Every generated event is distinct (no repeated view or search), so the store keeps all of them.
  expect(rows.n).toBe(events.length);
  const sessions = store.sqlite.prepare('select count(*) as n from sessions').get() as { n: number };
  expect(sessions.n).toBe(new Set(events.map((e) => e.session)).size);
});

/** The sample's ticket tags for three of the small help center's product areas; the others have none. */
const TAGGED: Manifest = {
  ...MANIFEST,
  ticket_tags: { invoice: 'invoices', reminders: 'invoices', 'bank-feed': 'bank-sync', login: 'account' },
};
const ticketDays = (options: Partial<HistoryOptions> = {}) => [
  ...simulateDays(TAGGED, { ...SMALL, days: 30, sessionsPerDay: 100, ...options }),
];

test('gives every session its own help-desk reference, on every one of its events', () => {
  const refs = new Map<string, Set<string | undefined>>();
  for (const e of history()) refs.set(e.session, (refs.get(e.session) ?? new Set()).add(e.ref));
  for (const sessionRefs of refs.values()) {
    expect(sessionRefs.size).toBe(1);
    const [ref] = sessionRefs;
    expect(ref).toMatch(TICKET_REF_PATTERN);
    expect(ref).not.toMatch(/[ilou]/);
  }
  expect(new Set([...refs.values()].map((r) => [...r][0])).size).toBe(refs.size);
});

test('leaves the events as they were without tickets: the tickets draw from a stream of their own', () => {
  const withoutRefs = (events: ReturnType<typeof history>) => events.map(({ ref: _ref, ...e }) => e);
  expect(withoutRefs(history({}, TAGGED))).toEqual(withoutRefs(history()));
  expect(ticketDays()).toEqual(ticketDays());
  expect(ticketDays({ seed: 43 }).flatMap((d) => d.tickets)).not.toEqual(ticketDays().flatMap((d) => d.tickets));
});

test('files tickets after the click or the reading they follow, on the same day, in order, with ids unique per provider', () => {
  const days = ticketDays();
  const sessions = new Map<string, PreparedEvent[]>();
  for (const e of days.flatMap((d) => d.events)) sessions.set(e.ref!, [...(sessions.get(e.ref!) ?? []), e]);
  const tickets = days.flatMap((d) => d.tickets);
  for (const day of days) {
    for (const { ticket } of day.tickets) expect(new Date(ticket.createdAt).toISOString().slice(0, 10)).toBe(day.day);
    const times = day.tickets.map((t) => t.ticket.createdAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  }
  for (const provider of ['zendesk', 'intercom']) {
    const ids = tickets.filter((t) => t.provider === provider).map((t) => t.ticket.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^\d+$/.test(id))).toBe(true);
  }
  // Readers' tickets carry their reference and come after their last event; the help desk's web form is Zendesk.
  const fromReaders = tickets.filter((t) => t.ticket.ref !== null && sessions.has(t.ticket.ref));
  for (const { provider, ticket } of fromReaders) {
    expect(provider).toBe('zendesk');
    expect(ticket.createdAt).toBeGreaterThanOrEqual(sessions.get(ticket.ref!)!.at(-1)!.ts);
  }
  // About 60% of the readers who click "Contact support" file one; a small share of the others do too.
  const clicked = [...sessions].filter(([, events]) => events.some((e) => e.type === 'contact'));
  const filed = new Set(fromReaders.map((t) => t.ticket.ref));
  const clickedAndFiled = clicked.filter(([ref]) => filed.has(ref)).length;
  expect(clickedAndFiled / clicked.length).toBeGreaterThan(0.5);
  expect(clickedAndFiled / clicked.length).toBeLessThan(0.7);
  const notClicked = sessions.size - clicked.length;
  const filedWithoutClicking = fromReaders.length - clickedAndFiled;
  expect(filedWithoutClicking).toBeGreaterThan(0);
  expect(filedWithoutClicking / notClicked).toBeLessThan(0.05);
  // Tickets without a reference (email, the app's chat), about 40% as many as with one; a rare reference mistyped.
  const withoutRef = tickets.filter((t) => t.ticket.ref === null);
  expect(withoutRef.length / fromReaders.length).toBeGreaterThan(0.3);
  expect(withoutRef.length / fromReaders.length).toBeLessThan(0.5);
  expect(new Set(withoutRef.map((t) => t.provider))).toEqual(new Set(['zendesk', 'intercom']));
  expect(tickets.length - withoutRef.length - fromReaders.length).toBeGreaterThan(0);
});

test("tags tickets for the product area of the article the reader contacted support from, by the mapping's tags", () => {
  const days = ticketDays();
  const contactArticle = new Map<string, string>();
  for (const e of days.flatMap((d) => d.events)) if (e.type === 'contact' && e.article) contactArticle.set(e.ref!, e.article);
  let mapped = 0;
  for (const { ticket } of days.flatMap((d) => d.tickets)) {
    expect(ticket.tags.length).toBeGreaterThan(0);
    expect(ticket.tags.every((t) => t === t.toLowerCase() && !/\s/.test(t))).toBe(true);
    const slug = ticket.ref === null ? undefined : contactArticle.get(ticket.ref);
    if (slug === undefined) continue;
    const area = TAGGED.articles[slug]!.product_area;
    const areas = ticket.tags.flatMap((t) => (t in TAGGED.ticket_tags ? [TAGGED.ticket_tags[t]] : []));
    expect(areas.every((a) => a === area)).toBe(true);
    if (areas.length) mapped++;
  }
  expect(mapped).toBeGreaterThan(10);
});

test("receives each day's tickets while their sessions are open: every ticket with a session's reference is joined", async () => {
  store = await freshStore();
  const days = ticketDays({ days: 12, sessionsPerDay: 60 });
  // Small transactions, so sessions are closed many times while the history loads.
  const { written, tickets } = await loadDemoHistory(store, days, { batchSize: 300 });
  const events = days.flatMap((d) => d.events);
  expect(written).toBe(events.length);
  const refs = new Set(events.map((e) => e.ref));
  const all = days.flatMap((d) => d.tickets);
  const ofSessions = all.filter((t) => t.ticket.ref !== null && refs.has(t.ticket.ref)).length;
  expect(tickets).toMatchObject({
    tickets: all.length,
    joined: ofSessions,
    withoutReference: all.filter((t) => t.ticket.ref === null).length,
    unmatchedReference: all.length - ofSessions - all.filter((t) => t.ticket.ref === null).length,
  });
  const closed = store.sqlite.prepare('select count(*) as n from sessions where key is null').get() as { n: number };
  expect(closed.n).toBeGreaterThan(0);
});
