import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, READER_USER_AGENT } from '../helpers/browser.ts';
import { sampleSite } from '../helpers/sample-site.ts';
import { serveSite, type RunningSite } from '../helpers/site-build.ts';
import { createDb } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';

let site: RunningSite;
let browser: Browser;
let db: SqliteDatabase.Database;

beforeAll(async () => {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'lantern-tracking-')), 'kb.sqlite');
  const store = createDb(dbPath);
  await migrateToLatest(store.db);
  await store.close();
  site = await serveSite(sampleSite(), { KB_DB_PATH: dbPath });
  browser = await launchBrowser();
  db = new SqliteDatabase(dbPath, { readonly: true });
});
afterAll(async () => {
  db?.close();
  await browser?.close();
  await site?.stop();
});

const rows = (sql: string) => db.prepare(sql).all();

test('records a view, a down vote with its reason and comment, and the contact that followed, once each', async () => {
  const context = await browser.newContext({ baseURL: site.url, userAgent: READER_USER_AGENT });
  await context.route('https://ledgerly.example/**', (route) => route.fulfill({ body: 'support form' }));
  const page = await context.newPage();
  await page.goto('/articles/bank-feed-stopped-updating/');
  const no = page.getByRole('button', { name: 'No' });
  await no.click();
  expect(await no.getAttribute('aria-pressed')).toBe('true');
  await page.getByRole('radio', { name: 'The product does not work as described' }).check();
  await page.getByRole('textbox', { name: 'What were you looking for? (optional)' }).fill('It still says BANK_CONSENT_EXPIRED');
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await page.getByText('Thank you for your feedback.').waitFor();
  await Promise.all([page.waitForURL('https://ledgerly.example/**'), page.getByRole('link', { name: 'Contact support' }).first().click()]);
  await expect
    .poll(() =>
      rows(
        "select type, n1, n2 from events e join articles a on a.id = e.article_id where a.slug = 'bank-feed-stopped-updating' order by e.id",
      ),
    )
    .toEqual([
      { type: 1, n1: null, n2: null },
      { type: 4, n1: 0, n2: null },
      { type: 4, n1: 0, n2: 4 },
      { type: 5, n1: null, n2: null },
    ]);
  expect(rows('select vote, reason, comment from comments')).toEqual([
    { vote: 'down', reason: 'product_issue', comment: 'It still says BANK_CONSENT_EXPIRED' },
  ]);
  expect(rows('select vote, reason, escalated from session_articles')).toEqual([{ vote: 'down', reason: 'product_issue', escalated: 1 }]);
  await context.close();
});

test('records a settled search once and the opened second result with its position', async () => {
  const context = await browser.newContext({ baseURL: site.url, userAgent: READER_USER_AGENT });
  const page = await context.newPage();
  await page.goto('/');
  const box = page.getByRole('combobox', { name: 'Search the help center' });
  await box.pressSequentially('recurring', { delay: 60 });
  await page.waitForTimeout(1200); // the reader pauses: the search settles
  const second = page.getByRole('option').nth(1);
  const slug = await second.getAttribute('data-slug');
  await Promise.all([page.waitForURL(`**/${slug}/`), second.click()]);
  await expect
    .poll(() =>
      rows(
        "select e.type, q.text as query, e.n1 from events e join queries q on q.id = e.query_id where q.text = 'recurring' order by e.id",
      ),
    )
    .toEqual([
      { type: 2, query: 'recurring', n1: expect.any(Number) },
      { type: 3, query: 'recurring', n1: 2 },
    ]);
  const clicked = rows('select a.slug from events e join articles a on a.id = e.article_id where e.type = 3') as { slug: string }[];
  expect(clicked).toEqual([{ slug }]);
  await context.close();
});

test('records a misspelt search with the query typed and, apart, the correction whose results the reader saw', async () => {
  const context = await browser.newContext({ baseURL: site.url, userAgent: READER_USER_AGENT });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Search the help center' }).pressSequentially('pasword reset', { delay: 60 });
  await page.locator('#header-search [data-search-correction]').waitFor();
  const recorded = () =>
    rows(
      `select typed.text as typed, e.n1 as typed_results, corrected.text as corrected, e.n2 as shown from events e
         join queries typed on typed.id = e.query_id join queries corrected on corrected.id = e.corrected_query_id where e.type = 2`,
    ) as { typed: string; typed_results: number; corrected: string; shown: number }[];
  // The reader pauses: the search settles, and the tracker sends it on its timer.
  await expect.poll(recorded, { timeout: 8000 }).toHaveLength(1);
  const [search] = recorded();
  expect(search).toMatchObject({ typed: 'pasword reset', corrected: 'password reset' });
  expect(search!.shown).toBeGreaterThan(0);
  expect(rows('select searches from query_correction_daily')).toEqual([{ searches: 1 }]);
  // The reader saw articles: not a zero-result search, whatever the words as typed found.
  expect(
    rows("select q.text, d.zero_results from query_daily d join queries q on q.id = d.query_id where q.text = 'pasword reset'"),
  ).toEqual([{ text: 'pasword reset', zero_results: 0 }]);
  await context.close();
});
