/**
 * What each report computes, from the raw `events` table alone (plus the dimension tables and comments): no rollups and
 * no session_* tables. The baseline the rollups are measured against, and a second opinion on their numbers.
 */
import { median } from '../../src/analytics/article-stats.ts';
import { FRICTION_RULES as R } from '../../src/analytics/friction-rules.ts';
import { isLowRated } from '../../src/analytics/friction-signals.ts';
import { helpfulness } from '../../src/analytics/ratings.ts';
import { daysIn, previousPeriod } from '../../src/analytics/report-period.ts';
import { rate } from '../../src/analytics/wilson.ts';
import { REASONS } from '../../src/domain/event-kinds.ts';
import type { ReportName, ReportParams } from '../../src/schemas/report-params.ts';
import type { RawQueries } from './raw-sql.ts';

export { RawQueries } from './raw-sql.ts';

/** Headline numbers by name ("kbSessions", "previous.views", "a:<slug>.up"): what the verify step compares. */
export type Headline = Record<string, number | null>;
type Stats = {
  slug: string;
  category: string | null;
  productArea: string | null;
  published: number;
  reviewed: string | null;
  hasDescription: number;
  views: number;
  viewSessions: number;
  escalations: number;
  up: number;
  down: number;
  ticketSessions: number;
};
const sum = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((n, r) => n + pick(r), 0);
const num = (v: unknown) => Number(v ?? 0);

/** Computes a report's quantities from raw events; returns the headline numbers (the computing is what gets timed). */
export function rawReport(q: RawQueries, name: ReportName, params: ReportParams, slug?: string): Headline {
  const site = { from: params.from, to: params.to };
  switch (name) {
    case 'overview': {
      const out: Headline = {};
      for (const [prefix, range] of [
        ['', site],
        ['previous.', previousPeriod(site)],
      ] as const) {
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
      // Filtered: sessions and articles of the category; the queries followed by a contact are the site's.
      const days = q.run(params.category ? 'scopedSessionDays' : 'sessionDays', params);
      const out: Headline = {
        kbSessions: sum(days, (d) => num(d.kb)),
        escalatedSessions: sum(days, (d) => num(d.escalated)),
        confirmedDeflections: sum(days, (d) => num(d.confirmed)),
        days: days.length,
      };
      for (const a of q.run('articleEscalation', params))
        Object.assign(out, {
          [`a:${a.slug}.viewSessions`]: num(a.viewSessions),
          [`a:${a.slug}.escalatedSessions`]: num(a.escalatedSessions),
        });
      for (const r of q.run('queries', site))
        if (num(r.escalated) > 0)
          Object.assign(out, { [`q:${r.query}.searches`]: num(r.searches), [`q:${r.query}.escalated`]: num(r.escalated) });
      return out;
    }
    case 'ratings': {
      const votes = q.run('finalVotes', params);
      const comments = new Map(q.run('comments', params).map((c) => [c.slug as string, num(c.n)]));
      const articles = new Map<string, { up: number; down: number; category: unknown; productArea: unknown; reasons: number[] }>();
      const revisions = new Map<string, number>();
      for (const v of votes) {
        const a = articles.get(v.slug as string) ?? {
          up: 0,
          down: 0,
          category: v.category,
          productArea: v.productArea,
          reasons: REASONS.map(() => 0),
        };
        a.up += num(v.up);
        a.down += num(v.down);
        REASONS.forEach((r, i) => (a.reasons[i]! += num(v[r])));
        articles.set(v.slug as string, a);
        if (v.revision !== null) revisions.set(v.slug as string, (revisions.get(v.slug as string) ?? 0) + 1);
      }
      const ranked = [...articles].map(([s, a]) => ({ slug: s, ...helpfulness(a.up, a.down) }));
      ranked.sort(
        (a, b) =>
          Number(b.enoughVotes) - Number(a.enoughVotes) ||
          (a.interval?.upper ?? 1) - (b.interval?.upper ?? 1) ||
          b.n - a.n ||
          a.slug.localeCompare(b.slug),
      );
      const out: Headline = { articles: articles.size, 'worst10.n': sum(ranked.slice(0, 10), (a) => a.n) };
      for (const [s, a] of articles)
        Object.assign(out, { [`a:${s}.up`]: a.up, [`a:${s}.down`]: a.down, [`a:${s}.comments`]: comments.get(s) ?? 0 });
      REASONS.forEach((r, i) => (out[r] = sum([...articles.values()], (a) => a.reasons[i]!)));
      for (const key of ['category', 'productArea'] as const) out[`by.${key}`] = new Set([...articles.values()].map((a) => a[key])).size;
      out['byRevision.rows'] = sum(
        [...revisions.values()].filter((n) => n > 1),
        (n) => n,
      );
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
        medianTicketRate: median(stats.filter((s) => s.viewSessions >= R.minViewSessions).map((s) => s.ticketSessions / s.viewSessions)),
        medianArticleViews: median(published.map((s) => s.views)),
        medianAreaViewsPerArticle: median([...areas.values()].map((list) => sum(list, (s) => s.views) / list.length)),
      };
      const sample = (key: string, list: Stats[]) =>
        Object.assign(out, {
          [`${key}.views`]: sum(list, (s) => s.views),
          [`${key}.previousViews`]: sum(list, (s) => before.get(s.slug) ?? 0),
          [`${key}.viewSessions`]: sum(list, (s) => s.viewSessions),
          [`${key}.votes`]: sum(list, (s) => s.up + s.down),
        });
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
      const out: Headline = {
        searches: total.searches,
        zeroResultRate: rate(total.zero, total.searches),
        clickThroughRate: rate(total.clicked, total.searches),
      };
      const top = (by: (r: (typeof rows)[number]) => number) =>
        [...rows].sort((a, b) => by(b) - by(a) || a.query.localeCompare(b.query)).slice(0, 50);
      for (const r of [...top((r) => r.searches), ...top((r) => r.zeroResults), ...top((r) => r.escalated)]) {
        Object.assign(out, {
          [`q:${r.query}.searches`]: r.searches,
          [`q:${r.query}.zeroResults`]: r.zeroResults,
          [`q:${r.query}.clicked`]: r.clicked,
          [`q:${r.query}.escalated`]: r.escalated,
        });
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
    case 'inbox':
      return { items: q.run('inboxItems', site).length };
    case 'article': {
      const article = q.articleId(slug ?? '');
      if (article === undefined) return {};
      const days = q.run('articleDays', site, { article });
      const out: Headline = Object.fromEntries(
        ['views', 'viewSessions', 'escalations', 'up', 'down', ...REASONS].map((k) => [k, sum(days, (d) => num(d[k]))]),
      );
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
