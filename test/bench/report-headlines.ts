/** The headline numbers of a report, named as the raw side names them, and the comparison the `--verify` step makes. */
import type { ReportResult } from '../../src/analytics/report-registry.ts';
import { REASONS } from '../../src/domain/event-kinds.ts';
import type { ReportName } from '../../src/schemas/report-params.ts';
import type { Headline } from './raw-report-queries.ts';

/** The rollup report's headline numbers under the same names rawReport gives them. */
export function rollupHeadline(result: ReportResult | null): Headline {
  const out: Headline = {};
  if (!result) return out;
  const put = (prefix: string, values: Record<string, number | null>) => {
    for (const [k, v] of Object.entries(values)) out[`${prefix}${k}`] = v;
  };
  switch (result.name) {
    case 'overview': {
      const o = result.data;
      for (const [prefix, side] of [
        ['', 'value'],
        ['previous.', 'previous'],
      ] as const)
        put(prefix, {
          kbSessions: o.kbSessions[side],
          escalatedSessions: o.escalatedSessions[side],
          views: o.views[side],
          searches: o.searches[side],
          votes: o.votes[side],
          helpfulness: o.helpfulness[side],
        });
      return out;
    }
    case 'deflection': {
      const d = result.data;
      put('', {
        kbSessions: d.summary.kbSessions,
        escalatedSessions: d.summary.escalatedSessions,
        confirmedDeflections: d.summary.confirmedDeflections,
        days: d.byDay.length,
      });
      for (const a of d.articles) put(`a:${a.slug}.`, { viewSessions: a.viewSessions, escalatedSessions: a.escalatedSessions });
      for (const q of d.queries) put(`q:${q.query}.`, { searches: q.searches, escalated: q.escalated });
      return out;
    }
    case 'ratings': {
      const r = result.data;
      put('', {
        articles: r.articles.length,
        'worst10.n': r.articles.slice(0, 10).reduce((n, a) => n + a.n, 0),
        'by.category': r.byCategory.length,
        'by.productArea': r.byProductArea.length,
        'byRevision.rows': r.byRevision.length,
      });
      for (const a of r.articles) put(`a:${a.slug}.`, { up: a.up, down: a.down, comments: a.comments });
      for (const reason of REASONS) out[reason] = r.articles.reduce((n, a) => n + a.reasons[reason], 0);
      return out;
    }
    case 'friction': {
      put('', { ...result.data.baselines, days: null });
      delete out.days;
      for (const f of [...result.data.content, ...result.data.product])
        put(`${f.target}:${f.slug ?? f.productArea}.`, {
          views: f.sample.views,
          previousViews: f.sample.previousViews,
          viewSessions: f.sample.viewSessions,
          votes: f.sample.votes,
        });
      return out;
    }
    case 'search': {
      const s = result.data;
      put('', { searches: s.searches, zeroResultRate: s.zeroResultRate, clickThroughRate: s.clickThroughRate });
      for (const q of [...s.topQueries, ...s.zeroResultQueries, ...s.queriesFollowedByContact])
        put(`q:${q.query}.`, { searches: q.searches, zeroResults: q.zeroResults, clicked: q.clicked, escalated: q.escalated });
      return out;
    }
    case 'content': {
      const c = result.data;
      return {
        publishedArticles: c.publishedArticles,
        stale: c.stale.length,
        neverViewed: c.neverViewed.length,
        lowRated: c.lowRated.length,
        missingDescription: c.missingDescription.length,
      };
    }
    case 'tutorials':
      for (const t of result.data) {
        t.reached.forEach((n, i) => (out[`t:${t.slug}.step${i + 1}`] = n));
        out[`t:${t.slug}.completionRate`] = t.completionRate;
      }
      return out;
    case 'inbox':
      return { items: result.data.items.length };
    case 'article': {
      const a = result.data;
      put('', {
        views: a.views,
        viewSessions: a.viewSessions,
        escalations: a.escalations,
        up: a.rating.up,
        down: a.rating.down,
        ...a.reasons,
        comments: a.comments.length,
      });
      for (const q of a.queries) out[`q:${q.query}.clicks`] = q.clicks;
      return out;
    }
  }
}

/**
 * Friction and search list only their top entries, and deflection its top queries: compare those; everything else is
 * compared key by key both ways.
 */
export function mismatches(report: ReportName, rollup: Headline, raw: Headline): string[] {
  const topOnly = (k: string) => report === 'friction' || report === 'search' || (report === 'deflection' && k.startsWith('q:'));
  const keys = [...new Set([...Object.keys(rollup), ...Object.keys(raw).filter((k) => !topOnly(k))])];
  const same = (a: number | null | undefined, b: number | null | undefined) =>
    (a ?? null) === (b ?? null) || (a != null && b != null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
  return keys.filter((k) => !same(rollup[k], raw[k])).map((k) => `${k}: rollup ${rollup[k] ?? 'missing'}, raw ${raw[k] ?? 'missing'}`);
}
