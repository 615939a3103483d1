/** The one error envelope of the API, and request-body reading with a size limit. */
import type { Issue } from '../schemas/issues.ts';
import { isStatementTimeout, isStoreUnavailable } from '../../db/store-errors.ts';

export const ERROR_CODES = [
  'invalid-json',
  'invalid-event',
  'invalid-ticket',
  'invalid-params',
  'payload-too-large',
  'request-incomplete',
  'unsupported-media-type',
  'method-not-allowed',
  'rate-limited',
  'store-unavailable',
  'report-timeout',
  'provider-unavailable',
  'site-not-built',
  'unauthorized',
  'forbidden',
  'cross-site-request',
  'not-found',
  'internal-error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function errorResponse(
  status: number,
  code: ErrorCode,
  message: string,
  options: { issues?: Issue[]; headers?: Record<string, string> } = {},
): Response {
  const body = { error: { code, message, ...(options.issues ? { issues: options.issues } : {}) } };
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...options.headers } });
}

/** A 500 that tells the client nothing about the internals; the cause goes to the server log. */
export function internalError(error: unknown): Response {
  console.error('internal error:', error);
  return errorResponse(500, 'internal-error', 'Something went wrong on our side. Please try again later.');
}

/** A posted form's fields; an unreadable body is an empty form (each page then says what is missing). */
export const postedForm = async (request: Request): Promise<FormData> =>
  (await request.formData().catch(() => undefined)) ?? new FormData();

export class BodyTooLargeError extends Error {}

/** The client stopped sending (or the server's request timeout cut it off): nothing to answer, nothing to log. */
export class BodyIncompleteError extends Error {}

/** Reads the body as text, stopping as soon as it passes `limit` bytes, so a huge body costs no memory. */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch((error: unknown) => {
      throw new BodyIncompleteError('the request body did not arrive in full', { cause: error });
    });
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export function isJsonType(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  // sendBeacon cannot set application/json without a CORS preflight, so it sends text/plain.
  return type === 'application/json' || type === 'text/plain';
}

/**
 * Why a report could not be answered, when the reason is the store's and the client should try again: the report ran
 * past its time limit, or the store is unreachable. Undefined for any other failure, which is a bug.
 */
export function reportFailure(error: unknown): { code: ErrorCode; message: string; retryAfter: number } | undefined {
  if (isStatementTimeout(error))
    return {
      code: 'report-timeout',
      message: 'The report took longer than its time limit (KB_REPORT_TIMEOUT_MS); try a shorter range.',
      retryAfter: 30,
    };
  if (isStoreUnavailable(error))
    return { code: 'store-unavailable', message: 'The event store does not answer right now; try again in a few seconds.', retryAfter: 5 };
  return undefined;
}

/** A report the store could not answer as a 503 with Retry-After (reportFailure); undefined for a bug. */
export function reportUnavailable(error: unknown): Response | undefined {
  const failure = reportFailure(error);
  return failure && errorResponse(503, failure.code, failure.message, { headers: { 'Retry-After': String(failure.retryAfter) } });
}
