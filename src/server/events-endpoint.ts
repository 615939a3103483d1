/**
 * POST /api/events, whichever server received it: Astro's endpoint (src/pages/api/events.ts, the dev server) or the
 * production server's own route for it (src/server/node-events-route.ts). Contract in the README.
 */
import { isStoreUnavailable } from '../../db/store-errors.ts';
import { parseEnv } from '../schemas/env.ts';
import { MAX_BODY_BYTES } from '../schemas/events.ts';
import { addressOf } from './client-address.ts';
import { withCors } from './cors.ts';
import { BodyIncompleteError, BodyTooLargeError, errorResponse, internalError, isJsonType } from './http.ts';
import { getRuntime } from './runtime.ts';
import type { EventOutcome } from './metrics.ts';
import type { RecordResult } from '../ingest/events-intake.ts';

/** What the endpoint needs of a request. */
export interface EventsRequest {
  header(name: string): string | null;
  /** The peer's address (may throw where the server cannot tell). */
  remoteAddress(): string | undefined;
  /** The body as text; BodyTooLargeError past `limit` bytes, BodyIncompleteError if the client stops sending. */
  text(limit: number): Promise<string>;
}

let corsOrigins: string[] | undefined;
/** The origins allowed to send events; they do not change while the server runs. */
export const allowedOrigins = () => (corsOrigins ??= parseEnv().KB_CORS_ORIGINS);

export async function receiveEvents(request: EventsRequest): Promise<Response> {
  return withCors(request.header('origin'), allowedOrigins(), await receive(request));
}

async function receive(request: EventsRequest): Promise<Response> {
  if (!isJsonType(request.header('content-type')))
    return errorResponse(415, 'unsupported-media-type', 'Send the events as JSON (Content-Type: application/json).');
  try {
    if (Number(request.header('content-length') ?? '0') > MAX_BODY_BYTES) throw new BodyTooLargeError();
    const body = await request.text(MAX_BODY_BYTES);
    const { env, events, metrics } = await getRuntime();
    if (!env.KB_TRACKING) return errorResponse(404, 'not-found', 'Tracking is turned off on this help center.');
    const result = await events.record({
      body,
      clientAddress: addressOf(request.header('x-forwarded-for'), request.remoteAddress, env.KB_TRUST_PROXY),
      userAgent: request.header('user-agent') ?? '',
    });
    metrics.eventRequest(outcomeOf(result), result.kind === 'accepted' && result.stored ? result.count : 0);
    switch (result.kind) {
      case 'accepted':
        return Response.json({ accepted: result.count }, { status: 202, headers: { 'Cache-Control': 'no-store' } });
      case 'invalid':
        return errorResponse(
          400,
          result.code,
          result.code === 'invalid-json' ? 'The body is not valid JSON.' : 'The batch was rejected; nothing was stored.',
          { issues: result.issues },
        );
      case 'rate-limited':
        return errorResponse(429, 'rate-limited', 'Too many requests from this address; try again later.', {
          headers: { 'Retry-After': String(result.retryAfter) },
        });
      case 'unavailable':
        return storeUnavailable(result.retryAfter);
      case 'not-built':
        return errorResponse(503, 'site-not-built', 'The help center has not been built yet.', { headers: { 'Retry-After': '30' } });
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return errorResponse(413, 'payload-too-large', `The body must be at most ${MAX_BODY_BYTES} bytes.`);
    // The store could not even be opened or migrated (read-only file, full disk): the client should retry later.
    if (isStoreUnavailable(error)) return storeUnavailable(30);
    if (error instanceof BodyIncompleteError)
      return errorResponse(400, 'request-incomplete', 'The body did not arrive in full; nothing was stored.');
    return internalError(error);
  }
}

/** The label a request's outcome gets in the metrics. */
function outcomeOf(result: RecordResult): EventOutcome {
  switch (result.kind) {
    case 'accepted':
      return result.stored ? 'accepted' : 'bot';
    case 'rate-limited':
      return 'rate_limited';
    case 'not-built':
      return 'not_built';
    default:
      return result.kind;
  }
}

function storeUnavailable(retryAfter: number): Response {
  return errorResponse(503, 'store-unavailable', 'Events cannot be stored right now; try again later.', {
    headers: { 'Retry-After': String(retryAfter) },
  });
}
