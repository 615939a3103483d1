/**
 * Guards the dashboard: every /reports page but the login needs a session; dashboard and reports API get security
 * headers.
 */
import { defineMiddleware } from 'astro:middleware';
import { withDashboardHeaders } from './server/dashboard-headers.ts';
import { getRuntime } from './server/runtime.ts';

const OPEN = new Set(['/reports/login', '/reports/login/', '/reports/logout', '/reports/logout/']);

export const onRequest = defineMiddleware(async (context, next) => {
  const path = context.url.pathname;
  const dashboard = path === '/reports' || path.startsWith('/reports/');
  if (context.isPrerendered || !(dashboard || path.startsWith('/api/reports'))) return next();
  // Every method: a HEAD or POST must not render a page a GET would refuse.
  if (dashboard && !OPEN.has(path)) {
    const { auth } = await getRuntime();
    if (!(await auth.allows(context.request))) {
      const back = `${path}${context.url.search}`;
      return withDashboardHeaders(context.redirect(`/reports/login?next=${encodeURIComponent(back)}`, 303));
    }
  }
  return withDashboardHeaders(await next());
});
