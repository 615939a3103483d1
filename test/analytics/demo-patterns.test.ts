import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EventStore } from '../../db/client.ts';
import { readManifest } from '../../src/cli/cli-exit.ts';
import {
  CLOSED_GAP,
  OUTDATED,
  DROP_OFF,
  HEAVY_AREA,
  MISSING_TOPIC,
  REVISION_CHANGE,
  SURGE,
  WELL_BEHAVED_SLUGS,
  WORSE_EDIT,
} from '../../src/demo/planted-patterns.ts';
import { triageDemoFeedback } from '../../src/demo/demo-triage.ts';
import { getInbox } from '../../src/analytics/inbox.ts';
import { servedSearchTerms, simulateHistory } from '../../src/demo/simulate-history.ts';
import { bulkLoad } from '../../src/ingest/bulk-load.ts';
import { getContent } from '../../src/analytics/content.ts';
import { getFriction, type Friction } from '../../src/analytics/friction.ts';
import { getRatings } from '../../src/analytics/ratings.ts';
import { getSearch } from '../../src/analytics/search.ts';
import { syncCatalog } from '../../src/analytics/sync-catalog.ts';
import { getTutorials } from '../../src/analytics/tutorials.ts';
import { sampleSite } from '../helpers/sample-site.ts';
import { freshTestStore } from '../helpers/test-store.ts';

// The default demo over the sample content, as `npm run demo` writes it, ending on a fixed day.
const END = '2026-11-24';
const LAST_28 = { from: '2026-10-28', to: END };
const ALL_90 = { from: '2026-08-27', to: END };

let store: EventStore;
beforeAll(async () => {
  const manifest = readManifest(sampleSite());
  store = await freshTestStore();
  const options = { days: 90, end: END, seed: 42, sessionsPerDay: 330 };
  for (const { day, terms } of servedSearchTerms(manifest, options)) await syncCatalog(store.db, manifest.articles, terms, day);
  await bulkLoad(store, simulateHistory(manifest, options));
  await triageDemoFeedback(store.db, Date.parse(`${END}T23:59:59Z`), options.seed);
});
afterAll(() => store?.close());

const flagged = (f: Friction) => [...f.content, ...f.product].map((flag) => flag.slug).filter((s): s is string => s !== null);
const invoiceSlugs = async () =>
  (await store.db.selectFrom('articles').select('slug').where('product_area', '=', HEAVY_AREA.productArea).execute()).map((r) => r.slug);

describe('the planted patterns are what the reports put on top', () => {
  test('friction: the surging article fails its readers, and the heavy product area is product friction', async () => {
    const friction = await getFriction(store.db, LAST_28);
    expect(friction.content[0]).toMatchObject({ slug: SURGE.slug, signals: expect.arrayContaining(['low-rating', 'high-escalation']) });
    expect(friction.content.map((f) => f.slug)).toContain(OUTDATED.slug);
    expect(friction.content.find((f) => f.slug === OUTDATED.slug)!.signals).toContain('outdated-or-unclear');
    expect(friction.product[0]).toMatchObject({
      target: 'product_area',
      productArea: HEAVY_AREA.productArea,
      signals: expect.arrayContaining(['heavy-traffic']),
    });
    const surge = friction.product.find((f) => f.slug === SURGE.slug)!;
    expect(surge.signals).toEqual(expect.arrayContaining(['rising-traffic', 'product-issue-reasons']));
    expect(surge.evidence).toMatch(/views \+\d+% vs previous 28 days/);
    const hot = friction.product.find((f) => f.slug === HEAVY_AREA.hotSlug)!;
    // Product friction with good content: readers rate it well, and it raises no content flag.
    expect(hot.evidence).toMatch(/helpful (8|9)\d%/);
    expect(friction.content.map((f) => f.slug)).not.toContain(HEAVY_AREA.hotSlug);
  });

  test('search: the missing topic leads the content gaps and the zero-result queries', async () => {
    const search = await getSearch(store.db, LAST_28);
    const payroll = (q: string) => MISSING_TOPIC.queries.some((m) => m === q);
    expect(search.contentGaps.slice(0, 5).every((g) => g.variants.some(payroll))).toBe(true);
    expect(search.contentGaps[0]!.variants).toEqual(expect.arrayContaining(['payroll', 'payrol']));
    expect(
      search.zeroResultQueries
        .slice(0, MISSING_TOPIC.queries.length)
        .map((q) => q.query)
        .sort(),
    ).toEqual([...MISSING_TOPIC.queries].sort());
    // Readers of the surging article contact support too, so payroll makes up most of the top five, not all.
    expect(search.queriesFollowedByContact.slice(0, 5).filter((q) => payroll(q.query)).length).toBeGreaterThanOrEqual(3);
  });

  test('search: the gap an alias closed half-way shows the alias readers needed, and its rate falling to nothing', async () => {
    const search = await getSearch(store.db, ALL_90);
    const gap = search.contentGaps.find((g) => g.variants.includes(CLOSED_GAP.alias))!;
    expect(gap.variants.sort()).toEqual([...CLOSED_GAP.queries].sort());
    expect(gap.fix).toMatchObject({ kind: 'alias', article: CLOSED_GAP.slug, line: `aliases: [${JSON.stringify(gap.query)}]` });
    expect(gap.change).toMatchObject({
      kind: 'alias',
      since: '2026-10-11',
      before: { zeroResultRate: 1 },
      after: { zeroResults: 0 },
      status: 'closed',
    });
    expect(gap.change!.before.searches).toBeGreaterThan(20);
    expect(gap.change!.after.searches).toBeGreaterThan(20);
    // Misspelt wordings of the articles were searched and corrected: listed, and not zero-result searches.
    expect(search.corrections.length).toBeGreaterThan(10);
    expect(search.zeroResultQueries.map((q) => q.query)).not.toContain(search.corrections[0]!.query);
  });

  test('content: the outdated and the surging articles are low-rated, and nothing but the planted ones', async () => {
    const content = await getContent(store.db, LAST_28);
    const low = content.lowRated.map((a) => a.slug);
    expect(low).toEqual(expect.arrayContaining([OUTDATED.slug, SURGE.slug]));
    // The article an edit made worse is low-rated too once its new revision has most of the range's votes.
    const planted: string[] = [OUTDATED.slug, SURGE.slug, WORSE_EDIT.slug];
    expect(low.filter((slug) => !planted.includes(slug))).toEqual([]);
  });

  test('tutorials: the one that loses readers at "Set up matching rules" comes first, with the drop after step 3', async () => {
    const [first] = await getTutorials(store.db, LAST_28);
    expect(first).toMatchObject({ slug: DROP_OFF.slug, largestDropOff: { afterStep: DROP_OFF.step - 1 } });
    expect(first!.largestDropOff!.share).toBeGreaterThan(0.5);
  });

  test('ratings: the rewritten article is rated better on its new revision', async () => {
    const { byRevision } = await getRatings(store.db, ALL_90);
    const [before, after] = byRevision.filter((r) => r.slug === REVISION_CHANGE.slug);
    expect(before!.interval!.upper).toBeLessThan(after!.interval!.lower);
    expect(after!.change!.verdict).toBe('better');
  });

  test('ratings and friction: the edit that made an article worse is judged worse, and flagged', async () => {
    const { byRevision } = await getRatings(store.db, ALL_90);
    const [, after] = byRevision.filter((r) => r.slug === WORSE_EDIT.slug);
    expect(after!.change).toMatchObject({ verdict: 'worse' });
    expect(after!.change!.p).toBeLessThan(0.05);
    const flag = (await getFriction(store.db, ALL_90)).content.find((f) => f.slug === WORSE_EDIT.slug);
    expect(flag!.signals).toContain('worse-after-edit');
  });

  test('inbox: feedback in every status, the last week still new', async () => {
    const { byStatus, items } = await getInbox(store.db, LAST_28);
    for (const status of ['new', 'acknowledged', 'planned', 'done', 'wont_fix'] as const)
      expect(byStatus[status], status).toBeGreaterThan(0);
    const lastWeek = Date.parse(`${END}T23:59:59Z`) - 7 * 86_400_000;
    expect(items.filter((i) => i.at >= lastWeek).every((i) => i.status === 'new')).toBe(true);
  });
});

describe('no well-behaved article is flagged', () => {
  test.each([
    ['the last 28 days', LAST_28],
    ['the whole history', ALL_90],
  ])('over %s', async (_, range) => {
    const friction = await getFriction(store.db, range);
    const healthy = new Set<string>(WELL_BEHAVED_SLUGS);
    expect(flagged(friction).filter((slug) => healthy.has(slug))).toEqual([]);
    const invoices = new Set(await invoiceSlugs());
    // Product flags may name the heavy area's articles; content flags only the planted bad articles.
    expect(friction.product.every((f) => f.slug === null || f.slug === SURGE.slug || invoices.has(f.slug))).toBe(true);
    const plantedBad: string[] = [SURGE.slug, OUTDATED.slug, REVISION_CHANGE.slug, WORSE_EDIT.slug];
    expect(friction.content.every((f) => plantedBad.includes(f.slug!))).toBe(true);
    const content = await getContent(store.db, range);
    expect(content.lowRated.filter((a) => healthy.has(a.slug))).toEqual([]);
  });
});
