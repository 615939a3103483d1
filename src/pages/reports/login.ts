/** GET /reports/login?code=…: trades the one-time login link printed at first start for a dashboard session cookie. */
import type { APIRoute } from 'astro';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../../lib/admin-auth.ts';
import { errorResponse, internalError } from '../../lib/http.ts';
import { getRuntime } from '../../lib/runtime.ts';

export const prerender = false;

export const GET: APIRoute = async ({ url }) => {
  try {
    const code = url.searchParams.get('code') ?? '';
    const { auth } = await getRuntime();
    const session = code.length > 0 && code.length <= 128 ? await auth.redeemLogin(code) : undefined;
    if (!session) return errorResponse(401, 'unauthorized', 'This login link is invalid, expired or already used. Use the admin token instead.');
    const secure = url.protocol === 'https:' ? '; Secure' : '';
    return new Response(null, {
      status: 303,
      headers: {
        Location: '/api/reports/overview',
        'Cache-Control': 'no-store',
        'Set-Cookie': `${SESSION_COOKIE}=${session}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}${secure}`,
      },
    });
  } catch (error) {
    return internalError(error);
  }
};
