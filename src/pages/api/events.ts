/**
 * POST /api/events: the browser's batches of reader events (contract in the README); the work is in
 * lib/events-endpoint.ts.
 */
import type { APIRoute } from 'astro';
import { errorResponse, readBodyText } from '../../server/http.ts';
import { preflight } from '../../server/cors.ts';
import { allowedOrigins, receiveEvents } from '../../server/events-endpoint.ts';

export const prerender = false;

export const POST: APIRoute = (context) =>
  receiveEvents({
    header: (name) => context.request.headers.get(name),
    remoteAddress: () => context.clientAddress,
    text: (limit) => readBodyText(context.request, limit),
  });

/** A browser's preflight before a cross-origin JSON POST (the site on a CDN, the API here). */
export const OPTIONS: APIRoute = ({ request }) => preflight(request.headers.get('origin'), allowedOrigins());

export const ALL: APIRoute = () => errorResponse(405, 'method-not-allowed', 'Use POST to send events.', { headers: { Allow: 'POST' } });
