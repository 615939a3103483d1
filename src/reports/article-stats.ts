/** Per-article totals over a range from the daily rollup: views, readers, escalations, final votes and reasons. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { articleScope } from './article-scope.ts';
import { overBuckets, rollupTable, signed } from './rollup-buckets.ts';

export interface ArticleStats {
  slug: string;
  title: string | null;
  kind: 'article' | 'tutorial' | null;
  category: string | null;
  productArea: string | null;
  published: boolean;
  views: number;
  viewSessions: number;
  /** Sessions that viewed the article and later contacted support. */
  escalations: number;
  up: number;
  down: number;
  outdated: number;
  unclear: number;
  didntSolve: number;
  productIssue: number;
  other: number;
  /** Comments written in the range. */
  comments: number;
}

const total = (column: string) => sql<number>`coalesce(${sql.ref(`d.${column}`)}, 0)`;

const COUNTERS = ['views', 'view_sessions', 'escalations', 'up', 'down', 'outdated', 'unclear', 'didnt_solve', 'product_issue', 'other', 'comments'] as const;

/** Every article in scope that is published or has data in the range; published articles without data have zeros. */
export async function articleStats(db: Kysely<Database>, params: ReportParams): Promise<ArticleStats[]> {
  // Summed per article over the range's months and days, then joined: the rollups' keys start with the day.
  const rows = overBuckets(params, (b) =>
    db
      .selectFrom(rollupTable('article', b))
      .select(['article_id', ...COUNTERS.map((c) => signed(b, c))])
      .where('day', '>=', b.from)
      .where('day', '<=', b.to),
  );
  const totals = db
    .selectFrom(rows.as('r'))
    .select(['r.article_id', ...COUNTERS.map((c) => sql<number>`sum(${sql.ref(`r.${c}`)})`.as(c))])
    .groupBy('r.article_id')
    .as('d');
  const joined = await db
    .selectFrom('articles as a')
    .leftJoin(totals, 'd.article_id', 'a.id')
    .select(['a.slug', 'a.title', 'a.kind', 'a.category', 'a.product_area', 'a.published', ...COUNTERS.map((c) => total(c).as(c))])
    .where(articleScope(params))
    .execute();
  return joined
    .filter((r) => r.published === 1 || COUNTERS.some((c) => Number(r[c]) !== 0))
    .map((r) => ({
      slug: r.slug,
      title: r.title,
      kind: r.kind,
      category: r.category,
      productArea: r.product_area,
      published: r.published === 1,
      views: Number(r.views),
      viewSessions: Number(r.view_sessions),
      escalations: Number(r.escalations),
      up: Number(r.up),
      down: Number(r.down),
      outdated: Number(r.outdated),
      unclear: Number(r.unclear),
      didntSolve: Number(r.didnt_solve),
      productIssue: Number(r.product_issue),
      other: Number(r.other),
      comments: Number(r.comments),
    }));
}

/** Views per article slug over a range (the previous period of the friction report needs nothing else). */
export async function articleViews(db: Kysely<Database>, range: { from: string; to: string }): Promise<Map<string, number>> {
  const rows = overBuckets(range, (b) => db.selectFrom(rollupTable('article', b)).select(['article_id', signed(b, 'views')]).where('day', '>=', b.from).where('day', '<=', b.to));
  // Summed per article id first: only the totals are joined to their slugs.
  const totals = db.selectFrom(rows.as('r')).select(['r.article_id', sql<number>`sum(r.views)`.as('views')]).groupBy('r.article_id').as('t');
  const views = await db.selectFrom(totals).innerJoin('articles as a', 'a.id', 't.article_id').select(['a.slug', 't.views']).execute();
  return new Map(views.map((v) => [v.slug, Number(v.views)]));
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numerically without a comparator call per pair.
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
