/**
 * GET /metrics: the server's metrics in the Prometheus text format (src/server/metrics.ts), for a scraper that sends
 * `Authorization: Bearer <KB_METRICS_TOKEN>`. Off (404) unless that token is set.
 */
import type { APIRoute } from 'astro';
import { sameToken } from '../server/admin-auth.ts';
import { errorResponse } from '../server/http.ts';
import { getRuntime } from '../server/runtime.ts';

export const prerender = false;

export const GET: APIRoute = async ({ request }) => {
  const { env, metrics } = await getRuntime();
  const token = env.KB_METRICS_TOKEN;
  if (!token) return errorResponse(404, 'not-found', 'Metrics are off: set KB_METRICS_TOKEN to turn them on.');
  const given = request.headers.get('authorization')?.match(/^Bearer (.+)$/)?.[1] ?? '';
  if (!sameToken(given, token))
    return errorResponse(401, 'unauthorized', 'Metrics need `Authorization: Bearer <KB_METRICS_TOKEN>`.', {
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  return new Response(await metrics.registry.metrics(), {
    headers: { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' },
  });
};
