/**
 * Content health: stale articles, articles nobody read in the range, low-rated ones, and missing descriptions.
 * Broken related links are not listed: they fail the build, so a published site has none.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { articleStats, median } from './article-stats.ts';
import { FRICTION_RULES } from './friction-rules.ts';
import { isLowRated } from './friction-signals.ts';
import { daysIn } from './report-period.ts';
import { helpfulness, type Helpfulness } from './ratings.ts';
import { ARTICLE_COLUMNS, articleCells, column, defineTable, RATING_COLUMNS, ratingCells, type Table } from './report-table.ts';

export const DEFAULT_REVIEW_DAYS = 180;

interface ArticleRef {
  slug: string;
  title: string | null;
  category: string | null;
  productArea: string | null;
}
export interface StaleArticle extends ArticleRef {
  /** YYYY-MM-DD, or null when the article was never marked as reviewed. */
  reviewed: string | null;
  daysSinceReview: number | null;
}
export interface ContentHealth {
  /** Staleness is measured at the end of the range. */
  asOf: string;
  reviewDays: number;
  publishedArticles: number;
  stale: StaleArticle[];
  neverViewed: ArticleRef[];
  lowRated: (ArticleRef & Helpfulness)[];
  missingDescription: ArticleRef[];
}

export async function getContent(db: Kysely<Database>, params: ReportParams): Promise<ContentHealth> {
  const reviewDays = params.review_days ?? DEFAULT_REVIEW_DAYS;
  const stats = await articleStats(db, params);
  const published = stats.filter((s) => s.published).sort((a, b) => a.slug.localeCompare(b.slug));
  const meta = await db.selectFrom('articles').select(['slug', 'reviewed', 'has_description']).where('published', '=', 1).execute();
  const bySlug = new Map(meta.map((m) => [m.slug, m]));
  const ref = (s: ArticleRef): ArticleRef => ({ slug: s.slug, title: s.title, category: s.category, productArea: s.productArea });

  const stale = published
    .map((s): StaleArticle => {
      const reviewed = bySlug.get(s.slug)?.reviewed ?? null;
      return { ...ref(s), reviewed, daysSinceReview: reviewed === null ? null : daysIn({ from: reviewed, to: params.to }) - 1 };
    })
    .filter((s) => s.daysSinceReview === null || s.daysSinceReview > reviewDays)
    .sort((a, b) => (b.daysSinceReview ?? Infinity) - (a.daysSinceReview ?? Infinity) || a.slug.localeCompare(b.slug));

  // The site median comes from all articles, so a filter does not move the bar.
  const site =
    params.category === undefined && params.product_area === undefined
      ? stats
      : await articleStats(db, { from: params.from, to: params.to });
  const medianHelpfulness = median(site.filter((s) => s.up + s.down >= FRICTION_RULES.minVotes).map((s) => s.up / (s.up + s.down)));
  const lowRated = published
    .filter((s) => isLowRated(s.up, s.up + s.down, medianHelpfulness))
    .map((s) => ({ ...ref(s), ...helpfulness(s.up, s.down) }))
    .sort((a, b) => a.interval!.upper - b.interval!.upper || a.slug.localeCompare(b.slug));

  return {
    asOf: params.to,
    reviewDays,
    publishedArticles: published.length,
    stale,
    neverViewed: published.filter((s) => s.views === 0).map(ref),
    lowRated,
    missingDescription: published.filter((s) => bySlug.get(s.slug)?.has_description === 0).map(ref),
  };
}

export function contentTables(c: ContentHealth): Table[] {
  return [
    defineTable(
      'stale',
      [...ARTICLE_COLUMNS, column('reviewed'), column('days_since_review', 'count')],
      c.stale.map((s) => ({ ...articleCells(s), reviewed: s.reviewed, days_since_review: s.daysSinceReview })),
    ),
    defineTable('never-viewed', ARTICLE_COLUMNS, c.neverViewed.map(articleCells)),
    defineTable(
      'low-rated',
      [...ARTICLE_COLUMNS, ...RATING_COLUMNS],
      c.lowRated.map((a) => ({ ...articleCells(a), ...ratingCells(a) })),
    ),
    defineTable('missing-description', ARTICLE_COLUMNS, c.missingDescription.map(articleCells)),
  ];
}
