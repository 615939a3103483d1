/**
 * Article ratings: final votes per session, helpfulness with its Wilson interval, down-vote reasons,
 * rollups by category and product area, and helpfulness per revision (before and after an edit).
 * Ranked worst first by the interval's upper bound; below `minVotes` an article is "not enough votes".
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { REASONS } from '../schemas/events.ts';
import { articleScope } from './article-scope.ts';
import { epochBounds } from './report-period.ts';
import { rate, wilsonInterval, type Interval } from './wilson.ts';

export const DEFAULT_MIN_VOTES = 5;

export type ReasonCounts = Record<(typeof REASONS)[number], number>;

export interface Helpfulness {
  up: number;
  down: number;
  n: number;
  helpfulness: number | null;
  interval: Interval | null;
  enoughVotes: boolean;
}
export interface ArticleRating extends Helpfulness {
  slug: string;
  title: string | null;
  category: string | null;
  productArea: string | null;
  reasons: ReasonCounts;
  comments: number;
}
export interface GroupRating extends Helpfulness {
  /** The category or product area; null collects articles without one. */
  group: string | null;
  articles: number;
}
export interface RevisionRating extends Helpfulness {
  slug: string;
  revision: string;
  firstSeenAt: number;
}
export interface Ratings {
  articles: ArticleRating[];
  byCategory: GroupRating[];
  byProductArea: GroupRating[];
  /** Articles whose votes span more than one revision, oldest revision first. */
  byRevision: RevisionRating[];
}

export function helpfulness(up: number, down: number, minVotes = DEFAULT_MIN_VOTES): Helpfulness {
  const n = up + down;
  return { up, down, n, helpfulness: rate(up, n), interval: wilsonInterval(up, n), enoughVotes: n >= minVotes };
}

// Worst first by the upper bound: an article is only called bad when even its best case is bad.
const worstFirst = (a: Helpfulness, b: Helpfulness) =>
  Number(b.enoughVotes) - Number(a.enoughVotes) || (a.interval?.upper ?? 1) - (b.interval?.upper ?? 1) || b.n - a.n;

/** Each session's final vote in the range, with the revision it was given on. */
function votesInRange(db: Kysely<Database>, params: ReportParams) {
  return db
    .selectFrom('session_articles as sa')
    .innerJoin('articles as a', 'a.id', 'sa.article_id')
    .where('sa.vote', 'is not', null)
    .where('sa.vote_day', '>=', params.from)
    .where('sa.vote_day', '<=', params.to)
    .where(articleScope(params));
}


/** Final votes and reasons per article over the range, from the daily rollup (votes are dated by the vote). */
function dailyVotes(db: Kysely<Database>, params: ReportParams) {
  return db
    .selectFrom('article_daily as d')
    .innerJoin('articles as a', 'a.id', 'd.article_id')
    .where('d.day', '>=', params.from)
    .where('d.day', '<=', params.to)
    .where(articleScope(params))
    .having(sql`sum(d.up) + sum(d.down)`, '>', 0);
}

const up = sql<number>`sum(d.up)`;
const down = sql<number>`sum(d.down)`;

async function byGroup(db: Kysely<Database>, params: ReportParams, column: 'a.category' | 'a.product_area', minVotes: number): Promise<GroupRating[]> {
  const rows = await dailyVotes(db, params)
    .select([sql<string | null>`${sql.ref(column)}`.as('grp'), up.as('up'), down.as('down'), sql<number>`count(distinct case when d.up + d.down > 0 then d.article_id end)`.as('articles')])
    .groupBy(column)
    .execute();
  return rows
    .map((r) => ({ group: r.grp, articles: Number(r.articles), ...helpfulness(Number(r.up), Number(r.down), minVotes) }))
    .sort((a, b) => worstFirst(a, b) || String(a.group).localeCompare(String(b.group)));
}

export async function getRatings(db: Kysely<Database>, params: ReportParams, minVotes = DEFAULT_MIN_VOTES): Promise<Ratings> {
  const rows = await dailyVotes(db, params)
    .select(['a.slug', 'a.title', 'a.category', 'a.product_area', up.as('up'), down.as('down'), ...REASONS.map((r) => sql<number>`sum(${sql.ref(`d.${r}`)})`.as(r))])
    .groupBy(['a.id', 'a.slug', 'a.title', 'a.category', 'a.product_area'])
    .execute();
  const { start, end } = epochBounds(params);
  const comments = await db
    .selectFrom('comments as c')
    .innerJoin('articles as a', 'a.id', 'c.article_id')
    .select(['a.slug', sql<number>`count(*)`.as('n')])
    .where('c.ts', '>=', start)
    .where('c.ts', '<', end)
    .where(articleScope(params))
    .groupBy('a.slug')
    .execute();
  const commentCount = new Map(comments.map((c) => [c.slug, Number(c.n)]));
  const articles = rows
    .map((r): ArticleRating => {
      const row = r as unknown as Record<string, number>;
      return {
        slug: r.slug,
        title: r.title,
        category: r.category,
        productArea: r.product_area,
        ...helpfulness(Number(r.up), Number(r.down), minVotes),
        reasons: Object.fromEntries(REASONS.map((reason) => [reason, Number(row[reason] ?? 0)])) as ReasonCounts,
        comments: commentCount.get(r.slug) ?? 0,
      };
    })
    .sort((a, b) => worstFirst(a, b) || a.slug.localeCompare(b.slug));

  const revisions = await votesInRange(db, params)
    .innerJoin('revisions as r', 'r.id', 'sa.revision_id')
    .select(['a.slug', 'r.revision', 'r.first_seen_at', sql<number>`sum(case when sa.vote = 'up' then 1 else 0 end)`.as('up'), sql<number>`sum(case when sa.vote = 'down' then 1 else 0 end)`.as('down')])
    .groupBy(['a.slug', 'r.revision', 'r.first_seen_at'])
    .orderBy('a.slug')
    .orderBy('r.first_seen_at')
    .execute();
  const revisionCount = new Map<string, number>();
  for (const r of revisions) revisionCount.set(r.slug, (revisionCount.get(r.slug) ?? 0) + 1);

  return {
    articles,
    byCategory: await byGroup(db, params, 'a.category', minVotes),
    byProductArea: await byGroup(db, params, 'a.product_area', minVotes),
    byRevision: revisions
      .filter((r) => (revisionCount.get(r.slug) ?? 0) > 1)
      .map((r) => ({ slug: r.slug, revision: r.revision, firstSeenAt: Number(r.first_seen_at), ...helpfulness(Number(r.up), Number(r.down), minVotes) })),
  };
}
