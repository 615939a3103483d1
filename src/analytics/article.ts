/**
 * One article in depth: views over time, votes and comments (newest first), escalation, and the searches that led to
 * it.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { REASONS } from '../domain/event-kinds.ts';
import { epochBounds } from './report-period.ts';
import { helpfulness, revisionRatings, revisionsTable, type Helpfulness, type ReasonCounts, type RevisionRating } from './ratings.ts';
import { ARTICLE_COLUMNS, articleCells, column, defineTable, RATING_COLUMNS, ratingCells, type Table } from './report-table.ts';
import { rate } from './wilson.ts';
import { anyTicket, ticketSessionsByArticle } from './ticket-totals.ts';

export const ARTICLE_COMMENTS_LIMIT = 200;

export interface ArticleDay {
  day: string;
  views: number;
  viewSessions: number;
  escalations: number;
  up: number;
  down: number;
}
export interface ArticleComment {
  /** ISO time. */
  at: string;
  vote: 'up' | 'down';
  reason: string | null;
  revision: string | null;
  comment: string;
}
export interface ArticleReport {
  slug: string;
  title: string | null;
  kind: 'article' | 'tutorial' | null;
  category: string | null;
  productArea: string | null;
  published: boolean;
  views: number;
  viewSessions: number;
  escalations: number;
  escalationRate: number | null;
  /** Readers who filed a help-desk ticket within a day of first reading it (beside the contact clicks). */
  ticketSessions: number;
  ticketRate: number | null;
  /** Whether the help desk ever sent a ticket: until it has, ticket counts say nothing. */
  anyTicket: boolean;
  rating: Helpfulness;
  reasons: ReasonCounts;
  byDay: ArticleDay[];
  /** Newest first, at most ARTICLE_COMMENTS_LIMIT. */
  comments: ArticleComment[];
  /** Searches whose result was this article, by clicks. */
  queries: { query: string; clicks: number }[];
  /** Helpfulness per revision with the verdict on each edit, when the votes in the range span more than one. */
  revisions: RevisionRating[];
}

const sum = (column: string) => sql<number>`sum(${sql.ref(column)})`;

/** null when no article with this slug was ever published or recorded. */
export async function getArticle(db: Kysely<Database>, params: ReportParams, slug: string): Promise<ArticleReport | null> {
  const article = await db.selectFrom('articles').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!article) return null;
  const days = await db
    .selectFrom('article_daily')
    .select(['day', 'views', 'view_sessions', 'escalations', 'up', 'down', ...REASONS])
    .where('article_id', '=', article.id)
    .where('day', '>=', params.from)
    .where('day', '<=', params.to)
    .orderBy('day')
    .execute();
  const { start, end } = epochBounds(params);
  const comments = await db
    .selectFrom('comments as c')
    .leftJoin('revisions as r', 'r.id', 'c.revision_id')
    .select(['c.ts', 'c.vote', 'c.reason', 'r.revision', 'c.comment'])
    .where('c.article_id', '=', article.id)
    // Down votes with a reason and no words are the inbox's; the article lists what readers wrote.
    .where('c.comment', '<>', '')
    .where('c.ts', '>=', start)
    .where('c.ts', '<', end)
    .orderBy('c.ts', 'desc')
    .orderBy('c.id', 'desc')
    .limit(ARTICLE_COMMENTS_LIMIT)
    .execute();
  const queries = await db
    .selectFrom('query_article_daily as qa')
    .innerJoin('queries as q', 'q.id', 'qa.query_id')
    .select(['q.text', sum('qa.clicks').as('clicks')])
    .where('qa.article_id', '=', article.id)
    .where('qa.day', '>=', params.from)
    .where('qa.day', '<=', params.to)
    .groupBy('q.text')
    .orderBy(sum('qa.clicks'), 'desc')
    .orderBy('q.text')
    .limit(50)
    .execute();

  const total = (pick: (d: (typeof days)[number]) => number) => days.reduce((n, d) => n + pick(d), 0);
  const viewSessions = total((d) => d.view_sessions);
  const escalations = total((d) => d.escalations);
  const ticketSessions = (await ticketSessionsByArticle(db, params, slug)).get(slug) ?? 0;
  return {
    slug,
    title: article.title,
    kind: article.kind,
    category: article.category,
    productArea: article.product_area,
    published: article.published === 1,
    views: total((d) => d.views),
    viewSessions,
    escalations,
    escalationRate: rate(escalations, viewSessions),
    ticketSessions,
    ticketRate: rate(ticketSessions, viewSessions),
    anyTicket: await anyTicket(db),
    rating: helpfulness(
      total((d) => d.up),
      total((d) => d.down),
    ),
    reasons: Object.fromEntries(REASONS.map((r) => [r, total((d) => d[r])])) as ReasonCounts,
    byDay: days.map((d) => ({
      day: d.day,
      views: d.views,
      viewSessions: d.view_sessions,
      escalations: d.escalations,
      up: d.up,
      down: d.down,
    })),
    comments: comments.map((c) => ({
      at: new Date(Number(c.ts)).toISOString(),
      vote: c.vote,
      reason: c.reason,
      revision: c.revision,
      comment: c.comment,
    })),
    queries: queries.map((q) => ({ query: q.text, clicks: Number(q.clicks) })),
    revisions: await revisionRatings(db, params, slug),
  };
}

export function articleTables(a: ArticleReport): Table[] {
  const totals = [column('views', 'count'), column('view_sessions', 'count'), column('escalations', 'count')];
  return [
    defineTable(
      'summary',
      [
        ...ARTICLE_COLUMNS,
        ...totals,
        column('escalation_rate', 'rate'),
        column('ticket_sessions', 'count'),
        column('ticket_rate', 'rate'),
        ...RATING_COLUMNS,
      ],
      [
        {
          ...articleCells(a),
          views: a.views,
          view_sessions: a.viewSessions,
          escalations: a.escalations,
          escalation_rate: a.escalationRate,
          ticket_sessions: a.ticketSessions,
          ticket_rate: a.ticketRate,
          ...ratingCells(a.rating),
        },
      ],
    ),
    defineTable(
      'days',
      [column('day'), ...totals, column('up', 'count'), column('down', 'count')],
      a.byDay.map((d) => ({
        day: d.day,
        views: d.views,
        view_sessions: d.viewSessions,
        escalations: d.escalations,
        up: d.up,
        down: d.down,
      })),
    ),
    defineTable(
      'comments',
      [column('at'), column('vote'), column('reason'), column('revision'), column('comment')],
      a.comments.map((c) => ({ ...c })),
    ),
    defineTable(
      'queries',
      [column('query'), column('clicks', 'count')],
      a.queries.map((q) => ({ ...q })),
    ),
    revisionsTable(a.revisions),
  ];
}
