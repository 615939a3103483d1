/** POST /reports/logout: ends the dashboard session (the cookie and its stored hash). */
import type { APIRoute } from 'astro';
import { CLEARED_SESSION_COOKIE } from '../../server/admin-auth.ts';
import { getRuntime } from '../../server/runtime.ts';

export const prerender = false;

export const POST: APIRoute = async ({ request }) => {
  const { auth } = await getRuntime();
  await auth.signOut(request);
  return new Response(null, { status: 303, headers: { Location: '/reports/login', 'Set-Cookie': CLEARED_SESSION_COOKIE } });
};
