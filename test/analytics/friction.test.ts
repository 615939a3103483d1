import { expect, test } from 'vitest';
import { getFriction } from '../../src/analytics/friction.ts';
import type { REASONS } from '../../src/domain/event-kinds.ts';
import { publish } from '../helpers/report-catalog.ts';
import { freshStorePerTest, seed, type SeedEvent } from '../helpers/seed-events.ts';

const store = freshStorePerTest();

const RANGE = { from: '2026-11-01', to: '2026-11-28' };
const NOW = '2026-11-10T10:00:00Z';
const BEFORE = '2026-10-10T10:00:00Z';

interface Readers {
  views: number;
  up?: number;
  down?: number;
  reasons?: (typeof REASONS)[number][];
  escalate?: number;
  at?: string;
}

/**
 * `views` sessions reading one article: the first `up` vote up, the next `down` vote down (with reasons in turn), the
 * last `escalate` contact support.
 */
function readers(slug: string, r: Readers): SeedEvent[] {
  const { views, up = 0, down = 0, reasons = [], escalate = 0, at = NOW } = r;
  const tag = at === NOW ? 'now' : 'before';
  return Array.from({ length: views }, (_, i): SeedEvent[] => {
    const session = `${slug.slice(0, 20)}-${tag}-${i}`;
    const events: SeedEvent[] = [{ type: 'view', session, article: slug, at }];
    if (i < up) events.push({ type: 'feedback', session, article: slug, vote: 'up', at });
    else if (i < up + down)
      events.push({ type: 'feedback', session, article: slug, vote: 'down', reason: reasons[(i - up) % Math.max(1, reasons.length)], at });
    if (i >= views - escalate) events.push({ type: 'contact', session, article: slug, at });
    return events;
  }).flat();
}

const HEALTHY = ['invite-your-team', 'reset-your-password', 'set-up-single-sign-on', 'update-your-sign-in-details'];

async function seedSite(): Promise<void> {
  await publish(store, {
    ...Object.fromEntries(HEALTHY.map((slug) => [slug, { category: 'account-and-security', product_area: 'account' }])),
    'connect-shopify': { category: 'integrations', product_area: 'integrations' },
    'bank-feed-stopped-updating': { category: 'bank-sync', product_area: 'bank-sync' },
    'tiny-article': { category: 'faq', product_area: null },
  });
  const events: SeedEvent[] = [];
  for (const slug of HEALTHY)
    events.push(
      ...readers(slug, { views: 40, up: 9, down: 1, reasons: ['other'], escalate: 1 }),
      ...readers(slug, { views: 40, at: BEFORE }),
    );
  events.push(
    ...readers('connect-shopify', {
      views: 40,
      up: 2,
      down: 10,
      reasons: ['outdated', 'outdated', 'outdated', 'outdated', 'other'],
      escalate: 1,
    }),
  );
  events.push(...readers('connect-shopify', { views: 40, at: BEFORE }));
  events.push(
    ...readers('bank-feed-stopped-updating', {
      views: 200,
      up: 3,
      down: 9,
      reasons: ['product_issue', 'product_issue', 'didnt_solve'],
      escalate: 40,
    }),
  );
  events.push(...readers('bank-feed-stopped-updating', { views: 40, at: BEFORE }));
  // Three down votes and five readers prove nothing: no flag.
  events.push(...readers('tiny-article', { views: 5, down: 3, reasons: ['outdated'], escalate: 2 }));
  await seed(store, events);
}

test('flags an article readers call outdated as content friction, with its evidence and sample sizes', async () => {
  await seedSite();
  const friction = await getFriction(store.db, RANGE);
  expect(friction.baselines).toMatchObject({
    days: 28,
    medianHelpfulness: 0.9,
    medianEscalationRate: 0.025,
    medianArticleViews: 40,
    medianAreaViewsPerArticle: 40,
  });
  const shopify = friction.content.find((f) => f.slug === 'connect-shopify')!;
  expect(shopify.signals).toEqual(['low-rating', 'outdated-or-unclear']);
  expect(shopify.evidence).toMatch(/^helpful 17% \[\d+–\d+%\] n=12 vs site median 90%; 8 of 12 votes say outdated \(8\) or unclear \(0\)$/);
  expect(shopify.sample).toEqual({ views: 40, previousViews: 40, viewSessions: 40, votes: 12, articles: 1 });
  // 40 readers × the largest gap (90% − 2/12 helpful).
  expect(shopify.score).toBe(Math.round(40 * (0.9 - 2 / 12)));
});

test('flags a surging article as product friction, strengthened by product_issue reasons and escalation', async () => {
  await seedSite();
  const friction = await getFriction(store.db, RANGE);
  const surge = friction.product.find((f) => f.slug === 'bank-feed-stopped-updating')!;
  expect(surge.signals).toEqual(['heavy-traffic', 'rising-traffic', 'product-issue-reasons', 'escalation-above-median']);
  expect(surge.evidence).toContain('views 5.0× the median article (200 vs 40)');
  expect(surge.evidence).toContain('views +400% vs previous 28 days (40 → 200)');
  expect(surge.evidence).toContain('6 of 9 down votes say it is a product issue');
  expect(surge.evidence).toContain('20% of 200 readers contacted support (site median 3%)');
  // Excess views (200 − 40) × (1 + 0.25 × 2 supporting signals).
  expect(surge.score).toBe(240);
  const area = friction.product.find((f) => f.target === 'product_area')!;
  expect(area).toMatchObject({
    productArea: 'bank-sync',
    signals: ['heavy-traffic', 'rising-traffic', 'product-issue-reasons', 'escalation-above-median'],
  });
  expect(area.evidence).toContain('views per article 5.0× the median product area (200 vs 40; 200 views over 1 article)');
  // The same article also fails its readers: rated low and escalating.
  expect(friction.content.find((f) => f.slug === 'bank-feed-stopped-updating')!.signals).toEqual(['low-rating', 'high-escalation']);
});

test('raises nothing for healthy articles or for an article with too little data', async () => {
  await seedSite();
  const friction = await getFriction(store.db, RANGE);
  const flagged = [...friction.content, ...friction.product].map((f) => f.slug ?? f.productArea);
  expect(new Set(flagged)).toEqual(new Set(['connect-shopify', 'bank-feed-stopped-updating', 'bank-sync']));
});

test('narrows the list to a product area without moving the site baselines', async () => {
  await seedSite();
  const all = await getFriction(store.db, RANGE);
  const integrations = await getFriction(store.db, { ...RANGE, product_area: 'integrations' });
  expect(integrations.baselines).toEqual(all.baselines);
  expect([...integrations.content, ...integrations.product].map((f) => f.slug)).toEqual(['connect-shopify']);
});

test('raises nothing on an empty database', async () => {
  const friction = await getFriction(store.db, RANGE);
  expect(friction.content).toEqual([]);
  expect(friction.product).toEqual([]);
  expect(friction.baselines.medianHelpfulness).toBeNull();
});

test('calls no traffic rising when the previous period has no views to compare with', async () => {
  await publish(store, { 'bank-feed-stopped-updating': { category: 'bank-sync', product_area: 'bank-sync' } });
  await seed(store, readers('bank-feed-stopped-updating', { views: 300 }));
  const friction = await getFriction(store.db, RANGE);
  expect(friction.product.flatMap((f) => f.signals)).not.toContain('rising-traffic');
});

test('flags an article an edit made worse, with the before-and-after verdict as evidence', async () => {
  await publish(store, { 'export-to-csv': { category: 'reports', product_area: 'reports' } });
  // 80 of 100 readers found it helpful before the edit of 12 Nov, 60 of 100 after: worse, p = 0.002 (hand-worked in
  // revision-verdict.test.ts).
  const reader = (i: number, revision: string, up: boolean, at: string): SeedEvent[] => [
    { type: 'view', session: `edit-${revision}-${i}`, article: 'export-to-csv', revision, at },
    { type: 'feedback', session: `edit-${revision}-${i}`, article: 'export-to-csv', vote: up ? 'up' : 'down', revision, at },
  ];
  await seed(store, [
    ...Array.from({ length: 100 }, (_, i) => reader(i, 'r1', i < 80, '2026-11-05T10:00:00Z')).flat(),
    ...Array.from({ length: 100 }, (_, i) => reader(i, 'r2', i < 60, '2026-11-12T10:00:00Z')).flat(),
  ]);
  const [flag] = (await getFriction(store.db, RANGE)).content;
  expect(flag).toMatchObject({ slug: 'export-to-csv', signals: ['worse-after-edit'], score: Math.round(200 * 0.2) });
  expect(flag!.evidence).toBe(
    'an edit made it worse: helpful 80% [71–87%] n=100 → 60% [50–69%] n=100 since the edit of 12 Nov: worse, p = 0.002',
  );
});
