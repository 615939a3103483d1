/** The page a signed-in person sees for a dashboard page their role does not include. */
import type { Role } from '../domain/roles.ts';

export function forbiddenPage(needed: Role, role: Role): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>Not for your role · Reports</title></head>
<body><main><h1>Not for your role</h1><p>This page needs the <strong>${needed}</strong> role; yours is <strong>${role}</strong>. Ask an admin of your team if you need it.</p><p><a href="/reports">Back to the reports</a></p></main></body></html>`;
  return new Response(html, { status: 403, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
