/**
 * Per-article totals over a range from the rollups: views, readers, escalations, final votes and reasons; and the
 * readers who went on to file a help-desk ticket.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { articleScope } from './article-scope.ts';
import { inBucket, overBuckets, rollupTable, signed } from './rollup-buckets.ts';
import { ticketSessionsByArticle } from './ticket-totals.ts';

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
  /** Readers who filed a help-desk ticket within a day of first reading it in the range. */
  ticketSessions: number;
}

const COUNTERS = [
  'views',
  'view_sessions',
  'escalations',
  'up',
  'down',
  'outdated',
  'unclear',
  'didnt_solve',
  'product_issue',
  'other',
  'comments',
] as const;
const NO_DATA = Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<(typeof COUNTERS)[number], number>;

/** Every article in scope that is published or has data in the range; published articles without data have zeros. */
export async function articleStats(db: Kysely<Database>, params: ReportParams): Promise<ArticleStats[]> {
  // Summed per article over the range's buckets: the rollups' keys start with the day.
  const rows = overBuckets(params, (b) =>
    db
      .selectFrom(rollupTable('article', b))
      .select(['article_id', ...COUNTERS.map((c) => signed(b, c))])
      .where(inBucket(b)),
  );
  const totals = await db
    .selectFrom(rows.as('r'))
    .select(['r.article_id', ...COUNTERS.map((c) => sql<number>`sum(${sql.ref(`r.${c}`)})`.as(c))])
    .groupBy('r.article_id')
    .execute();
  // Joined here rather than in SQL: a left join to the grouped totals had SQLite index them first, a fifth of the time.
  const byId = new Map(totals.map((t) => [t.article_id, t]));
  const articles = await db
    .selectFrom('articles as a')
    .select(['a.id', 'a.slug', 'a.title', 'a.kind', 'a.category', 'a.product_area', 'a.published'])
    .where(articleScope(params))
    .execute();
  const tickets = await ticketSessionsByArticle(db, params);
  const stats: ArticleStats[] = [];
  for (const a of articles) {
    const d = byId.get(a.id) ?? NO_DATA;
    if (a.published !== 1 && !COUNTERS.some((c) => Number(d[c]) !== 0) && !tickets.has(a.slug)) continue;
    stats.push({
      slug: a.slug,
      title: a.title,
      kind: a.kind,
      category: a.category,
      productArea: a.product_area,
      published: a.published === 1,
      views: Number(d.views),
      viewSessions: Number(d.view_sessions),
      escalations: Number(d.escalations),
      up: Number(d.up),
      down: Number(d.down),
      outdated: Number(d.outdated),
      unclear: Number(d.unclear),
      didntSolve: Number(d.didnt_solve),
      productIssue: Number(d.product_issue),
      other: Number(d.other),
      comments: Number(d.comments),
      ticketSessions: tickets.get(a.slug) ?? 0,
    });
  }
  return stats;
}

/** Views per article slug over a range (the previous period of the friction report needs nothing else). */
export async function articleViews(db: Kysely<Database>, range: { from: string; to: string }): Promise<Map<string, number>> {
  const rows = overBuckets(range, (b) =>
    db
      .selectFrom(rollupTable('article', b))
      .select(['article_id', signed(b, 'views')])
      .where(inBucket(b)),
  );
  // Summed per article id first: only the totals are joined to their slugs.
  const totals = db
    .selectFrom(rows.as('r'))
    .select(['r.article_id', sql<number>`sum(r.views)`.as('views')])
    .groupBy('r.article_id')
    .as('t');
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
