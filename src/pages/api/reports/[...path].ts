/** GET /api/reports/<name>: a report as JSON, or one of its tables as CSV (contract in the README). */
import type { APIRoute } from 'astro';
import { toCsv } from '../../../analytics/csv.ts';
import { errorResponse, internalError, reportUnavailable } from '../../../server/http.ts';
import { getRuntime } from '../../../server/runtime.ts';
import { actorLabel } from '../../../server/access.ts';
import { answerReport, reportJson } from '../../../analytics/report-request.ts';

export const prerender = false;

const NO_STORE = { 'Cache-Control': 'no-store' };

// Who may read is the middleware's to check (server/access.ts); an export is recorded in the audit log.
export const GET: APIRoute = async ({ params, url, locals }) => {
  try {
    const runtime = await getRuntime();
    await runtime.syncCatalog();
    const answer = await answerReport(runtime.reports, params.path ?? '', Object.fromEntries(url.searchParams));
    if (answer.kind === 'not-found') return errorResponse(404, 'not-found', answer.message);
    if (answer.kind === 'invalid')
      return errorResponse(400, 'invalid-params', 'The report parameters are invalid.', { issues: answer.issues });
    const { query, table } = answer;
    if (query.format === 'csv') {
      const file = `lantern-${params.path!.replace('/', '-')}-${table!.name}-${query.from}-to-${query.to}.csv`;
      await runtime.audit.record(actorLabel(locals.actor!), 'export', file);
      return new Response(toCsv(table!), {
        headers: { ...NO_STORE, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}"` },
      });
    }
    return Response.json(reportJson(answer), { headers: NO_STORE });
  } catch (error) {
    return reportUnavailable(error) ?? internalError(error);
  }
};

export const ALL: APIRoute = () => errorResponse(405, 'method-not-allowed', 'Reports are read with GET.', { headers: { Allow: 'GET' } });
