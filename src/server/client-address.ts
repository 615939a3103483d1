/** The address a request came from, for rate limiting only (never stored). */
import type { APIContext } from 'astro';

/** The first X-Forwarded-For address behind a trusted proxy, otherwise the peer's address. */
export function addressOf(forwardedFor: string | null | undefined, remote: () => string | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = forwardedFor?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return remote() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function clientAddress(context: Pick<APIContext, 'request' | 'clientAddress'>, trustProxy: boolean): string {
  return addressOf(context.request.headers.get('x-forwarded-for'), () => context.clientAddress, trustProxy);
}
