/**
 * GET /readyz: 200 when the store answers and is migrated, so a load balancer sends this instance events; 503 with
 * Retry-After while it does not (the database is down or unreachable).
 */
import type { APIRoute } from 'astro';
import { isStoreUnavailable } from '../../db/store-errors.ts';
import { errorResponse, internalError } from '../server/http.ts';
import { checkReady } from '../server/readiness.ts';
import { getRuntime } from '../server/runtime.ts';

export const prerender = false;

export const GET: APIRoute = async () => {
  try {
    await checkReady((await getRuntime()).store);
    return Response.json({ status: 'ready' }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if (!isStoreUnavailable(error)) return internalError(error);
    console.error('not ready:', (error as Error).message);
    return errorResponse(503, 'store-unavailable', 'The event store does not answer; try again later.', {
      headers: { 'Retry-After': '5' },
    });
  }
};
