/** First start without KB_ADMIN_TOKEN: generate the admin token (only its hash is kept) and a one-time login link. */
import { AdminAuth, LOGIN_LINK_TTL_MS } from '../server/admin-auth.ts';
import type { Env } from '../schemas/env.ts';
import { openConfiguredStore } from '../server/open-store.ts';

/**
 * Prints the token and the link once; later starts print nothing. `rotate` replaces a lost token
 * (`npm run admin:token`). Returns whether a token was generated.
 */
export async function bootstrapAdminToken(env: Env, options: { rotate?: boolean; log?: (line: string) => void } = {}): Promise<boolean> {
  const log = options.log ?? console.log;
  const store = openConfiguredStore(env);
  try {
    const auth = new AdminAuth(store.db, env.KB_ADMIN_TOKEN);
    if (options.rotate) await store.db.deleteFrom('admin_credentials').where('kind', 'in', ['admin', 'session']).execute();
    else if (await auth.hasAdminToken()) return false;
    const token = await auth.issue('admin', null);
    const code = await auth.issue('login', LOGIN_LINK_TTL_MS);
    const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
    log('');
    log(
      `Reports: ${options.rotate ? 'a new admin token replaces the old one and ends every dashboard session' : 'no KB_ADMIN_TOKEN is set, so an admin token was generated'}. It is shown only this once;`,
    );
    log('only its hash is stored. Use it as `Authorization: Bearer <token>` for /api/reports/*:');
    log(`  ${token}`);
    log(`One-time login link for this browser (valid 24 hours): http://${host}:${env.PORT}/reports/login?code=${code}`);
    log('');
    return true;
  } finally {
    await store.close();
  }
}
