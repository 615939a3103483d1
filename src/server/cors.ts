/**
 * Cross-origin events: when the static site is served from another origin (a CDN) than the API, browsers
 * ask first (a preflight for a JSON POST) and read the answer only if the API names their origin.
 */
const PREFLIGHT = {
  'Access-Control-Allow-Methods': 'POST',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Max-Age': '86400',
};

function allowedOrigin(origin: string | null, allowed: string[]): string | undefined {
  if (!origin || allowed.length === 0) return undefined;
  return allowed.includes('*') || allowed.includes(origin) ? origin : undefined;
}

/** The response with Access-Control-Allow-Origin when the request's origin is allowed (always Vary: Origin). */
export function withCors(requestOrigin: string | null, allowed: string[], response: Response): Response {
  const origin = allowedOrigin(requestOrigin, allowed);
  if (allowed.length) response.headers.append('Vary', 'Origin');
  if (origin) response.headers.set('Access-Control-Allow-Origin', origin);
  return response;
}

/** The answer to a preflight: 204, with permission only for an allowed origin (the browser then refuses the rest). */
export function preflight(requestOrigin: string | null, allowed: string[]): Response {
  const origin = allowedOrigin(requestOrigin, allowed);
  return new Response(null, {
    status: 204,
    headers: origin ? { ...PREFLIGHT, 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : { Vary: 'Origin' },
  });
}
