/**
 * Who is asking and what they may do. Every dashboard page and reports API route declares the role it needs here, in
 * one list; the middleware checks it before the route runs. State-changing requests made with the session cookie must
 * also come from the dashboard's own origin and carry the session's CSRF token.
 */
import { createHmac } from 'node:crypto';
import { roleAllows, type Role } from '../domain/roles.ts';
import { bearerToken, cookieValue, SESSION_COOKIE, sameToken, type AdminAuth } from './admin-auth.ts';
import type { Person, Team } from './team.ts';

export type Actor =
  | { kind: 'person'; person: Person; role: Role; via: 'session' | 'token'; session?: string }
  | { kind: 'admin-token'; role: 'admin'; via: 'session' | 'token'; session?: string };

/** How the audit log names an actor. */
export const actorLabel = (actor: Actor): string => (actor.kind === 'person' ? actor.person.email : 'admin token');

/** `open`: anyone (the sign-in pages); otherwise the least role that may use the route. */
export type RouteAccess = 'open' | Role;

/**
 * Every guarded route, first match wins; `write` is the role a state-changing request needs when it differs. A path
 * under a guarded prefix that no line names needs an admin.
 */
export const ROUTE_ACCESS: readonly { path: RegExp; access: RouteAccess; write?: Role }[] = [
  { path: /^\/reports\/(login|welcome|logout|sso|sso\/callback)\/?$/, access: 'open' },
  { path: /^\/reports\/team\/?$/, access: 'admin' },
  { path: /^\/reports\/account\/?$/, access: 'viewer' },
  { path: /^\/reports\/inbox\/?$/, access: 'viewer', write: 'editor' },
  { path: /^\/reports(\/(deflection|ratings|friction|search|content|tutorials|definitions)\/?)?$/, access: 'viewer' },
  { path: /^\/reports\/articles\/[^/]+\/?$/, access: 'viewer' },
  { path: /^\/api\/reports\/.+$/, access: 'viewer' },
  { path: /^\/api\/feedback\/\d+$/, access: 'editor' },
];
const GUARDED = /^\/(reports|api\/reports|api\/feedback)(\/|$)/;

/** The access a request needs, or undefined when its path is not guarded (the help center, the events API). */
export function routeAccess(path: string, method = 'GET'): RouteAccess | undefined {
  if (!GUARDED.test(path)) return undefined;
  const rule = ROUTE_ACCESS.find((r) => r.path.test(path));
  if (!rule) return 'admin';
  return isUnsafe(method) && rule.write ? rule.write : rule.access;
}

export const allows = (actor: Actor | undefined, access: RouteAccess): boolean =>
  access === 'open' || (actor !== undefined && roleAllows(actor.role, access));

/** The CSRF token of a dashboard session: derived from it, so nothing more is stored. */
export const csrfToken = (session: string): string => createHmac('sha256', session).update('lantern csrf').digest('base64url');

export const isUnsafe = (method: string): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(method);

/**
 * The request did not come from another site's page: a browser names the page's origin in Origin (or, without one, says
 * in Sec-Fetch-Site where it came from); a request with neither is no browser's, and carries no cookie it did not
 * choose. `origins` are the site's public origins (the request's own, KB_SITE_URL's); behind a trusted proxy the host
 * alone is compared, since the proxy may end TLS.
 */
export function sameOrigin(request: Request, origins: string[], hostOnly: boolean): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return ['same-origin', 'none', null].includes(request.headers.get('sec-fetch-site'));
  if (origins.includes(origin)) return true;
  if (!hostOnly) return false;
  try {
    return origins.some((o) => new URL(o).host === new URL(origin).host);
  } catch {
    return false;
  }
}

/** The CSRF token a request carries (header for scripts, form field for forms) matches its session. */
export async function carriesCsrf(request: Request, session: string): Promise<boolean> {
  const expected = csrfToken(session);
  const header = request.headers.get('x-csrf-token');
  if (header !== null) return sameToken(header, expected);
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return false;
  const form = await request
    .clone()
    .formData()
    .catch(() => undefined);
  const given = form?.get('_csrf');
  return typeof given === 'string' && sameToken(given, expected);
}

/** Finds the actor of a request: a bearer token (the admin token or a personal one) or the session cookie. */
export async function identify(request: Request, auth: AdminAuth, team: Team): Promise<Actor | undefined> {
  const bearer = bearerToken(request.headers.get('authorization'));
  if (bearer !== undefined) {
    if (await auth.isAdminToken(bearer)) return { kind: 'admin-token', role: 'admin', via: 'token' };
    const person = await team.tokenHolder(bearer);
    return person && { kind: 'person', person, role: person.role, via: 'token' };
  }
  const session = cookieValue(request.headers.get('cookie'), SESSION_COOKIE);
  if (session === undefined) return undefined;
  const person = await team.sessionHolder(session);
  if (person) return { kind: 'person', person, role: person.role, via: 'session', session };
  if (await auth.isSession(session)) return { kind: 'admin-token', role: 'admin', via: 'session', session };
  return undefined;
}
