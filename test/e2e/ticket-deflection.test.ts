import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, READER_USER_AGENT } from '../helpers/browser.ts';
import { signedRequest } from '../helpers/help-desk-requests.ts';
import { freshDatabase } from '../helpers/reliability-site.ts';
import { sampleSite } from '../helpers/sample-site.ts';
import { serveSite, type RunningSite } from '../helpers/site-build.ts';

const SECRET = 'e2e-ticket-secret-0123456789abcdef';
const TOKEN = 'e2e-ticket-admin-token-0123456789abcdef';
const ARTICLE = 'bank-feed-stopped-updating';

let site: RunningSite;
let browser: Browser;
let db: SqliteDatabase.Database;

beforeAll(async () => {
  const dbPath = await freshDatabase('lantern-tickets-');
  site = await serveSite(sampleSite(), { KB_DB_PATH: dbPath, KB_TICKETS_SECRET_GENERIC: SECRET, KB_ADMIN_TOKEN: TOKEN });
  browser = await launchBrowser();
  db = new SqliteDatabase(dbPath, { readonly: true });
});
afterAll(async () => {
  db?.close();
  await browser?.close();
  await site?.stop();
});

test('a ticket filed with the reference from an article’s contact link is joined to the article the reader read', async () => {
  const context = await browser.newContext({ baseURL: site.url, userAgent: READER_USER_AGENT });
  const page = await context.newPage();
  await page.goto(`/articles/${ARTICLE}/`);
  const links = page.locator('a[data-contact-support]');
  await expect.poll(async () => (await links.first().getAttribute('href')) ?? '').toMatch(/lantern_ref=/);
  const hrefs = await links.evaluateAll((all) => all.map((a) => (a as HTMLAnchorElement).href));
  const refs = hrefs.map((href) => new URL(href).searchParams.get('lantern_ref'));
  // Every contact link on the page carries the same reference, and it is not the session id.
  expect(new Set(refs).size).toBe(1);
  const ref = refs[0]!;
  expect(ref).toMatch(/^[0-9a-z]{12}$/);
  const session = await page.evaluate(() => JSON.parse(sessionStorage.getItem('kb-session')!).id as string);
  expect(session).not.toContain(ref);
  // The view reaches the store (the tracker sends it after a moment's pause).
  await expect.poll(() => db.prepare('select count(*) as n from sessions where ref = ?').get(ref), { timeout: 10_000 }).toEqual({ n: 1 });

  // Before any ticket, the dashboard says deflection counts clicks, and that the generic webhook waits for one.
  const dashboard = await browser.newPage({ baseURL: site.url });
  await dashboard.goto('/reports/deflection');
  await dashboard.getByText('Sign in with the admin token').click();
  await dashboard.getByLabel('Admin token').fill(TOKEN);
  await dashboard.getByRole('button', { name: 'Sign in with the token' }).click();
  await dashboard.getByRole('heading', { level: 1, name: 'Deflection' }).waitFor();
  const notice = dashboard.getByRole('region', { name: 'Count real tickets, not only clicks' });
  expect(await notice.textContent()).toContain('Ticket webhooks are switched on for generic, and no ticket has arrived yet');
  expect(await axeViolations(dashboard)).toEqual([]);

  // The help desk's contact form kept the reference; its webhook reports the new ticket.
  const body = JSON.stringify({ id: 'HD-1', ref, created_at: new Date().toISOString(), tags: ['bank-feed'] });
  const { headers, path } = signedRequest('generic', body, SECRET, Date.now());
  const response = await fetch(`${site.url}${path}`, { method: 'POST', headers, body });
  expect(response.status).toBe(202);

  expect(
    db
      .prepare(
        `select a.slug, t.external_id from tickets t join ticket_reads r on r.ticket_id = t.id join articles a on a.id = r.article_id`,
      )
      .all(),
  ).toEqual([{ slug: ARTICLE, external_id: 'HD-1' }]);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const range = `from=${day(Date.now() - 86_400_000)}&to=${day(Date.now())}`;
  const report = await fetch(`${site.url}/api/reports/article/${ARTICLE}?${range}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  expect((await report.json()).data).toMatchObject({ viewSessions: 1, escalations: 0, ticketSessions: 1, ticketRate: 1 });

  // The dashboard now shows tickets beside clicks, with their sample sizes.
  await dashboard.goto('/reports/deflection');
  expect(await dashboard.getByRole('region', { name: 'Count real tickets, not only clicks' }).count()).toBe(0);
  expect(await dashboard.locator('.kpi', { hasText: 'Ticket deflection rate' }).textContent()).toContain('1 of 1 sessions filed a ticket');
  expect(await dashboard.getByRole('img', { name: 'Ticket deflection rate per day' }).count()).toBe(1);
  await dashboard.goto(`/reports/articles/${ARTICLE}`);
  expect(await dashboard.locator('.kpi', { hasText: 'Tickets after reading' }).textContent()).toContain(
    '1 of 1 readers filed a ticket within a day',
  );
  expect(await axeViolations(dashboard)).toEqual([]);
  await dashboard.close();
  await context.close();
});
