/**
 * Security headers for the dashboard and the reports API. The Content-Security-Policy allows no inline code
 * except the exact inline <style>/<script> blocks of this response, by hash (Astro inlines small ones).
 */
import { createHash } from 'node:crypto';

const INLINE = { script: /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g, style: /<style[^>]*>([\s\S]*?)<\/style>/g };

function hashes(html: string, pattern: RegExp): string {
  return [...html.matchAll(pattern)].map((m) => ` 'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`).join('');
}

export function contentSecurityPolicy(html: string): string {
  return [
    "default-src 'self'",
    `script-src 'self'${hashes(html, INLINE.script)}`,
    `style-src 'self'${hashes(html, INLINE.style)}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const COMMON = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'X-Robots-Tag': 'noindex, nofollow',
  'Cache-Control': 'no-store',
};

/** Adds the headers to a response; HTML is read once to hash its inline blocks. */
export async function withDashboardHeaders(response: Response): Promise<Response> {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(COMMON)) headers.set(name, value);
  const isHtml = (headers.get('content-type') ?? '').includes('text/html');
  if (!isHtml) {
    headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
  const html = await response.text();
  headers.set('Content-Security-Policy', contentSecurityPolicy(html));
  return new Response(html, { status: response.status, statusText: response.statusText, headers });
}
