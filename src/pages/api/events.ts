/** POST /api/events: the browser's batches of reader events (contract in the README). */
import type { APIRoute } from 'astro';
import { BodyIncompleteError, BodyTooLargeError, errorResponse, internalError, isJson, readBodyText } from '../../lib/http.ts';
import { getRuntime } from '../../lib/runtime.ts';
import { clientAddress } from '../../lib/client-address.ts';
import { MAX_BODY_BYTES } from '../../schemas/events.ts';
import { isStoreUnavailable } from '../../events/store-errors.ts';
import { preflight, withCors } from '../../lib/cors.ts';
import { parseEnv } from '../../schemas/env.ts';

export const prerender = false;

let corsOrigins: string[] | undefined;
// The allowed origins do not change while the server runs.
const allowedOrigins = () => (corsOrigins ??= parseEnv().KB_CORS_ORIGINS);

export const POST: APIRoute = async (context) => withCors(context.request, allowedOrigins(), await receive(context));

/** A browser's preflight before a cross-origin JSON POST (the site on a CDN, the API here). */
export const OPTIONS: APIRoute = ({ request }) => preflight(request, allowedOrigins());

async function receive(context: Parameters<APIRoute>[0]): Promise<Response> {
  const { request } = context;
  if (!isJson(request)) return errorResponse(415, 'unsupported-media-type', 'Send the events as JSON (Content-Type: application/json).');
  try {
    const body = await readBodyText(request, MAX_BODY_BYTES);
    const { env, events } = await getRuntime();
    if (!env.KB_TRACKING) return errorResponse(404, 'not-found', 'Tracking is turned off on this help center.');
    const result = await events.record({
      body,
      clientAddress: clientAddress(context, env.KB_TRUST_PROXY),
      userAgent: request.headers.get('user-agent') ?? '',
    });
    switch (result.kind) {
      case 'accepted':
        return Response.json({ accepted: result.count }, { status: 202, headers: { 'Cache-Control': 'no-store' } });
      case 'invalid':
        return errorResponse(400, result.code, result.code === 'invalid-json' ? 'The body is not valid JSON.' : 'The batch was rejected; nothing was stored.', { issues: result.issues });
      case 'rate-limited':
        return errorResponse(429, 'rate-limited', 'Too many requests from this address; try again later.', { headers: { 'Retry-After': String(result.retryAfter) } });
      case 'unavailable':
        return storeUnavailable(result.retryAfter);
      case 'not-built':
        return errorResponse(503, 'site-not-built', 'The help center has not been built yet.', { headers: { 'Retry-After': '30' } });
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError) return errorResponse(413, 'payload-too-large', `The body must be at most ${MAX_BODY_BYTES} bytes.`);
    // The store could not even be opened or migrated (read-only file, full disk): the client should retry later.
    if (isStoreUnavailable(error)) return storeUnavailable(30);
    if (error instanceof BodyIncompleteError) return errorResponse(400, 'request-incomplete', 'The body did not arrive in full; nothing was stored.');
    return internalError(error);
  }
}

function storeUnavailable(retryAfter: number): Response {
  return errorResponse(503, 'store-unavailable', 'Events cannot be stored right now; try again later.', { headers: { 'Retry-After': String(retryAfter) } });
}

export const ALL: APIRoute = () =>
  errorResponse(405, 'method-not-allowed', 'Use POST to send events.', { headers: { Allow: 'POST' } });
