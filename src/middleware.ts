/**
 * Guards the dashboard and the reports API: finds who is asking, refuses what their role does not allow (as each route
 * declares in server/access.ts), and refuses state-changing requests from another site or without the session's CSRF
 * token. Dashboard and reports API responses get security headers.
 */
import { defineMiddleware } from 'astro:middleware';
import { allows, carriesCsrf, identify, isUnsafe, routeAccess, sameOrigin } from './server/access.ts';
import { withDashboardHeaders } from './server/dashboard-headers.ts';
import { errorResponse, internalError, reportUnavailable } from './server/http.ts';
import { getRuntime } from './server/runtime.ts';
import { forbiddenPage } from './server/forbidden-page.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const path = context.url.pathname;
  // Every method: a HEAD or POST must not run a route a GET would refuse.
  const access = context.isPrerendered ? undefined : routeAccess(path, context.request.method);
  if (access === undefined) return next();
  const api = path.startsWith('/api/');
  const { request } = context;
  try {
    const runtime = await getRuntime();
    const actor = await identify(request, runtime.auth, runtime.team);
    context.locals.actor = actor;
    if (isUnsafe(request.method) && actor?.via !== 'token') {
      const origins = [context.url.origin, ...(runtime.env.KB_SITE_URL ? [new URL(runtime.env.KB_SITE_URL).origin] : [])];
      if (!sameOrigin(request, origins, runtime.env.KB_TRUST_PROXY))
        return withDashboardHeaders(errorResponse(403, 'cross-site-request', 'This request did not come from the dashboard.'));
      if (actor?.session !== undefined && !(await carriesCsrf(request, actor.session)))
        return withDashboardHeaders(errorResponse(403, 'cross-site-request', 'The form is missing its security token: reload the page.'));
    }
    if (access !== 'open' && !allows(actor, access)) {
      if (actor === undefined) {
        if (api)
          return withDashboardHeaders(
            errorResponse(401, 'unauthorized', 'Reports need `Authorization: Bearer <token>` or a dashboard session.', {
              headers: { 'WWW-Authenticate': 'Bearer' },
            }),
          );
        return withDashboardHeaders(context.redirect(`/reports/login?next=${encodeURIComponent(`${path}${context.url.search}`)}`, 303));
      }
      if (api) return withDashboardHeaders(errorResponse(403, 'forbidden', `This needs the ${access} role; yours is ${actor.role}.`));
      return withDashboardHeaders(forbiddenPage(access, actor.role));
    }
  } catch (error) {
    return withDashboardHeaders(reportUnavailable(error) ?? internalError(error));
  }
  return withDashboardHeaders(await next());
});
