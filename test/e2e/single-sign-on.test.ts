import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { freshDatabase } from '../helpers/reliability-site.ts';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { freePort, serveSite, type RunningSite } from '../helpers/site-build.ts';

const CLIENT = { id: 'lantern-reports', secret: 'a-client-secret-of-the-test-provider-0123' };

let provider: Server;
let site: RunningSite;
let browser: Browser;

beforeAll(async () => {
  const [providerPort, sitePort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${providerPort}`;
  const siteUrl = `http://127.0.0.1:${sitePort}`;
  // The reference OpenID provider, as a team's identity provider would be: its own login and consent pages, any login
  // name accepted; people in the kb-admins group are the dashboard's admins.
  const oidc = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${siteUrl}/reports/sso/callback`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    pkce: { required: () => true },
    // Lifetimes set, as a deployed provider has them (the defaults print a notice each).
    ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
    cookies: { keys: ['test-provider-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({
        sub: `user-${id}`,
        email: id,
        email_verified: true,
        name: `Person ${id.split('@')[0]}`,
        groups: id.startsWith('lead@') ? ['kb-admins', 'staff'] : ['staff'],
      }),
    }),
  });
  provider = createServer(oidc.callback());
  await new Promise<void>((done) => provider.listen(providerPort, '127.0.0.1', done));
  site = await serveSite(
    fixtureSite(),
    {
      KB_DB_PATH: await freshDatabase(),
      KB_OIDC_ISSUER: issuer,
      KB_OIDC_CLIENT_ID: CLIENT.id,
      KB_OIDC_CLIENT_SECRET: CLIENT.secret,
      KB_OIDC_NAME: 'Example SSO',
      KB_OIDC_ALLOWED_DOMAINS: 'example.com',
      KB_OIDC_ROLE_MAP: 'kb-admins=admin',
    },
    { port: sitePort },
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.stop();
  provider?.close();
});

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: site.url })).newPage();
  page.setDefaultTimeout(8_000);
  return page;
}

/** From the dashboard's sign-in page through the provider's login and consent pages, back to the dashboard. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.goto('/reports');
  await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a person of an allowed domain signs in at the provider, gets the mapped role, and signs out', async () => {
  const page = await newPage();
  await signInAtProvider(page, 'lead@example.com');
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await expect.poll(() => page.getByRole('navigation', { name: 'Your account' }).textContent()).toContain('lead@example.com (admin)');
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(/\/reports\/login$/);
  await page.goto('/reports/team');
  expect(new URL(page.url()).pathname).toBe('/reports/login');

  // Signed in at the provider already, the next sign-in goes straight through, back to the page that was asked for.
  await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
  await page.getByRole('heading', { level: 1, name: 'Team' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/reports/team');
});

test('a person without a mapping gets the default role; an address of another domain is refused', async () => {
  const viewer = await newPage();
  await signInAtProvider(viewer, 'val@example.com');
  await viewer.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await expect.poll(() => viewer.getByRole('navigation', { name: 'Your account' }).textContent()).toContain('val@example.com (viewer)');

  const outsider = await newPage();
  const answers: number[] = [];
  outsider.on('response', (r) => r.url().includes('/reports/sso/callback') && answers.push(r.status()));
  await signInAtProvider(outsider, 'mallory@elsewhere.org');
  await expect.poll(() => outsider.getByRole('alert').textContent()).toContain('elsewhere.org is not a domain allowed to sign in here');
  expect(answers).toEqual([403]);
  await outsider.goto('/reports');
  expect(new URL(outsider.url()).pathname).toBe('/reports/login');

  const lead = await newPage();
  await signInAtProvider(lead, 'lead@example.com');
  // The callback page moves on to the dashboard by itself: arrive there before going elsewhere.
  await lead.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await lead.goto('/reports/team');
  const rows = await lead.getByRole('region', { name: 'Audit log' }).locator('tbody tr').allInnerTexts();
  const entries = rows.map((r) =>
    r
      .split('\t')
      .slice(1, 4)
      .map((c) => c.trim()),
  );
  expect(entries).toContainEqual(['single sign-on', 'invite', 'val@example.com']);
  expect(entries).toContainEqual(['val@example.com', 'sign-in', '']);
  expect(entries).toContainEqual(['mallory@elsewhere.org', 'sign-in-failed', '']);
  expect(rows.find((r) => r.includes('mallory@elsewhere.org'))).toContain('single sign-on: elsewhere.org is not a domain allowed');
  expect(rows.filter((r) => r.includes('\tlead@example.com\tsign-in\t'))).toHaveLength(3);
});
