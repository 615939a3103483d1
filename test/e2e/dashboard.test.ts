import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { readManifest } from '../../src/cli/cli-exit.ts';
import { servedSearchTerms, simulateDays } from '../../src/demo/simulate-history.ts';
import { loadDemoHistory } from '../../src/demo/load-demo.ts';
import { syncCatalog, syncTicketTags } from '../../src/analytics/sync-catalog.ts';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import { sampleSite } from '../helpers/sample-site.ts';
import { ROOT, serveSite, type RunningSite } from '../helpers/site-build.ts';

const TOKEN = 'dashboard-test-token-0123456789abcdef';
const SCREENSHOTS = join(ROOT, 'test-results', 'dashboard');
const PAGES = [
  ['overview', '/reports'],
  ['deflection', '/reports/deflection'],
  ['ratings', '/reports/ratings'],
  ['friction', '/reports/friction'],
  ['search', '/reports/search'],
  ['content', '/reports/content'],
  ['tutorials', '/reports/tutorials'],
  ['article', '/reports/articles/bank-feed-stopped-updating'],
  ['definitions', '/reports/definitions'],
] as const;

const HISTORY_DAYS = 60;
const TODAY = new Date().toISOString().slice(0, 10);

let site: RunningSite;
let browser: Browser;

beforeAll(async () => {
  const dist = sampleSite();
  const dbPath = join(mkdtempSync(join(tmpdir(), 'lantern-dashboard-')), 'kb.sqlite');
  const store = createDb(dbPath);
  await migrateToLatest(store.db);
  const manifest = readManifest(dist);
  // The demo history ending today, so the dashboard's default range (the last 28 days) shows it.
  const history = { days: HISTORY_DAYS, end: TODAY, seed: 7, sessionsPerDay: 200 };
  for (const { day, terms } of servedSearchTerms(manifest, history)) await syncCatalog(store.db, manifest.articles, terms, day);
  await syncTicketTags(store.db, manifest.ticket_tags);
  // With the help desk's tickets: every page shows clicks and tickets side by side.
  await loadDemoHistory(store, simulateDays(manifest, history));
  await store.close();
  site = await serveSite(dist, { KB_DB_PATH: dbPath, KB_ADMIN_TOKEN: TOKEN, KB_TRUST_PROXY: '1' });
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

async function signedIn(
  options: { colorScheme?: 'light' | 'dark'; javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: site.url,
    acceptDownloads: true,
    ...options,
    extraHTTPHeaders: { 'X-Forwarded-For': `192.0.2.${Math.floor(Math.random() * 250)}` },
  });
  const page = await context.newPage();
  await page.goto('/reports');
  await page.getByText('Sign in with the admin token').click();
  await page.getByLabel('Admin token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in with the token' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  return { context, page };
}

test('refuses a wrong token and keeps the reports behind the login', async () => {
  const context = await browser.newContext({ baseURL: site.url, extraHTTPHeaders: { 'X-Forwarded-For': '192.0.2.251' } });
  const page = await context.newPage();
  await page.goto('/reports/friction');
  expect(new URL(page.url()).pathname).toBe('/reports/login');
  await page.getByText('Sign in with the admin token').click();
  await page.getByLabel('Admin token').fill('not-the-token-not-the-token');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Sign in with the token' }).click(),
  ]);
  expect(response.status()).toBe(401);
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('not the admin token');
  expect((await fetch(`${site.url}/reports/ratings`, { method: 'HEAD', redirect: 'manual' })).status).toBe(303);
  await context.close();
});

test('limits login attempts per address', async () => {
  const attempt = () =>
    fetch(`${site.url}/reports/login`, {
      method: 'POST',
      body: new URLSearchParams({ token: 'wrong-wrong-wrong-wrong-wrong' }),
      headers: { 'X-Forwarded-For': '198.51.100.77' },
    });
  const statuses = [];
  for (let i = 0; i < 7; i++) statuses.push((await attempt()).status);
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(statuses.slice(5)).toEqual([429, 429]);
});

test('signs in, shows the overview with its change, and keeps a new range in the URL', async () => {
  const { context, page } = await signedIn();
  const tile = page.locator('.kpi', { hasText: 'Deflection rate' }).first();
  await expect.poll(() => tile.locator('.kpi-value').textContent()).toMatch(/^\d+\.\d%$/);
  expect(await tile.locator('.kpi-previous').textContent()).toMatch(/^vs \d+\.\d% before$/);
  // The demo's help desk sent tickets: the ticket-based rate stands beside the click-based one.
  const tickets = page.locator('.kpi', { hasText: 'Ticket deflection rate' });
  expect(await tickets.locator('.kpi-value').textContent()).toMatch(/^\d+\.\d%$/);
  expect(await tickets.textContent()).toMatch(/[\d,]+ of [\d,]+ sessions filed a ticket/);
  await expect.poll(() => page.getByRole('img', { name: 'Help-center sessions per day' }).count()).toBe(1);
  await page.getByRole('link', { name: '7 days' }).click();
  await page.waitForURL(/from=\d{4}-\d{2}-\d{2}&to=/);
  expect(await page.getByRole('link', { name: '7 days' }).getAttribute('aria-current')).toBe('true');
  await page.getByRole('link', { name: 'Ratings', exact: true }).click();
  // The navigation keeps the chosen range.
  expect(page.url()).toMatch(/\/reports\/ratings\?from=\d{4}-\d{2}-\d{2}&to=/);
  await context.close();
});

test('follows a friction flag to the article drill-down and its comments', async () => {
  const { context, page } = await signedIn();
  await page.getByRole('link', { name: 'Friction', exact: true }).click();
  const content = page.locator('section', { has: page.getByRole('heading', { name: /Content friction/ }) });
  const first = content.locator('.flag').first();
  expect(await first.locator('.evidence').textContent()).toMatch(/helpful \d+% \[\d+–\d+%\] n=\d+/);
  await first.getByRole('heading').getByRole('link').click();
  await page.getByRole('heading', { name: /What readers wrote/ }).waitFor();
  expect(page.url()).toMatch(/\/reports\/articles\/[a-z0-9-]+/);
  expect(await page.locator('.comments li').count()).toBeGreaterThan(0);
  await context.close();
});

test('exports a table as CSV with the same filters', async () => {
  const { context, page } = await signedIn();
  await page.goto('/reports/ratings?product_area=invoices');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).first().click()]);
  expect(download.suggestedFilename()).toMatch(/^lantern-ratings-articles-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^slug,title,category,product_area,up,down,n,helpfulness,lower,upper/);
  expect(lines.slice(1).every((l) => l.includes(',invoices,'))).toBe(true);
  await context.close();
});

test('shows the line that closes a search gap, and the gap the alias closed half-way through the history', async () => {
  const { context, page } = await signedIn();
  const from = new Date(Date.parse(TODAY) - (HISTORY_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  await page.goto(`/reports/search?from=${from}&to=${TODAY}`);
  const fixes = page.getByRole('region', { name: /Closing the gaps/ });
  const closed = fixes.locator('tr', { hasText: 'alias “close my account”' });
  expect(await closed.locator('code').textContent()).toMatch(/^aliases: \["close (my )?account"\]$/);
  expect(await closed.locator('td').last().textContent()).toBe('closed');
  // A missing topic: the new article's title line, in the file it would go in.
  const payroll = fixes.locator('tr', { hasText: 'content/articles/payroll-taxes.mdx' });
  expect(await payroll.locator('code').textContent()).toBe('title: "Payroll taxes"');
  const corrections = page.getByRole('region', { name: 'Misspelt searches answered by a correction' });
  expect(await corrections.locator('tbody tr').count()).toBeGreaterThan(2);
  await context.close();
});

test('shows a comment with markup as text, and runs none of it', async () => {
  const { context, page } = await signedIn();
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await page.goto('/reports/articles/reset-your-password');
  const comment = page.locator('.comments blockquote', { hasText: '<script>alert("x")</script>' });
  await expect.poll(() => comment.count()).toBe(1);
  expect(await page.locator('.comments script').count()).toBe(0);
  expect(dialogs).toBe(0);
  await context.close();
});

test('reads without JavaScript: charts are server-drawn SVG with a text alternative', async () => {
  const { context, page } = await signedIn({ javaScriptEnabled: false });
  const figure = page.locator('figure.chart').first();
  expect(await figure.locator('svg[role="img"] title').count()).toBe(1);
  expect(await figure.locator('figcaption').textContent()).toMatch(/\d/);
  await context.close();
});

test("opens the definitions from the navigation, and a number's definition link lands on its anchor, without JavaScript", async () => {
  const { context, page } = await signedIn({ javaScriptEnabled: false });
  await page.getByRole('link', { name: 'Definitions', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Definitions' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/reports/definitions');
  await page.goto('/reports');
  await page.locator('.kpi', { hasText: 'Deflection rate' }).first().getByRole('link', { name: 'Definition of deflection rate' }).click();
  await page.waitForURL(/\/reports\/definitions#deflection-rate$/);
  expect(await page.locator('#deflection-rate').textContent()).toContain('(KB sessions − escalated KB sessions) / KB sessions');
  await page.goto('/reports/ratings');
  await page.locator('th').getByRole('link', { name: 'Definition of helpfulness' }).first().click();
  await page.waitForURL(/#helpfulness$/);
  expect(await page.locator('#helpfulness dt').textContent()).toBe('Helpfulness');
  await context.close();
});

test('links every number on every page to a definition that exists', async () => {
  const { context, page } = await signedIn();
  const targets = new Set<string>();
  for (const [, path] of PAGES) {
    await page.goto(path);
    for (const href of await page.locator('a.def-link').evaluateAll((links) => links.map((a) => a.getAttribute('href')!)))
      targets.add(href);
  }
  expect(targets.size).toBeGreaterThan(20);
  await page.goto('/reports/definitions');
  const anchors = new Set(await page.locator('.definition[id]').evaluateAll((items) => items.map((d) => `/reports/definitions#${d.id}`)));
  expect([...targets].filter((href) => !anchors.has(href))).toEqual([]);
  await context.close();
});

describe('every dashboard page', () => {
  test.each(PAGES)('%s has no axe-core violations in light and dark mode, sends a strict CSP, and is screenshotted', async (name, path) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context, page } = await signedIn({ colorScheme });
      const blocked: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
      });
      const response = (await page.goto(path))!;
      expect(response.status()).toBe(200);
      const headers = response.headers();
      expect(headers['content-security-policy']).toMatch(
        /^default-src 'self'; script-src 'self'( 'sha256-[^']+')*; style-src 'self'( 'sha256-[^']+')*;.*frame-ancestors 'none'$/,
      );
      expect(headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(headers['x-robots-tag']).toBe('noindex, nofollow');
      expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex, nofollow');
      expect(await axeViolations(page)).toEqual([]);
      expect(blocked).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${colorScheme}.png`), fullPage: true });
      await context.close();
    }
  });
});

test('logs out: the session cookie no longer opens the reports', async () => {
  const { context, page } = await signedIn();
  const [cookie] = await context.cookies();
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(/\/reports\/login/);
  const after = await fetch(`${site.url}/api/reports/overview`, { headers: { Cookie: `${cookie!.name}=${cookie!.value}` } });
  expect(after.status).toBe(401);
  await context.close();
});
