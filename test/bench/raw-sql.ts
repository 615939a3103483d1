/**
 * The raw side of the reports benchmark: SQL over the `events` table alone (plus the dimension tables and comments),
 * prepared once per query. Conventions copied from the write path, so both sides count the same thing: a session
 * belongs to the day of its first event; a session's final vote on an article is its last feedback event (dated by that
 * event); a view, search or tutorial step in `events` is already deduplicated. Sessions last well under a day, so scans
 * reach one day (MARGIN) beyond the range instead of reading every event.
 */
import type SqliteDatabase from 'better-sqlite3';
import { epochBounds } from '../../src/analytics/report-period.ts';
import { REASONS } from '../../src/domain/event-kinds.ts';

const MARGIN = 86_400_000;
const VOTE_SUMS = `sum(n1 = 1) as up, sum(n1 = 0) as down, ${REASONS.map((r, i) => `sum(n1 = 0 and n2 = ${i + 1}) as ${r}`).join(', ')}`;
const IN_RANGE = 'ts >= @start and ts < @end';
/**
 * Events of the widened range with, per row, its rank among the session's same-type events on the article (1 = last:
 * the final vote), the session's first view of the article and its last contact.
 */
const votesAndEscalation = (filter: string) => `
      select type, ts, article_id, n1, n2,
        row_number() over (partition by session_id, article_id, type order by id desc) as rn,
        min(case when type = 1 then ts end) over (partition by session_id, article_id) as first_view,
        max(case when type = 5 then ts end) over (partition by session_id) as last_contact
      from events where ts >= @lo and ts < @hi and ${filter}`;

/**
 * KB, escalated and confirmed sessions per day of the session's first event; `scoped`: only sessions that viewed an
 * article of @category.
 */
const sessionDays = (scoped: boolean) => `
    with ev as (
      select session_id, type, ts, n1${scoped ? ', article_id' : ''}, row_number() over (partition by session_id, article_id, type order by id desc) as rn
      from events where ts >= @lo and ts < @hi),
    sess as (
      select min(ts) as started, max(type in (1, 2)) as kb, max(type = 5) as escalated, max(type = 4 and rn = 1 and n1 = 1) as up${scoped ? ',\n        max(type = 1 and article_id in (select id from articles where category = @category)) as in_scope' : ''}
      from ev group by session_id)
    select started / 86400000 as day, count(*) as kb, sum(escalated) as escalated, sum(escalated = 0 and up) as confirmed
    from sess where kb${scoped ? ' and in_scope' : ''} and started >= @start and started < @end group by 1 order by 1`;

const SQL = {
  sessionDays: sessionDays(false),
  /** The same, for sessions that viewed an article of @category. */
  scopedSessionDays: sessionDays(true),
  counts: `select coalesce(sum(type = 1), 0) as views, coalesce(sum(type = 2), 0) as searches from events where ${IN_RANGE}`,
  /** Final votes dated in the range, per article and the revision they were cast on, with the reasons of down votes. */
  finalVotes: `
    with last as (
      select ts, article_id, revision_id, n1, n2, row_number() over (partition by session_id, article_id order by id desc) as rn
      from events where type = 4 and ts >= @start and ts < @hi)
    select a.slug, a.title, a.category, a.product_area as productArea, r.revision, r.first_seen_at as firstSeenAt, ${VOTE_SUMS}
    from last join articles a on a.id = last.article_id left join revisions r on r.id = last.revision_id
    where rn = 1 and ${IN_RANGE} and (@category is null or a.category = @category)
    group by a.slug, r.id`,
  comments: `
    select a.slug, count(*) as n from comments c join articles a on a.id = c.article_id
    where c.comment <> '' and c.ts >= @start and c.ts < @end and (@category is null or a.category = @category) group by a.slug`,
  /**
   * Per article: views, readers (sessions whose first view is in range), readers who contacted support later, final
   * votes.
   */
  articleStats: `
    with ev as (${votesAndEscalation('type in (1, 4, 5)')}),
    per as (
      select article_id, sum(type = 1) as views, sum(type = 1 and ts = first_view) as viewSessions,
        sum(type = 1 and ts = first_view and coalesce(last_contact >= ts, 0)) as escalations,
        coalesce(sum(type = 4 and rn = 1 and n1 = 1), 0) as up, coalesce(sum(type = 4 and rn = 1 and n1 = 0), 0) as down,
        ${REASONS.map((r, i) => `coalesce(sum(type = 4 and rn = 1 and n1 = 0 and n2 = ${i + 1}), 0) as ${r}`).join(', ')}
      from ev where article_id is not null and ${IN_RANGE} group by article_id),
    filed as (
      select r.article_id, count(distinct t.session_id) as ticketSessions from ticket_reads r join tickets t on t.id = r.ticket_id
      where r.read_at >= @start and r.read_at < @end group by r.article_id)
    select a.slug, a.title, a.kind, a.category, a.product_area as productArea, a.published, a.reviewed, a.has_description as hasDescription,
      coalesce(filed.ticketSessions, 0) as ticketSessions,
      coalesce(views, 0) as views, coalesce(viewSessions, 0) as viewSessions, coalesce(escalations, 0) as escalations, coalesce(up, 0) as up,
      coalesce(down, 0) as down, ${REASONS.map((r) => `coalesce(${r}, 0) as ${r}`).join(', ')}
    from articles a left join per on per.article_id = a.id left join filed on filed.article_id = a.id
    where a.published = 1 or per.article_id is not null or filed.article_id is not null`,
  tutorialSteps: `
    select a.slug, e.n1 as step, max(e.n2) as steps, count(*) as sessions from events e join articles a on a.id = e.article_id
    where e.type = 6 and e.ts >= @start and e.ts < @end and (@category is null or a.category = @category) group by a.slug, e.n1`,
  /**
   * Per query: settled searches in range, with no results, followed by a click on the same query, followed by a
   * contact.
   */
  queries: `
    with ev as (
      select type, ts, query_id, n1,
        max(case when type = 3 then ts end) over (partition by session_id, query_id) as last_click,
        max(case when type = 5 then ts end) over (partition by session_id) as last_contact
      from events where ts >= @start and ts < @hi and type in (2, 3, 5))
    select q.text as query, count(*) as searches, sum(n1 = 0) as zeroResults, sum(coalesce(last_click >= ts, 0)) as clicked,
      sum(coalesce(last_contact >= ts, 0)) as escalated
    from ev join queries q on q.id = ev.query_id where type = 2 and ts < @end group by q.text`,
  /**
   * Sessions that first viewed each article in range (of @category, if given), and those that contacted support after
   * it.
   */
  articleEscalation: `
    with ev as (
      select type, ts, article_id,
        min(case when type = 1 then ts end) over (partition by session_id, article_id) as first_view,
        max(case when type = 5 then ts end) over (partition by session_id) as last_contact
      from events where ts >= @lo and ts < @hi and type in (1, 5))
    select a.slug, count(*) as viewSessions, sum(coalesce(last_contact >= ts, 0)) as escalatedSessions
    from ev join articles a on a.id = ev.article_id
    where type = 1 and ts = first_view and ${IN_RANGE} and (@category is null or a.category = @category) group by a.slug`,
  articleDays: `
    with ev as (${votesAndEscalation('((article_id = @article and type in (1, 4)) or type = 5)')})
    select ts / 86400000 as day, sum(type = 1) as views, sum(type = 1 and ts = first_view) as viewSessions,
      sum(type = 1 and ts = first_view and coalesce(last_contact >= ts, 0)) as escalations,
      ${REASONS.map((r, i) => `sum(type = 4 and rn = 1 and n1 = 0 and n2 = ${i + 1}) as ${r}`).join(', ')},
      sum(type = 4 and rn = 1 and n1 = 1) as up, sum(type = 4 and rn = 1 and n1 = 0) as down
    from ev where article_id = @article and type in (1, 4) and ${IN_RANGE} group by 1 order by 1`,
  articleComments: `
    select c.ts, c.vote, c.reason, r.revision, c.comment from comments c left join revisions r on r.id = c.revision_id
    where c.article_id = @article and c.comment <> '' and c.ts >= @start and c.ts < @end order by c.ts desc, c.id desc limit 200`,
  // The inbox lists what readers said with its article and triage, newest first: the peer does the same work.
  inboxItems: `
    select c.id, a.slug, coalesce(t.status, 'new') as status from comments c join articles a on a.id = c.article_id
    left join feedback_triage t on t.comment_id = c.id
    where c.ts >= @start and c.ts < @end order by c.ts desc, c.id desc limit 500`,
  articleQueries: `
    select q.text as query, count(*) as clicks from events e join queries q on q.id = e.query_id
    where e.type = 3 and e.article_id = @article and e.ts >= @start and e.ts < @end group by q.text order by clicks desc, q.text limit 50`,
} as const;

export type RawQuery = keyof typeof SQL;
type Row = Record<string, number | string | null>;

/**
 * Prepared statements over one SQLite handle; `run` binds a range (and optional filters) the way every query expects.
 */
export class RawQueries {
  private readonly sqlite: SqliteDatabase.Database;
  private readonly prepared = new Map<RawQuery, SqliteDatabase.Statement>();

  constructor(sqlite: SqliteDatabase.Database) {
    this.sqlite = sqlite;
  }

  run<T = Row>(
    query: RawQuery,
    range: { from: string; to: string; category?: string | undefined },
    extra: Record<string, unknown> = {},
  ): T[] {
    let statement = this.prepared.get(query);
    if (!statement) this.prepared.set(query, (statement = this.sqlite.prepare(SQL[query])));
    const { start, end } = epochBounds(range);
    const named: Record<string, unknown> = { start, end, lo: start - MARGIN, hi: end + MARGIN, category: range.category ?? null, ...extra };
    // better-sqlite3 refuses named parameters the statement does not use.
    const used = Object.fromEntries(Object.entries(named).filter(([k]) => SQL[query].includes(`@${k}`)));
    return statement.all(used) as T[];
  }

  articleId(slug: string): number | undefined {
    return (this.sqlite.prepare('select id from articles where slug = ?').get(slug) as { id: number } | undefined)?.id;
  }
}
