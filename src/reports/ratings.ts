/**
 * Article ratings: final votes per session, helpfulness with its Wilson interval, down-vote reasons.
 * Ranked worst first by the interval's upper bound; below `minVotes` an article is "not enough votes".
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { REASONS } from '../schemas/events.ts';
import { rate, wilsonInterval, type Interval } from './wilson.ts';

export const DEFAULT_MIN_VOTES = 5;

export interface ArticleRating {
  slug: string;
  up: number;
  down: number;
  n: number;
  helpfulness: number | null;
  interval: Interval | null;
  enoughVotes: boolean;
  reasons: Record<(typeof REASONS)[number], number>;
  comments: number;
}

export async function getRatings(db: Kysely<Database>, params: ReportParams, minVotes = DEFAULT_MIN_VOTES): Promise<ArticleRating[]> {
  const rows = await db
    .selectFrom('session_articles as sa')
    .innerJoin('articles as a', 'a.id', 'sa.article_id')
    .select([
      'a.slug',
      sql<number>`sum(case when sa.vote = 'up' then 1 else 0 end)`.as('up'),
      sql<number>`sum(case when sa.vote = 'down' then 1 else 0 end)`.as('down'),
      ...REASONS.map((r) => sql<number>`sum(case when sa.reason = ${r} then 1 else 0 end)`.as(r)),
    ])
    .where('sa.vote', 'is not', null)
    .where('sa.vote_day', '>=', params.from)
    .where('sa.vote_day', '<=', params.to)
    .groupBy('a.slug')
    .execute();
  const from = Date.parse(`${params.from}T00:00:00Z`);
  const to = Date.parse(`${params.to}T00:00:00Z`) + 86_400_000;
  const comments = await db
    .selectFrom('comments as c')
    .innerJoin('articles as a', 'a.id', 'c.article_id')
    .select(['a.slug', sql<number>`count(*)`.as('n')])
    .where('c.ts', '>=', from)
    .where('c.ts', '<', to)
    .groupBy('a.slug')
    .execute();
  const commentCount = new Map(comments.map((c) => [c.slug, Number(c.n)]));

  const ratings = rows.map((r): ArticleRating => {
    const up = Number(r.up);
    const down = Number(r.down);
    const n = up + down;
    const row = r as unknown as Record<string, number>;
    return {
      slug: r.slug,
      up,
      down,
      n,
      helpfulness: rate(up, n),
      interval: wilsonInterval(up, n),
      enoughVotes: n >= minVotes,
      reasons: Object.fromEntries(REASONS.map((reason) => [reason, Number(row[reason] ?? 0)])) as ArticleRating['reasons'],
      comments: commentCount.get(r.slug) ?? 0,
    };
  });
  // Worst first by the upper bound: an article is only called bad when even its best case is bad.
  return ratings.sort(
    (a, b) =>
      Number(b.enoughVotes) - Number(a.enoughVotes) ||
      (a.interval?.upper ?? 1) - (b.interval?.upper ?? 1) ||
      b.n - a.n ||
      a.slug.localeCompare(b.slug),
  );
}
