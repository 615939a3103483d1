/**
 * What a dashboard page needs: its report for the filters in the URL, the filter choices, and links that keep the
 * filters.
 */
import type { Issue } from '../schemas/issues.ts';
import { getRuntime } from '../server/runtime.ts';
import { reportFailure } from '../server/http.ts';
import { answerReport } from '../analytics/report-request.ts';
import type { ReportResults } from '../analytics/report-registry.ts';
import type { Table } from '../analytics/report-table.ts';
import type { ReportName, ReportQuery } from '../schemas/report-params.ts';

export const FILTER_KEYS = [
  'from',
  'to',
  'category',
  'product_area',
  'review_days',
  'status',
  'article',
  'reason',
  'assignee',
  'since',
] as const;

export interface FilterChoices {
  categories: string[];
  productAreas: string[];
}

export type DashboardPage<N extends ReportName> =
  | { ok: true; data: ReportResults[N]; tables: Table[]; query: ReportQuery; filters: URLSearchParams; choices: FilterChoices }
  | { ok: false; status: 400 | 404 | 503; message: string; issues: Issue[]; filters: URLSearchParams; choices: FilterChoices };

/** The URL's filters, without anything else (a stale `format` or `table` would change the answer). */
export function filtersOf(url: URL): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = url.searchParams.get(key);
    if (value) out.set(key, value);
  }
  return out;
}

/** `/reports/articles/<slug>?<filters>`, `/api/reports/…?…&format=csv`: links that keep the view's filters. */
export function withFilters(path: string, filters: URLSearchParams, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(filters);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

export async function dashboardReport<N extends ReportName>(url: URL, name: N, slug?: string): Promise<DashboardPage<N>> {
  const runtime = await getRuntime();
  await runtime.syncCatalog();
  const filters = filtersOf(url);
  let choices: FilterChoices = { categories: [], productAreas: [] };
  let answer: Awaited<ReturnType<typeof answerReport>>;
  try {
    const rows = await runtime.reports.db.selectFrom('articles').select(['category', 'product_area']).where('published', '=', 1).execute();
    const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))].sort();
    choices = { categories: distinct(rows.map((r) => r.category)), productAreas: distinct(rows.map((r) => r.product_area)) };
    answer = await answerReport(runtime.reports, slug === undefined ? name : `${name}/${slug}`, Object.fromEntries(filters));
  } catch (error) {
    const failure = reportFailure(error);
    if (failure) return { ok: false, status: 503, message: failure.message, issues: [], filters, choices };
    throw error;
  }
  if (answer.kind === 'invalid')
    return { ok: false, status: 400, message: 'Some filters are not valid.', issues: answer.issues, filters, choices };
  if (answer.kind === 'not-found') return { ok: false, status: 404, message: answer.message, issues: [], filters, choices };
  // The answer is for the report this page asked for by name.
  return { ok: true, data: answer.result.data as ReportResults[N], tables: answer.tables, query: answer.query, filters, choices };
}
