import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import { freshSite, type FreshSite } from '../helpers/reliability-site.ts';

const TOKEN = 'team-e2e-token-0123456789abcdef0123';
const LEAD_PASSWORD = 'a lantern keeper writes long passphrases';
const VIEWER_PASSWORD = 'viewers read reports at dawn';

let fresh: FreshSite;
let browser: Browser;
beforeAll(async () => {
  fresh = await freshSite({ KB_ADMIN_TOKEN: TOKEN });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await fresh?.site.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: fresh.site.url });
  const page = await context.newPage();
  // A step that cannot happen fails with what it waited for, well before the test's own time limit.
  page.setDefaultTimeout(8_000);
  return page;
}

/** Invites someone from the team page and returns the one-time link the page shows. */
async function invite(page: Page, email: string, role: string): Promise<string> {
  await page.goto('/reports/team');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain(`Invited ${email} as ${role}`);
  return (await page.locator('.one-time-secret').textContent())!;
}

async function setPassword(page: Page, link: string, password: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('The same password again').fill(password);
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
}

const auditRows = async (page: Page) => {
  await page.goto('/reports/team');
  const rows = page.getByRole('region', { name: 'Audit log' }).locator('tbody tr');
  // Who, what, whom or which, detail (the time left out).
  return (await rows.allInnerTexts()).map((r) =>
    r
      .split('\t')
      .slice(1)
      .map((cell) => cell.trim()),
  );
};

test('the admin token lets the first admin in, who invites a viewer; the viewer sets a password, reads, is refused the team page, and is out once removed', async () => {
  const lead = await newPage();
  await lead.goto('/reports');
  await lead.getByText('Sign in with the admin token').click();
  await lead.getByLabel('Admin token').fill(TOKEN);
  await lead.getByRole('button', { name: 'Sign in with the token' }).click();
  await lead.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await setPassword(lead, await invite(lead, 'lead@example.com', 'admin'), LEAD_PASSWORD);
  await lead.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await expect.poll(() => lead.getByRole('navigation', { name: 'Your account' }).textContent()).toContain('lead@example.com (admin)');

  const link = await invite(lead, 'val@example.com', 'viewer');
  const viewer = await newPage();
  await setPassword(viewer, link, 'password1234');
  await expect.poll(() => viewer.getByRole('alert').textContent()).toContain('common passwords');
  await setPassword(viewer, link, VIEWER_PASSWORD);
  await viewer.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  // The link is used up.
  await viewer.goto(link);
  await viewer.getByRole('heading', { level: 1, name: 'This link does not work' }).waitFor();

  const refused = await viewer.goto('/reports/team');
  expect(refused?.status()).toBe(403);
  await viewer.getByRole('heading', { name: 'Not for your role' }).waitFor();
  expect(await viewer.getByRole('link', { name: 'Team' }).count()).toBe(0);

  await lead.goto('/reports/team');
  await lead.getByRole('button', { name: 'Remove val@example.com' }).click();
  await expect.poll(() => lead.getByRole('status').textContent()).toContain('Removed val@example.com');
  await viewer.goto('/reports');
  expect(new URL(viewer.url()).pathname).toBe('/reports/login');

  // Signing in again fails the same way as an unknown address would.
  await viewer.getByLabel('Email', { exact: true }).fill('val@example.com');
  await viewer.getByLabel('Password', { exact: true }).fill(VIEWER_PASSWORD);
  await viewer.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect.poll(() => viewer.getByRole('alert').textContent()).toContain('do not match an account');

  for (const path of ['/reports/team', '/reports/account']) {
    await lead.goto(path);
    expect(await axeViolations(lead), path).toEqual([]);
  }
  expect(await auditRows(lead)).toEqual([
    ['val@example.com', 'sign-in-failed', '', 'password'],
    ['lead@example.com', 'remove', 'val@example.com', ''],
    ['val@example.com', 'sign-in', '', 'password link'],
    ['val@example.com', 'password-set', '', ''],
    ['lead@example.com', 'invite', 'val@example.com', 'viewer'],
    ['lead@example.com', 'sign-in', '', 'password link'],
    ['lead@example.com', 'password-set', '', ''],
    ['admin token', 'invite', 'lead@example.com', 'admin'],
    ['admin token', 'sign-in', '', 'admin token'],
  ]);
});

test('a form posted to the dashboard from another page on the same host is refused, though the browser sends the cookie', async () => {
  const lead = await newPage();
  await lead.goto('/reports/login');
  await lead.getByLabel('Email', { exact: true }).fill('lead@example.com');
  await lead.getByLabel('Password', { exact: true }).fill(LEAD_PASSWORD);
  await lead.getByRole('button', { name: 'Sign in', exact: true }).click();
  await lead.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();

  // Another port of the same host is another origin but the same site: a SameSite=Strict cookie still goes along.
  const evil: Server = createServer((_, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end(`<form id="f" method="post" action="${fresh.site.url}/reports/team">
      <input name="action" value="invite"><input name="email" value="mallory@example.com"><input name="role" value="admin">
    </form><script>document.getElementById('f').submit()</script>`);
  });
  await new Promise<void>((done) => evil.listen(0, '127.0.0.1', done));
  try {
    const [response] = await Promise.all([
      lead.waitForResponse((r) => r.url().endsWith('/reports/team') && r.request().method() === 'POST'),
      lead.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`),
    ]);
    expect(await response.request().headerValue('cookie')).toMatch(/kb_admin=/);
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'cross-site-request' } });
  } finally {
    evil.close();
  }
  const team = await lead.goto('/reports/team');
  expect(team?.status()).toBe(200);
  expect(await lead.getByRole('region', { name: 'People' }).textContent()).not.toContain('mallory');
});
