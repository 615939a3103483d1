/** POST /reports/logout: ends this dashboard session (the cookie and its stored hash). */
import type { APIRoute } from 'astro';
import { CLEARED_SESSION_COOKIE } from '../../server/admin-auth.ts';
import { actorLabel } from '../../server/access.ts';
import { getRuntime } from '../../server/runtime.ts';

export const prerender = false;

export const POST: APIRoute = async ({ locals }) => {
  const { actor } = locals;
  if (actor?.session !== undefined) {
    const { auth, team, audit } = await getRuntime();
    await (actor.kind === 'person' ? team.endSession(actor.session) : auth.endSession(actor.session));
    await audit.record(actorLabel(actor), 'sign-out');
  }
  return new Response(null, { status: 303, headers: { Location: '/reports/login', 'Set-Cookie': CLEARED_SESSION_COOKIE } });
};
