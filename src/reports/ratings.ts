/**
 * Article ratings: final votes per session, helpfulness with its Wilson interval, down-vote reasons,
 * rollups by category and product area, and helpfulness per revision (before and after an edit).
 * Ranked worst first by the interval's upper bound; below `minVotes` an article is "not enough votes".
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import type { REASONS } from '../schemas/events.ts';
import { articleScope } from './article-scope.ts';
import { articleStats, type ArticleStats } from './article-stats.ts';
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


function byGroup(stats: ArticleStats[], key: 'category' | 'productArea', minVotes: number): GroupRating[] {
  const groups = new Map<string | null, { up: number; down: number; articles: number }>();
  for (const a of stats) {
    const g = groups.get(a[key]) ?? { up: 0, down: 0, articles: 0 };
    groups.set(a[key], { up: g.up + a.up, down: g.down + a.down, articles: g.articles + 1 });
  }
  return [...groups]
    .map(([group, g]) => ({ group, articles: g.articles, ...helpfulness(g.up, g.down, minVotes) }))
    .sort((a, b) => worstFirst(a, b) || String(a.group).localeCompare(String(b.group)));
}

export async function getRatings(db: Kysely<Database>, params: ReportParams, minVotes = DEFAULT_MIN_VOTES): Promise<Ratings> {
  // Final votes and reasons per article from the daily rollup (votes are dated by the vote).
  const voted = (await articleStats(db, params)).filter((a) => a.up + a.down > 0);
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
  const articles = voted
    .map(
      (a): ArticleRating => ({
        slug: a.slug,
        title: a.title,
        category: a.category,
        productArea: a.productArea,
        ...helpfulness(a.up, a.down, minVotes),
        reasons: { outdated: a.outdated, unclear: a.unclear, didnt_solve: a.didntSolve, product_issue: a.productIssue, other: a.other },
        comments: commentCount.get(a.slug) ?? 0,
      }),
    )
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
    byCategory: byGroup(voted, 'category', minVotes),
    byProductArea: byGroup(voted, 'productArea', minVotes),
    byRevision: revisions
      .filter((r) => (revisionCount.get(r.slug) ?? 0) > 1)
      .map((r) => ({ slug: r.slug, revision: r.revision, firstSeenAt: Number(r.first_seen_at), ...helpfulness(Number(r.up), Number(r.down), minVotes) })),
  };
}
