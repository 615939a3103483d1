/** A report request from the API or the CLI, parsed at the edge: the report's path, its query, and the answer. */
import { formatPath, type Issue } from '../schemas/issues.ts';
import { REPORTS, ReportNameSchema, ReportQuerySchema, type ReportQuery } from '../schemas/report-params.ts';
import { reportTables, runReport, type ReportResult, type ReportSource } from './report-registry.ts';
import type { Table } from './report-table.ts';
import { SLUG_PATTERN as SLUG } from '../domain/slug-pattern.ts';

export type ReportAnswer =
  /** `tables`: all of the report's, in order; `table`: the one the query names, or the first. */
  | { kind: 'ok'; result: ReportResult; query: ReportQuery; tables: Table[]; table: Table | undefined }
  | { kind: 'invalid'; issues: Issue[] }
  | { kind: 'not-found'; message: string };

/** `path` is what follows /api/reports/: "ratings", or "article/<slug>". */
export async function answerReport(source: ReportSource, path: string, query: Record<string, string>): Promise<ReportAnswer> {
  const [name, slug, ...rest] = path.split('/');
  const parsedName = ReportNameSchema.safeParse(name);
  const wantsSlug = parsedName.success && parsedName.data === 'article';
  if (!parsedName.success || rest.length > 0 || (slug !== undefined) !== wantsSlug || (slug !== undefined && !SLUG.test(slug))) {
    return {
      kind: 'not-found',
      message: `No report at "${path}". Reports: ${REPORTS.map((r) => (r === 'article' ? 'article/<slug>' : r)).join(', ')}.`,
    };
  }
  const parsed = ReportQuerySchema.safeParse(query);
  if (!parsed.success)
    return { kind: 'invalid', issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path) || 'query', message: i.message })) };

  const started = performance.now();
  const result = await runReport(source, parsedName.data, parsed.data, slug);
  source.timed?.(parsedName.data, (performance.now() - started) / 1000);
  if (!result) return { kind: 'not-found', message: `No article with the slug "${slug}" has been published or recorded.` };
  const tables = reportTables(result);
  const table = parsed.data.table === undefined ? tables[0] : tables.find((t) => t.name === parsed.data.table);
  if (parsed.data.format === 'csv' && !table) {
    return { kind: 'invalid', issues: [{ path: 'table', message: `must be one of ${tables.map((t) => t.name).join(', ')}` }] };
  }
  return { kind: 'ok', result, query: parsed.data, tables, table };
}

/** The JSON body of a report, the same from the API and the CLI. */
export function reportJson(answer: Extract<ReportAnswer, { kind: 'ok' }>) {
  const { format: _format, table: _table, ...params } = answer.query;
  return { report: answer.result.name, params, data: answer.result.data };
}
