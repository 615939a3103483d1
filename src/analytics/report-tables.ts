/** Every report as flat tables (for CSV and the terminal): named columns, one kind each, rows of plain values. */
import { REASONS } from '../schemas/events.ts';
import type { ReportResult, ReportResults } from './report-registry.ts';
import type { Helpfulness } from './ratings.ts';

/** `unit`: the row's `unit` cell says count, rate or ratio; `change`: relative for counts and ratios, points for rates. */
export type ColumnKind = 'text' | 'count' | 'rate' | 'ratio' | 'unit' | 'change';
export type Cell = string | number | boolean | null;
export interface Column {
  key: string;
  kind: ColumnKind;
}
export interface Table {
  name: string;
  columns: Column[];
  rows: Record<string, Cell>[];
}

const cols = (spec: string): Column[] =>
  spec.split(' ').map((c) => {
    const [key, kind = 'text'] = c.split(':') as [string, ColumnKind?];
    return { key, kind };
  });

const table = (name: string, spec: string, rows: Record<string, Cell>[]): Table => ({ name, columns: cols(spec), rows });

const RATING = 'up:count down:count n:count helpfulness:rate lower:rate upper:rate enough_votes';
const rating = (h: Helpfulness) => ({ up: h.up, down: h.down, n: h.n, helpfulness: h.helpfulness, lower: h.interval?.lower ?? null, upper: h.interval?.upper ?? null, enough_votes: h.enoughVotes });
/** The self-service score with sessions but no escalation is "∞" (DOMAIN.md), not an empty cell. */
const infinite = (score: number | null, kbSessions: number | null): Cell => score ?? (kbSessions ? '∞' : null);
const SUMMARY = 'kb_sessions:count escalated_sessions:count deflection_rate:rate self_service_score:ratio confirmed_deflections:count';
const summary = (s: ReportResults['deflection']['summary']) => ({
  kb_sessions: s.kbSessions,
  escalated_sessions: s.escalatedSessions,
  deflection_rate: s.deflectionRate,
  self_service_score: infinite(s.selfServiceScore, s.kbSessions),
  confirmed_deflections: s.confirmedDeflections,
});
const QUERY = 'query searches:count zero_results:count clicked:count click_through_rate:rate escalated:count';
const query = (q: ReportResults['search']['topQueries'][number]) => ({ query: q.query, searches: q.searches, zero_results: q.zeroResults, clicked: q.clicked, click_through_rate: q.clickThroughRate, escalated: q.escalated });
const ARTICLE = 'slug title category product_area';
const article = (a: { slug: string; title: string | null; category: string | null; productArea: string | null }) => ({ slug: a.slug, title: a.title, category: a.category, product_area: a.productArea });

export function reportTables(result: ReportResult): Table[] {
  switch (result.name) {
    case 'overview': {
      const { range, previousRange, ...metrics } = result.data;
      const rows = Object.entries(metrics).map(([metric, m]) => ({ metric, value: m.value, previous: m.previous, change: m.change, unit: m.unit }));
      const score = rows.find((r) => r.metric === 'selfServiceScore')!;
      Object.assign(score, { value: infinite(score.value as number | null, metrics.kbSessions.value), previous: infinite(score.previous as number | null, metrics.kbSessions.previous) });
      return [
        table('metrics', 'metric value:unit previous:unit change:change unit', rows),
        table('range', 'from to previous_from previous_to', [{ from: range.from, to: range.to, previous_from: previousRange.from, previous_to: previousRange.to }]),
      ];
    }
    case 'deflection': {
      const d = result.data;
      return [
        table('summary', SUMMARY, [summary(d.summary)]),
        table('days', `day ${SUMMARY}`, d.byDay.map((x) => ({ day: x.day, ...summary(x) }))),
        table('weeks', `week ${SUMMARY}`, d.byWeek.map((x) => ({ week: x.week, ...summary(x) }))),
        table('articles', 'slug view_sessions:count escalated_sessions:count escalation_rate:rate', d.articles.map((a) => ({ slug: a.slug, view_sessions: a.viewSessions, escalated_sessions: a.escalatedSessions, escalation_rate: a.escalationRate }))),
        table('queries', 'query searches:count escalated:count escalation_rate:rate', d.queries.map((q) => ({ query: q.query, searches: q.searches, escalated: q.escalated, escalation_rate: q.escalationRate }))),
      ];
    }
    case 'ratings': {
      const r = result.data;
      const group = (g: (typeof r.byCategory)[number]) => ({ group: g.group, articles: g.articles, ...rating(g) });
      return [
        table('articles', `${ARTICLE} ${RATING} ${REASONS.map((x) => `${x}:count`).join(' ')} comments:count`, r.articles.map((a) => ({ ...article(a), ...rating(a), ...a.reasons, comments: a.comments }))),
        table('categories', `group articles:count ${RATING}`, r.byCategory.map(group)),
        table('product-areas', `group articles:count ${RATING}`, r.byProductArea.map(group)),
        table('revisions', `slug revision first_seen ${RATING}`, r.byRevision.map((x) => ({ slug: x.slug, revision: x.revision, first_seen: new Date(x.firstSeenAt).toISOString().slice(0, 10), ...rating(x) }))),
      ];
    }
    case 'friction':
      return [
        table(
          'flags',
          'kind target slug product_area score:count views:count previous_views:count view_sessions:count votes:count signals evidence',
          [...result.data.content, ...result.data.product].map((f) => ({
            kind: f.kind,
            target: f.target,
            slug: f.slug,
            product_area: f.productArea,
            score: f.score,
            signals: f.signals.join(' '),
            evidence: f.evidence,
            views: f.sample.views,
            previous_views: f.sample.previousViews,
            view_sessions: f.sample.viewSessions,
            votes: f.sample.votes,
          })),
        ),
      ];
    case 'search': {
      const s = result.data;
      return [
        table('summary', 'searches:count zero_result_rate:rate click_through_rate:rate', [{ searches: s.searches, zero_result_rate: s.zeroResultRate, click_through_rate: s.clickThroughRate }]),
        table('top-queries', QUERY, s.topQueries.map(query)),
        table('zero-results', QUERY, s.zeroResultQueries.map(query)),
        table('content-gaps', 'query variants sessions:count zero_results:count without_click:count', s.contentGaps.map((g) => ({ query: g.query, variants: g.variants.join(' | '), sessions: g.sessions, zero_results: g.zeroResults, without_click: g.withoutClick }))),
        table('contact', QUERY, s.queriesFollowedByContact.map(query)),
      ];
    }
    case 'content': {
      const c = result.data;
      return [
        table('stale', `${ARTICLE} reviewed days_since_review:count`, c.stale.map((s) => ({ ...article(s), reviewed: s.reviewed, days_since_review: s.daysSinceReview }))),
        table('never-viewed', ARTICLE, c.neverViewed.map(article)),
        table('low-rated', `${ARTICLE} ${RATING}`, c.lowRated.map((a) => ({ ...article(a), ...rating(a) }))),
        table('missing-description', ARTICLE, c.missingDescription.map(article)),
      ];
    }
    case 'tutorials':
      return [
        table(
          'funnels',
          'slug steps:count reached completion_rate:rate drop_off_after_step:count drop_off_lost:count drop_off_share:rate',
          result.data.map((t) => ({
            slug: t.slug,
            steps: t.steps,
            reached: t.reached.join(' → '),
            completion_rate: t.completionRate,
            drop_off_after_step: t.largestDropOff?.afterStep ?? null,
            drop_off_lost: t.largestDropOff?.lost ?? null,
            drop_off_share: t.largestDropOff?.share ?? null,
          })),
        ),
      ];
    case 'article': {
      const a = result.data;
      return [
        table('summary', `${ARTICLE} views:count view_sessions:count escalations:count escalation_rate:rate ${RATING}`, [{ ...article(a), views: a.views, view_sessions: a.viewSessions, escalations: a.escalations, escalation_rate: a.escalationRate, ...rating(a.rating) }]),
        table('days', 'day views:count view_sessions:count escalations:count up:count down:count', a.byDay.map((d) => ({ day: d.day, views: d.views, view_sessions: d.viewSessions, escalations: d.escalations, up: d.up, down: d.down }))),
        table('comments', 'at vote reason revision comment', a.comments.map((c) => ({ ...c }))),
        table('queries', 'query clicks:count', a.queries.map((q) => ({ ...q }))),
      ];
    }
  }
}
