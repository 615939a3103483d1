/** POST /api/tickets/<provider>: a help desk's "ticket created" webhook (server/ticket-webhook.ts). */
import type { APIRoute } from 'astro';
import { errorResponse } from '../../../server/http.ts';
import { getRuntime } from '../../../server/runtime.ts';
import { receiveTicketWebhook } from '../../../server/ticket-webhook.ts';

export const prerender = false;

export const POST: APIRoute = ({ params, request }) => receiveTicketWebhook(request, params.path ?? '', getRuntime);

export const ALL: APIRoute = () =>
  errorResponse(405, 'method-not-allowed', 'Help desks send tickets with POST.', { headers: { Allow: 'POST' } });
