/**
 * What each report computes, from the raw `events` table alone (plus the dimension tables and comments): no rollups and
 * no session_* tables. The baseline the rollups are measured against, and a second opinion on their numbers.
 *
 * Conventions copied from the write path, so both sides count the same thing: a session belongs to the day of its first
 * event; a session's final vote on an article is its last feedback event (dated by that event); a view, search or
 * tutorial step in `events` is already deduplicated. Sessions last well under a day, so scans reach one day (MARGIN)
 * beyond the range instead of reading every event.
 */
import type SqliteDatabase from 'better-sqlite3';
import { median } from '../../src/reports/article-stats.ts';
import { FRICTION_RULES as R } from '../../src/reports/friction-rules.ts';
import { isLowRated } from '../../src/reports/friction-signals.ts';
import { helpfulness } from '../../src/reports/ratings.ts';
import { daysIn, epochBounds, previousPeriod } from '../../src/reports/report-period.ts';
import { rate } from '../../src/reports/wilson.ts';
import { REASONS } from '../../src/schemas/events.ts';
import type { ReportName, ReportParams } from '../../src/schemas/report-params.ts';

const MARGIN = 86_400_000;
const VOTE_SUMS = `sum(n1 = 1) as up, sum(n1 = 0) as down, ${REASONS.map((r, i) => `sum(n1 = 0 and n2 = ${i + 1}) as ${r}`).join(', ')}`;
const IN_RANGE = 'ts >= @start and ts < @end';

const SQL = {
  /** KB, escalated and confirmed sessions per day of the session's first event. */
  sessionDays: `
    with ev as (
      select session_id, type, ts, n1, row_number() over (partition by session_id, article_id, type order by id desc) as rn
      from events where ts >= @lo and ts < @hi),
    sess as (
      select min(ts) as started, max(type in (1, 2)) as kb, max(type = 5) as escalated, max(type = 4 and rn = 1 and n1 = 1) as up
      from ev group by session_id)
    select started / 86400000 as day, count(*) as kb, sum(escalated) as escalated, sum(escalated = 0 and up) as confirmed
    from sess where kb and started >= @start and started < @end group by 1 order by 1`,
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
    where c.ts >= @start and c.ts < @end and (@category is null or a.category = @category) group by a.slug`,
  /** Per article: views, readers (sessions whose first view is in range), readers who contacted support later, final votes. */
  articleStats: `
    with ev as (
      select type, ts, article_id, n1, n2,
        row_number() over (partition by session_id, article_id, type order by id desc) as rn,
        min(case when type = 1 then ts end) over (partition by session_id, article_id) as first_view,
        max(case when type = 5 then ts end) over (partition by session_id) as last_contact
      from events where ts >= @lo and ts < @hi and type in (1, 4, 5)),
    per as (
      select article_id, sum(type = 1) as views, sum(type = 1 and ts = first_view) as viewSessions,
        sum(type = 1 and ts = first_view and coalesce(last_contact >= ts, 0)) as escalations,
        coalesce(sum(type = 4 and rn = 1 and n1 = 1), 0) as up, coalesce(sum(type = 4 and rn = 1 and n1 = 0), 0) as down,
        ${REASONS.map((r, i) => `coalesce(sum(type = 4 and rn = 1 and n1 = 0 and n2 = ${i + 1}), 0) as ${r}`).join(', ')}
      from ev where article_id is not null and ${IN_RANGE} group by article_id)
    select a.slug, a.title, a.kind, a.category, a.product_area as productArea, a.published, a.reviewed, a.has_description as hasDescription,
      coalesce(views, 0) as views, coalesce(viewSessions, 0) as viewSessions, coalesce(escalations, 0) as escalations, coalesce(up, 0) as up,
      coalesce(down, 0) as down, ${REASONS.map((r) => `coalesce(${r}, 0) as ${r}`).join(', ')}
    from articles a left join per on per.article_id = a.id where a.published = 1 or per.article_id is not null`,
  tutorialSteps: `
    select a.slug, e.n1 as step, max(e.n2) as steps, count(*) as sessions from events e join articles a on a.id = e.article_id
    where e.type = 6 and e.ts >= @start and e.ts < @end and (@category is null or a.category = @category) group by a.slug, e.n1`,
  /** Per query: settled searches in range, with no results, followed by a click on the same query, followed by a contact. */
  queries: `
    with ev as (
      select type, ts, query_id, n1,
        max(case when type = 3 then ts end) over (partition by session_id, query_id) as last_click,
        max(case when type = 5 then ts end) over (partition by session_id) as last_contact
      from events where ts >= @start and ts < @hi and type in (2, 3, 5))
    select q.text as query, count(*) as searches, sum(n1 = 0) as zeroResults, sum(coalesce(last_click >= ts, 0)) as clicked,
      sum(coalesce(last_contact >= ts, 0)) as escalated
    from ev join queries q on q.id = ev.query_id where type = 2 and ts < @end group by q.text`,
  /** Sessions that first viewed each article in range, and those that contacted support after it. */
  articleEscalation: `
    with ev as (
      select type, ts, article_id,
        min(case when type = 1 then ts end) over (partition by session_id, article_id) as first_view,
        max(case when type = 5 then ts end) over (partition by session_id) as last_contact
      from events where ts >= @lo and ts < @hi and type in (1, 5))
    select a.slug, count(*) as viewSessions, sum(coalesce(last_contact >= ts, 0)) as escalatedSessions
    from ev join articles a on a.id = ev.article_id where type = 1 and ts = first_view and ${IN_RANGE} group by a.slug`,
  articleDays: `
    with ev as (
      select type, ts, article_id, n1, n2,
        row_number() over (partition by session_id, article_id, type order by id desc) as rn,
        min(case when type = 1 then ts end) over (partition by session_id, article_id) as first_view,
        max(case when type = 5 then ts end) over (partition by session_id) as last_contact
      from events where ts >= @lo and ts < @hi and ((article_id = @article and type in (1, 4)) or type = 5))
    select ts / 86400000 as day, sum(type = 1) as views, sum(type = 1 and ts = first_view) as viewSessions,
      sum(type = 1 and ts = first_view and coalesce(last_contact >= ts, 0)) as escalations,
      ${REASONS.map((r, i) => `sum(type = 4 and rn = 1 and n1 = 0 and n2 = ${i + 1}) as ${r}`).join(', ')},
      sum(type = 4 and rn = 1 and n1 = 1) as up, sum(type = 4 and rn = 1 and n1 = 0) as down
    from ev where article_id = @article and type in (1, 4) and ${IN_RANGE} group by 1 order by 1`,
  articleComments: `
    select c.ts, c.vote, c.reason, r.revision, c.comment from comments c left join revisions r on r.id = c.revision_id
    where c.article_id = @article and c.ts >= @start and c.ts < @end order by c.ts desc, c.id desc limit 200`,
  articleQueries: `
    select q.text as query, count(*) as clicks from events e join queries q on q.id = e.query_id
    where e.type = 3 and e.article_id = @article and e.ts >= @start and e.ts < @end group by q.text order by clicks desc, q.text limit 50`,
} as const;

export type RawQuery = keyof typeof SQL;
type Row = Record<string, number | string | null>;

/** Prepared statements over one SQLite handle; `run` binds a range (and optional filters) the way every query expects. */
export class RawQueries {
  private readonly sqlite: SqliteDatabase.Database;
  private readonly prepared = new Map<RawQuery, SqliteDatabase.Statement>();

  constructor(sqlite: SqliteDatabase.Database) {
    this.sqlite = sqlite;
  }

  run<T = Row>(query: RawQuery, range: { from: string; to: string; category?: string | undefined }, extra: Record<string, unknown> = {}): T[] {
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

/** Headline numbers by name ("kbSessions", "previous.views", "a:<slug>.up"): what the verify step compares. */
export type Headline = Record<string, number | null>;
type Stats = { slug: string; category: string | null; productArea: string | null; published: number; reviewed: string | null; hasDescription: number; views: number; viewSessions: number; escalations: number; up: number; down: number };
const sum = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((n, r) => n + pick(r), 0);
const num = (v: unknown) => Number(v ?? 0);

/** Computes a report's quantities from raw events; returns the headline numbers (the computing is what gets timed). */
export function rawReport(q: RawQueries, name: ReportName, params: ReportParams, slug?: string): Headline {
  const site = { from: params.from, to: params.to };
  switch (name) {
    case 'overview': {
      const out: Headline = {};
      for (const [prefix, range] of [['', site], ['previous.', previousPeriod(site)]] as const) {
        const days = q.run('sessionDays', range);
        const [counts] = q.run('counts', range);
        const votes = q.run('finalVotes', range);
        const [up, down] = [sum(votes, (v) => num(v.up)), sum(votes, (v) => num(v.down))];
        Object.assign(out, {
          [`${prefix}kbSessions`]: sum(days, (d) => num(d.kb)),
          [`${prefix}escalatedSessions`]: sum(days, (d) => num(d.escalated)),
          [`${prefix}views`]: num(counts!.views),
          [`${prefix}searches`]: num(counts!.searches),
          [`${prefix}votes`]: up + down,
          [`${prefix}helpfulness`]: rate(up, up + down),
        });
      }
      return out;
    }
    case 'deflection': {
      const days = q.run('sessionDays', site);
      const out: Headline = { kbSessions: sum(days, (d) => num(d.kb)), escalatedSessions: sum(days, (d) => num(d.escalated)), confirmedDeflections: sum(days, (d) => num(d.confirmed)), days: days.length };
      for (const a of q.run('articleEscalation', site)) Object.assign(out, { [`a:${a.slug}.viewSessions`]: num(a.viewSessions), [`a:${a.slug}.escalatedSessions`]: num(a.escalatedSessions) });
      for (const r of q.run('queries', site)) if (num(r.escalated) > 0) Object.assign(out, { [`q:${r.query}.searches`]: num(r.searches), [`q:${r.query}.escalated`]: num(r.escalated) });
      return out;
    }
    case 'ratings': {
      const votes = q.run('finalVotes', params);
      const comments = new Map(q.run('comments', params).map((c) => [c.slug as string, num(c.n)]));
      const articles = new Map<string, { up: number; down: number; category: unknown; productArea: unknown; reasons: number[] }>();
      const revisions = new Map<string, number>();
      for (const v of votes) {
        const a = articles.get(v.slug as string) ?? { up: 0, down: 0, category: v.category, productArea: v.productArea, reasons: REASONS.map(() => 0) };
        a.up += num(v.up);
        a.down += num(v.down);
        REASONS.forEach((r, i) => (a.reasons[i]! += num(v[r])));
        articles.set(v.slug as string, a);
        if (v.revision !== null) revisions.set(v.slug as string, (revisions.get(v.slug as string) ?? 0) + 1);
      }
      const ranked = [...articles].map(([s, a]) => ({ slug: s, ...helpfulness(a.up, a.down) }));
      ranked.sort((a, b) => Number(b.enoughVotes) - Number(a.enoughVotes) || (a.interval?.upper ?? 1) - (b.interval?.upper ?? 1) || b.n - a.n || a.slug.localeCompare(b.slug));
      const out: Headline = { articles: articles.size, 'worst10.n': sum(ranked.slice(0, 10), (a) => a.n) };
      for (const [s, a] of articles) Object.assign(out, { [`a:${s}.up`]: a.up, [`a:${s}.down`]: a.down, [`a:${s}.comments`]: comments.get(s) ?? 0 });
      REASONS.forEach((r, i) => (out[r] = sum([...articles.values()], (a) => a.reasons[i]!)));
      for (const key of ['category', 'productArea'] as const) out[`by.${key}`] = new Set([...articles.values()].map((a) => a[key])).size;
      out['byRevision.rows'] = sum([...revisions.values()].filter((n) => n > 1), (n) => n);
      return out;
    }
    case 'friction': {
      const [stats, previous] = [q.run<Stats>('articleStats', site), q.run<Stats>('articleStats', previousPeriod(site))];
      const before = new Map(previous.map((s) => [s.slug, s.views]));
      const published = stats.filter((s) => s.published === 1);
      const areas = new Map<string, Stats[]>();
      for (const s of published) if (s.productArea) areas.set(s.productArea, [...(areas.get(s.productArea) ?? []), s]);
      const out: Headline = {
        medianHelpfulness: median(stats.filter((s) => s.up + s.down >= R.minVotes).map((s) => s.up / (s.up + s.down))),
        medianEscalationRate: median(stats.filter((s) => s.viewSessions >= R.minViewSessions).map((s) => s.escalations / s.viewSessions)),
        medianArticleViews: median(published.map((s) => s.views)),
        medianAreaViewsPerArticle: median([...areas.values()].map((list) => sum(list, (s) => s.views) / list.length)),
      };
      const sample = (key: string, list: Stats[]) =>
        Object.assign(out, { [`${key}.views`]: sum(list, (s) => s.views), [`${key}.previousViews`]: sum(list, (s) => before.get(s.slug) ?? 0), [`${key}.viewSessions`]: sum(list, (s) => s.viewSessions), [`${key}.votes`]: sum(list, (s) => s.up + s.down) });
      for (const s of stats) sample(`article:${s.slug}`, [s]);
      for (const [area, list] of areas) sample(`product_area:${area}`, list);
      tutorialHeadline(q, site, out);
      return out;
    }
    case 'search': {
      // The report's top lists, from per-query counts; its near-duplicate grouping of content gaps is JavaScript over
      // these same counts and is not repeated here.
      const rows = q.run<{ query: string; searches: number; zeroResults: number; clicked: number; escalated: number }>('queries', site);
      const total = { searches: sum(rows, (r) => r.searches), zero: sum(rows, (r) => r.zeroResults), clicked: sum(rows, (r) => r.clicked) };
      const out: Headline = { searches: total.searches, zeroResultRate: rate(total.zero, total.searches), clickThroughRate: rate(total.clicked, total.searches) };
      const top = (by: (r: (typeof rows)[number]) => number) => [...rows].sort((a, b) => by(b) - by(a) || a.query.localeCompare(b.query)).slice(0, 50);
      for (const r of [...top((r) => r.searches), ...top((r) => r.zeroResults), ...top((r) => r.escalated)]) {
        Object.assign(out, { [`q:${r.query}.searches`]: r.searches, [`q:${r.query}.zeroResults`]: r.zeroResults, [`q:${r.query}.clicked`]: r.clicked, [`q:${r.query}.escalated`]: r.escalated });
      }
      return out;
    }
    case 'content': {
      const stats = q.run<Stats>('articleStats', site);
      const published = stats.filter((s) => s.published === 1);
      const medianHelpfulness = median(stats.filter((s) => s.up + s.down >= R.minVotes).map((s) => s.up / (s.up + s.down)));
      const reviewDays = params.review_days ?? 180;
      return {
        publishedArticles: published.length,
        stale: published.filter((s) => s.reviewed === null || daysIn({ from: s.reviewed, to: params.to }) - 1 > reviewDays).length,
        neverViewed: published.filter((s) => s.views === 0).length,
        lowRated: published.filter((s) => isLowRated(s.up, s.up + s.down, medianHelpfulness)).length,
        missingDescription: published.filter((s) => s.hasDescription === 0).length,
      };
    }
    case 'tutorials':
      return tutorialHeadline(q, params, {});
    case 'article': {
      const article = q.articleId(slug ?? '');
      if (article === undefined) return {};
      const days = q.run('articleDays', site, { article });
      const out: Headline = Object.fromEntries(['views', 'viewSessions', 'escalations', 'up', 'down', ...REASONS].map((k) => [k, sum(days, (d) => num(d[k]))]));
      out.comments = q.run('articleComments', site, { article }).length;
      for (const c of q.run('articleQueries', site, { article })) out[`q:${c.query}.clicks`] = num(c.clicks);
      return out;
    }
  }
}

/** Sessions that reached each step of each tutorial, and the completion rate. */
function tutorialHeadline(q: RawQueries, range: { from: string; to: string; category?: string | undefined }, out: Headline): Headline {
  const funnels = new Map<string, number[]>();
  for (const r of q.run<{ slug: string; step: number; steps: number; sessions: number }>('tutorialSteps', range)) {
    const reached = funnels.get(r.slug) ?? [];
    while (reached.length < r.steps) reached.push(0);
    reached[r.step - 1] = r.sessions;
    funnels.set(r.slug, reached);
  }
  for (const [slug, reached] of funnels) {
    reached.forEach((n, i) => (out[`t:${slug}.step${i + 1}`] = n));
    out[`t:${slug}.completionRate`] = rate(reached.at(-1) ?? 0, reached[0] ?? 0);
  }
  return out;
}
