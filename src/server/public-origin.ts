/** The origin people reach the site at: KB_SITE_URL's when set (behind a proxy the request's own may differ). */
import type { Env } from '../schemas/env.ts';

export const publicOrigin = (url: URL, env: Env): string => (env.KB_SITE_URL ? new URL(env.KB_SITE_URL).origin : url.origin);
