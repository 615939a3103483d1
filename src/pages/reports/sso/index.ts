/** GET /reports/sso: off to the identity provider (single sign-on), with where to come back to. */
import type { APIRoute } from 'astro';
import { errorResponse } from '../../../server/http.ts';
import { publicOrigin } from '../../../server/public-origin.ts';
import { getRuntime } from '../../../server/runtime.ts';
import { safeNext } from '../../../server/sign-in.ts';

export const prerender = false;

export const GET: APIRoute = async ({ url }) => {
  const { sso, env } = await getRuntime();
  if (!sso) return errorResponse(404, 'not-found', 'Single sign-on is not configured (KB_OIDC_ISSUER).');
  try {
    const { location, cookie } = await sso.start(publicOrigin(url, env), safeNext(url.searchParams.get('next')), url.protocol === 'https:');
    return new Response(null, { status: 303, headers: { Location: location, 'Set-Cookie': cookie, 'Cache-Control': 'no-store' } });
  } catch (error) {
    console.error('single sign-on: the identity provider does not answer:', error);
    return errorResponse(503, 'provider-unavailable', 'The identity provider does not answer right now; try again in a minute.', {
      headers: { 'Retry-After': '30' },
    });
  }
};
