/**
 * POST /api/tickets/<provider>[/<secret>]: a help desk reports a new ticket. The request is verified with the
 * provider's own scheme before its body is read as JSON; nothing is stored unless it verifies and parses.
 */
import { HELP_DESK_NAMES, HELP_DESKS, secretVariable, type HelpDeskName } from '../help-desks/help-desks.ts';
import { PATH_SECRET_HEADER } from '../help-desks/webhook-signature.ts';
import { receiveTicket } from '../ingest/ticket-intake.ts';
import { BodyIncompleteError, BodyTooLargeError, errorResponse, readBodyText, reportUnavailable, internalError } from './http.ts';
import type { Runtime } from './runtime.ts';

/** Conversations can be long (Intercom and Help Scout send their first message's parts); a ticket never needs more. */
const MAX_BODY_BYTES = 1024 * 1024;

const isHelpDesk = (name: string): name is HelpDeskName => (HELP_DESK_NAMES as readonly string[]).includes(name);

export async function receiveTicketWebhook(
  request: Request,
  path: string,
  runtime: () => Promise<Pick<Runtime, 'env' | 'store'>>,
): Promise<Response> {
  const [name = '', pathSecret, ...rest] = path.split('/');
  if (!isHelpDesk(name) || rest.length > 0)
    return errorResponse(404, 'not-found', `No ticket webhook at this address: use /api/tickets/<${HELP_DESK_NAMES.join('|')}>.`);
  const desk = HELP_DESKS[name];
  let env: Runtime['env'];
  let store: Runtime['store'];
  try {
    ({ env, store } = await runtime());
  } catch (error) {
    return reportUnavailable(error) ?? internalError(error);
  }
  const secret = env[secretVariable(name)];
  if (!secret) return errorResponse(404, 'not-found', `Tickets from ${name} are not switched on: set ${secretVariable(name)}.`);
  if ((desk.auth === 'path') !== (pathSecret !== undefined))
    return errorResponse(
      404,
      'not-found',
      desk.auth === 'path' ? `Use /api/tickets/${name}/<${secretVariable(name)}>.` : `Use /api/tickets/${name}.`,
    );

  let body: string;
  try {
    body = await readBodyText(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return errorResponse(413, 'payload-too-large', 'A ticket webhook is at most 1 MiB.');
    if (error instanceof BodyIncompleteError) return errorResponse(400, 'request-incomplete', 'The body did not arrive in full.');
    throw error;
  }
  const headers = new Headers(request.headers);
  if (pathSecret !== undefined) headers.set(PATH_SECRET_HEADER, pathSecret);
  if (!desk.verify({ body, headers, secret, now: Date.now() }))
    return errorResponse(401, 'unauthorized', `The request is not signed with ${secretVariable(name)} (or its timestamp is too old).`);

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return errorResponse(400, 'invalid-json', 'The body is not JSON.');
  }
  const parsed = desk.parse(json, env.KB_TICKET_REF_PARAM, headers);
  if (parsed.kind === 'invalid') return errorResponse(400, 'invalid-ticket', 'The ticket is invalid.', { issues: parsed.issues });
  if (parsed.kind === 'ignored') return Response.json({ ignored: parsed.why }, { status: 202, headers: { 'Cache-Control': 'no-store' } });
  try {
    const receipt = await receiveTicket(store.db, name, parsed.ticket);
    return Response.json({ duplicate: receipt.duplicate }, { status: 202, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return reportUnavailable(error) ?? internalError(error);
  }
}
