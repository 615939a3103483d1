/**
 * Article ratings: final votes per session, helpfulness with its Wilson interval, down-vote reasons,
 * rollups by category and product area, and helpfulness per revision (before and after an edit).
 * Ranked worst first by the interval's upper bound; below `minVotes` an article is "not enough votes".
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { REASONS } from '../domain/event-kinds.ts';
import { articleScope, isScoped } from './article-scope.ts';
import type { ArticleStats } from './article-stats.ts';
import { ARTICLE_COLUMNS, articleCells, column, defineTable, RATING_COLUMNS, ratingCells, type Table } from './report-table.ts';
import { inBucket, overBuckets, rollupTable, signed } from './rollup-buckets.ts';
import { compareRevisions, type RevisionComparison } from './revision-verdict.ts';
import { rate, wilsonInterval, type Interval } from './wilson.ts';
import { ticketSessionsByRevision } from './ticket-totals.ts';

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
  /** Readers whose first view in a session was this revision, and the share of them who contacted from its page. */
  viewSessions: number;
  contactRate: number | null;
  /** Final down votes saying outdated or unclear, as a share of the revision's votes. */
  outdatedOrUnclearShare: number | null;
  /** Readers of this revision who filed a help-desk ticket within a day, and their share of its readers. */
  ticketSessions: number;
  ticketRate: number | null;
  /** Against the article's revision before it (none for its first in the range). */
  change: RevisionComparison | null;
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

/**
 * Final votes per revision in the range (dated by the vote), kept at write time: summed per revision id, then named.
 * Only articles with more than one revision are read: the others cannot have votes spanning revisions, and most
 * articles are never edited.
 */
const REVISION_OUTCOMES = ['up', 'down', 'view_sessions', 'contacts', 'outdated', 'unclear'] as const;

async function votesByRevision(db: Kysely<Database>, params: ReportParams, slug?: string) {
  const revised = db
    .selectFrom('revisions')
    .select('article_id')
    .groupBy('article_id')
    .having(sql`count(*)`, '>', 1);
  const votes = overBuckets(params, (b) =>
    db
      .selectFrom(rollupTable('revision_votes', b))
      .select(['revision_id', ...REVISION_OUTCOMES.map((c) => signed(b, c))])
      .where(inBucket(b))
      .where('article_id', 'in', revised),
  );
  const totals = db
    .selectFrom(votes.as('v'))
    .select(['v.revision_id', ...REVISION_OUTCOMES.map((c) => sql<number>`sum(${sql.ref(`v.${c}`)})`.as(c))])
    .groupBy('v.revision_id')
    .having((eb) => eb.or([eb(sql`sum(v.up)`, '<>', 0), eb(sql`sum(v.down)`, '<>', 0)]))
    .as('t');
  return db
    .selectFrom(totals)
    .innerJoin('revisions as r', 'r.id', 't.revision_id')
    .innerJoin('articles as a', 'a.id', 'r.article_id')
    .select([
      'a.slug',
      'r.id as revision_id',
      'r.revision',
      'r.first_seen_at',
      ...REVISION_OUTCOMES.map((c) => `t.${c}` as `t.${(typeof REVISION_OUTCOMES)[number]}`),
    ])
    .where(articleScope(params))
    .$if(slug !== undefined, (q) => q.where('a.slug', '=', slug!))
    .orderBy('a.slug')
    .orderBy('r.first_seen_at')
    .execute();
}

const VOTE_COUNTERS = ['up', 'down', 'outdated', 'unclear', 'didnt_solve', 'product_issue', 'other', 'comments'] as const;
type ArticleVotes = Pick<ArticleStats, 'slug' | 'title' | 'category' | 'productArea' | 'up' | 'down' | 'comments'> & {
  reasons: ReasonCounts;
};

/**
 * Final votes, reasons and comments per article over the range. Only rollup rows with a vote or a comment are
 * summed: most rows count views alone, and the report lists voted articles only.
 */
async function votesByArticle(db: Kysely<Database>, params: ReportParams): Promise<ArticleVotes[]> {
  // With a filter, only the rows of the articles in scope go on to be summed (a category holds a twelfth of them).
  const inScope = db.selectFrom('articles as a').select('a.id').where(articleScope(params));
  const rows = overBuckets(params, (b) =>
    db
      .selectFrom(rollupTable('article', b))
      .select(['article_id', ...VOTE_COUNTERS.map((c) => signed(b, c))])
      .where(inBucket(b))
      .where((eb) => eb.or([eb('up', '<>', 0), eb('down', '<>', 0), eb('comments', '<>', 0)]))
      .$if(isScoped(params), (q) => q.where('article_id', 'in', inScope)),
  );
  const totals = db
    .selectFrom(rows.as('r'))
    .select(['r.article_id', ...VOTE_COUNTERS.map((c) => sql<number>`sum(${sql.ref(`r.${c}`)})`.as(c))])
    .groupBy('r.article_id')
    .having((eb) => eb.or([eb(sql`sum(r.up)`, '<>', 0), eb(sql`sum(r.down)`, '<>', 0), eb(sql`sum(r.comments)`, '<>', 0)]))
    .as('t');
  const voted = await db
    .selectFrom(totals)
    .innerJoin('articles as a', 'a.id', 't.article_id')
    .select(['a.slug', 'a.title', 'a.category', 'a.product_area', ...VOTE_COUNTERS.map((c) => `t.${c}` as const)])
    .where(articleScope(params))
    .execute();
  return voted.map((r) => ({
    slug: r.slug,
    title: r.title,
    category: r.category,
    productArea: r.product_area,
    up: Number(r.up),
    down: Number(r.down),
    reasons: {
      outdated: Number(r.outdated),
      unclear: Number(r.unclear),
      didnt_solve: Number(r.didnt_solve),
      product_issue: Number(r.product_issue),
      other: Number(r.other),
    },
    comments: Number(r.comments),
  }));
}

function byGroup(stats: ArticleVotes[], key: 'category' | 'productArea', minVotes: number): GroupRating[] {
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
  // Comments are counted per article and day by the comment's time, so the rollup gives the same count as the comments
  // in the range.
  const voted = (await votesByArticle(db, params)).filter((a) => a.up + a.down > 0);
  const articles = voted
    .map((a): ArticleRating => ({
      slug: a.slug,
      title: a.title,
      category: a.category,
      productArea: a.productArea,
      ...helpfulness(a.up, a.down, minVotes),
      reasons: a.reasons,
      comments: a.comments,
    }))
    .sort((a, b) => worstFirst(a, b) || a.slug.localeCompare(b.slug));

  return {
    articles,
    byCategory: byGroup(voted, 'category', minVotes),
    byProductArea: byGroup(voted, 'productArea', minVotes),
    byRevision: await revisionRatings(db, params, undefined, minVotes),
  };
}

/**
 * Helpfulness per revision, oldest first, of the articles (or the one article) whose votes in the range span more
 * than one revision, each with its verdict against the revision before it.
 */
export async function revisionRatings(
  db: Kysely<Database>,
  params: ReportParams,
  slug?: string,
  minVotes = DEFAULT_MIN_VOTES,
): Promise<RevisionRating[]> {
  const revisions = await votesByRevision(db, params, slug);
  const tickets = await ticketSessionsByRevision(db, params);
  const revisionCount = new Map<string, number>();
  for (const r of revisions) revisionCount.set(r.slug, (revisionCount.get(r.slug) ?? 0) + 1);
  return revisions
    .filter((r) => (revisionCount.get(r.slug) ?? 0) > 1)
    .map((r, i, all) => {
      const previous = all[i - 1]?.slug === r.slug ? all[i - 1] : undefined;
      const votes = { up: Number(r.up), down: Number(r.down) };
      return {
        slug: r.slug,
        revision: r.revision,
        firstSeenAt: Number(r.first_seen_at),
        ...helpfulness(votes.up, votes.down, minVotes),
        viewSessions: Number(r.view_sessions),
        contactRate: rate(Number(r.contacts), Number(r.view_sessions)),
        outdatedOrUnclearShare: rate(Number(r.outdated) + Number(r.unclear), votes.up + votes.down),
        ticketSessions: tickets.get(Number(r.revision_id)) ?? 0,
        ticketRate: rate(tickets.get(Number(r.revision_id)) ?? 0, Number(r.view_sessions)),
        change: previous
          ? compareRevisions({ up: Number(previous.up), down: Number(previous.down) }, { ...votes, since: Number(r.first_seen_at) })
          : null,
      };
    });
}

/** The revisions table of the ratings report and of one article's. */
export function revisionsTable(revisions: readonly RevisionRating[]): Table {
  return defineTable(
    'revisions',
    [
      column('slug'),
      column('revision'),
      column('first_seen'),
      ...RATING_COLUMNS,
      column('view_sessions', 'count'),
      column('contact_rate', 'rate'),
      column('outdated_unclear_share', 'rate'),
      column('ticket_sessions', 'count'),
      column('ticket_rate', 'rate'),
      column('verdict'),
      column('p', 'p'),
      column('evidence'),
    ],
    revisions.map((x) => ({
      slug: x.slug,
      revision: x.revision,
      first_seen: new Date(x.firstSeenAt).toISOString().slice(0, 10),
      ...ratingCells(x),
      view_sessions: x.viewSessions,
      contact_rate: x.contactRate,
      outdated_unclear_share: x.outdatedOrUnclearShare,
      ticket_sessions: x.ticketSessions,
      ticket_rate: x.ticketRate,
      verdict: x.change?.verdict ?? null,
      p: x.change?.p ?? null,
      evidence: x.change?.sentence ?? null,
    })),
  );
}

const GROUP_COLUMNS = [column('group'), column('articles', 'count'), ...RATING_COLUMNS];
const groupCells = (g: GroupRating) => ({ group: g.group, articles: g.articles, ...ratingCells(g) });

export function ratingsTables(r: Ratings): Table[] {
  return [
    defineTable(
      'articles',
      [...ARTICLE_COLUMNS, ...RATING_COLUMNS, ...REASONS.map((x) => column(x, 'count')), column('comments', 'count')],
      r.articles.map((a) => ({ ...articleCells(a), ...ratingCells(a), ...a.reasons, comments: a.comments })),
    ),
    defineTable('categories', GROUP_COLUMNS, r.byCategory.map(groupCells)),
    defineTable('product-areas', GROUP_COLUMNS, r.byProductArea.map(groupCells)),
    revisionsTable(r.byRevision),
  ];
}
