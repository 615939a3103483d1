/** The origin people reach the site at: KB_SITE_URL's when set (behind a proxy the request's own may differ). */
import type { Env } from '../schemas/env.ts';

export const publicOrigin = (url: URL, env: Env): string => (env.KB_SITE_URL ? new URL(env.KB_SITE_URL).origin : url.origin);

/** The origin links printed or sent outside a request point at: KB_SITE_URL's, else where the server listens. */
export const configuredOrigin = (env: Env): string =>
  env.KB_SITE_URL
    ? new URL(env.KB_SITE_URL).origin
    : `http://${env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST}:${env.PORT}`;
