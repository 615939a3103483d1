/** The search report as tables: its totals, its three query lists, and the content gaps with their variants. */
import { column, defineTable, type Table } from './report-table.ts';
import type { QueryStats, SearchReport } from './search.ts';

const QUERY_COLUMNS = [
  column('query'),
  column('searches', 'count'),
  column('zero_results', 'count'),
  column('clicked', 'count'),
  column('click_through_rate', 'rate'),
  column('escalated', 'count'),
] as const;
const queryCells = (q: QueryStats) => ({
  query: q.query,
  searches: q.searches,
  zero_results: q.zeroResults,
  clicked: q.clicked,
  click_through_rate: q.clickThroughRate,
  escalated: q.escalated,
});

export function searchTables(s: SearchReport): Table[] {
  return [
    defineTable(
      'summary',
      [column('searches', 'count'), column('zero_result_rate', 'rate'), column('click_through_rate', 'rate')],
      [{ searches: s.searches, zero_result_rate: s.zeroResultRate, click_through_rate: s.clickThroughRate }],
    ),
    defineTable('top-queries', QUERY_COLUMNS, s.topQueries.map(queryCells)),
    defineTable('zero-results', QUERY_COLUMNS, s.zeroResultQueries.map(queryCells)),
    defineTable(
      'content-gaps',
      [column('query'), column('variants'), column('sessions', 'count'), column('zero_results', 'count'), column('without_click', 'count')],
      s.contentGaps.map((g) => ({
        query: g.query,
        variants: g.variants.join(' | '),
        sessions: g.sessions,
        zero_results: g.zeroResults,
        without_click: g.withoutClick,
      })),
    ),
    defineTable(
      'gap-fixes',
      [
        column('query'),
        column('fix'),
        column('file'),
        column('line'),
        column('read_after', 'count'),
        column('change'),
        column('since'),
        column('zero_result_rate_before', 'rate'),
        column('searches_before', 'count'),
        column('zero_result_rate_after', 'rate'),
        column('searches_after', 'count'),
        column('status'),
      ],
      s.contentGaps.map(({ query, fix, change }) => ({
        query,
        fix: fix.article ? `${fix.kind} → ${fix.article}` : fix.kind,
        file: fix.file,
        line: fix.line,
        read_after: fix.sessions,
        change: change ? `${change.kind} “${change.term}”` : null,
        since: change?.since ?? null,
        zero_result_rate_before: change?.before.zeroResultRate ?? null,
        searches_before: change?.before.searches ?? null,
        zero_result_rate_after: change?.after.zeroResultRate ?? null,
        searches_after: change?.after.searches ?? null,
        status: change?.status ?? 'open',
      })),
    ),
    defineTable('contact', QUERY_COLUMNS, s.queriesFollowedByContact.map(queryCells)),
    defineTable(
      'corrections',
      [column('query'), column('corrected_to'), column('searches', 'count')],
      s.corrections.map((c) => ({ query: c.query, corrected_to: c.correctedTo, searches: c.searches })),
    ),
  ];
}
