/**
 * Friction: articles that fail their readers (content friction: rewrite the article) and articles or product
 * areas readers need help with at an unusual rate (product friction: fix the product or its onboarding).
 * Baselines are site-wide, so a filter narrows the list without changing what counts as unusual.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { articleStats, articleViews, median, type ArticleStats } from './article-stats.ts';
import { FRICTION_RULES as R, FRICTION_SCORING } from './friction-rules.ts';
import { contentSignals, productSignals, type Baselines, type Signal, type Totals } from './friction-signals.ts';
import { daysIn, previousPeriod } from './report-period.ts';
import { column, defineTable, type Table } from './report-table.ts';
import { getTutorials } from './tutorials.ts';
import { revisionRatings } from './ratings.ts';

export interface FrictionFlag {
  kind: 'content' | 'product';
  target: 'article' | 'product_area';
  /** The article, or null for a product-area flag. */
  slug: string | null;
  title: string | null;
  productArea: string | null;
  score: number;
  signals: Signal[];
  /** Why, in words and numbers, with the sample sizes. */
  evidence: string;
  sample: { views: number; previousViews: number; viewSessions: number; votes: number; articles: number };
}

export interface Friction {
  range: { from: string; to: string };
  previousRange: { from: string; to: string };
  baselines: Baselines;
  content: FrictionFlag[];
  product: FrictionFlag[];
  rules: typeof R;
  scoring: typeof FRICTION_SCORING;
}

const TOTALS = [
  'views',
  'viewSessions',
  'escalations',
  'up',
  'down',
  'outdated',
  'unclear',
  'productIssue',
  'ticketSessions',
] as const satisfies (keyof Totals)[];

function addUp(list: ArticleStats[]): Totals {
  const t = Object.fromEntries(TOTALS.map((key) => [key, 0])) as Totals;
  for (const s of list) for (const key of TOTALS) t[key] += s[key];
  return t;
}

export async function getFriction(db: Kysely<Database>, params: ReportParams): Promise<Friction> {
  const site = { from: params.from, to: params.to };
  const before = previousPeriod(site);
  const [stats, previousViews, tutorials] = [await articleStats(db, site), await articleViews(db, before), await getTutorials(db, site)];
  const published = stats.filter((s) => s.published);
  // Each article's latest edit in the range, with its verdict against the revision before.
  const lastEdit = new Map((await revisionRatings(db, site)).filter((r) => r.change).map((r) => [r.slug, r.change!]));

  const areas = new Map<string, ArticleStats[]>();
  for (const s of published) {
    if (!s.productArea) continue;
    const list = areas.get(s.productArea);
    if (list) list.push(s);
    else areas.set(s.productArea, [s]);
  }
  const baselines: Baselines = {
    days: daysIn(site),
    medianHelpfulness: median(stats.filter((s) => s.up + s.down >= R.minVotes).map((s) => s.up / (s.up + s.down))),
    medianEscalationRate: median(stats.filter((s) => s.viewSessions >= R.minViewSessions).map((s) => s.escalations / s.viewSessions)),
    medianTicketRate: median(stats.filter((s) => s.viewSessions >= R.minViewSessions).map((s) => s.ticketSessions / s.viewSessions)),
    medianArticleViews: median(published.map((s) => s.views)),
    medianAreaViewsPerArticle: median([...areas.values()].map((list) => addUp(list).views / list.length)),
  };

  const inScope = (s: ArticleStats) =>
    (params.category === undefined || s.category === params.category) &&
    (params.product_area === undefined || s.productArea === params.product_area);
  const flags: FrictionFlag[] = [];
  for (const s of stats.filter(inScope)) {
    const totals = addUp([s]);
    const sample = {
      views: s.views,
      previousViews: previousViews.get(s.slug) ?? 0,
      viewSessions: s.viewSessions,
      votes: s.up + s.down,
      articles: 1,
    };
    const base = { target: 'article' as const, slug: s.slug, title: s.title, productArea: s.productArea, sample };
    const content = contentSignals(totals, baselines, lastEdit.get(s.slug) ?? null);
    if (content) flags.push({ kind: 'content', ...base, ...content });
    const dropOff = tutorials.find((t) => t.slug === s.slug)?.largestDropOff ?? null;
    const product = productSignals(
      totals,
      sample.previousViews,
      { kind: 'article', baseline: baselines.medianArticleViews, articles: 1, dropOff },
      baselines,
    );
    if (product) flags.push({ kind: 'product', ...base, ...product });
  }
  for (const [area, list] of areas) {
    if (params.product_area !== undefined && area !== params.product_area) continue;
    if (params.category !== undefined && !list.some((s) => s.category === params.category)) continue;
    const totals = addUp(list);
    const prior = list.reduce((n, s) => n + (previousViews.get(s.slug) ?? 0), 0);
    const areaTutorials = tutorials.filter((t) => list.some((s) => s.slug === t.slug) && t.largestDropOff);
    const dropOff = areaTutorials.map((t) => t.largestDropOff!).sort((a, b) => b.share - a.share)[0] ?? null;
    const product = productSignals(
      totals,
      prior,
      { kind: 'area', baseline: baselines.medianAreaViewsPerArticle, articles: list.length, dropOff },
      baselines,
    );
    if (!product) continue;
    const sample = {
      views: totals.views,
      previousViews: prior,
      viewSessions: totals.viewSessions,
      votes: totals.up + totals.down,
      articles: list.length,
    };
    flags.push({ kind: 'product', target: 'product_area', slug: null, title: null, productArea: area, sample, ...product });
  }

  const ranked = flags.sort((a, b) => b.score - a.score || String(a.slug ?? a.productArea).localeCompare(String(b.slug ?? b.productArea)));
  return {
    range: site,
    previousRange: before,
    baselines,
    content: ranked.filter((f) => f.kind === 'content'),
    product: ranked.filter((f) => f.kind === 'product'),
    rules: R,
    scoring: FRICTION_SCORING,
  };
}

/** Content and product flags in one table, the signals as words and the sample sizes as counts. */
export function frictionTables(f: Friction): Table[] {
  const columns = [
    column('kind'),
    column('target'),
    column('slug'),
    column('product_area'),
    column('score', 'count'),
    column('views', 'count'),
    column('previous_views', 'count'),
    column('view_sessions', 'count'),
    column('votes', 'count'),
    column('signals'),
    column('evidence'),
  ];
  const rows = [...f.content, ...f.product].map((flag) => ({
    kind: flag.kind,
    target: flag.target,
    slug: flag.slug,
    product_area: flag.productArea,
    score: flag.score,
    signals: flag.signals.join(' '),
    evidence: flag.evidence,
    views: flag.sample.views,
    previous_views: flag.sample.previousViews,
    view_sessions: flag.sample.viewSessions,
    votes: flag.sample.votes,
  }));
  return [defineTable('flags', columns, rows)];
}
