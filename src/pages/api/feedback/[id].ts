/** PATCH /api/feedback/<id>: an editor sets a feedback item's status or assignee, or adds a note (JSON). */
import type { APIRoute } from 'astro';
import { FeedbackChangeSchema } from '../../../schemas/feedback-triage.ts';
import { formatPath } from '../../../schemas/issues.ts';
import { actorLabel } from '../../../server/access.ts';
import { triageFeedback } from '../../../server/feedback-triage.ts';
import { BodyTooLargeError, errorResponse, internalError, isJsonType, readBodyText, reportUnavailable } from '../../../server/http.ts';
import { getRuntime } from '../../../server/runtime.ts';

export const prerender = false;

// Who may change feedback is the middleware's to check (server/access.ts: editors and admins).
export const PATCH: APIRoute = async ({ params, request, locals }) => {
  if (!isJsonType(request.headers.get('content-type')))
    return errorResponse(415, 'unsupported-media-type', 'Send the change as application/json.');
  let body: unknown;
  try {
    body = JSON.parse(await readBodyText(request, 8 * 1024));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return errorResponse(413, 'payload-too-large', 'A change is at most 8 KiB.');
    return errorResponse(400, 'invalid-json', 'The body is not JSON.');
  }
  const change = FeedbackChangeSchema.safeParse(body);
  if (!change.success)
    return errorResponse(400, 'invalid-params', 'The change is invalid.', {
      issues: change.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    });
  try {
    const { store, audit } = await getRuntime();
    const result = await triageFeedback(store.db, audit, [Number(params.id)], change.data, actorLabel(locals.actor!));
    if (!result.ok) return errorResponse(result.status, result.status === 404 ? 'not-found' : 'invalid-params', result.message);
    return Response.json({ changed: result.changed }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return reportUnavailable(error) ?? internalError(error);
  }
};

export const ALL: APIRoute = () =>
  errorResponse(405, 'method-not-allowed', 'Feedback is changed with PATCH.', { headers: { Allow: 'PATCH' } });
