import SqliteDatabase from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, READER_USER_AGENT } from '../helpers/browser.ts';
import { freshSite, type FreshSite } from '../helpers/reliability-site.ts';

const ARTICLE = 'how-do-i-reset-my-password';

let fresh: FreshSite;
let browser: Browser;

beforeAll(async () => {
  fresh = await freshSite();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await fresh?.site.stop();
});

test('the tracker keeps events the store refused and delivers them, once, when it recovers, without the reader leaving the page', async () => {
  const locker = new SqliteDatabase(fresh.dbPath);
  const context = await browser.newContext({ baseURL: fresh.site.url, userAgent: READER_USER_AGENT });
  const page = await context.newPage();
  const isEvents = (url: string) => new URL(url).pathname === '/api/events';
  try {
    // Another process holds the write lock: the server waits its busy timeout, then answers 503.
    locker.exec('BEGIN EXCLUSIVE');
    const refused = page.waitForResponse((r) => isEvents(r.url()) && r.status() === 503, { timeout: 30_000 });
    await page.goto(`/articles/${ARTICLE}/`);
    await refused;
    const outbox = await page.evaluate(() => JSON.parse(localStorage.getItem('kb-outbox') ?? '[]'));
    expect(outbox).toEqual([expect.objectContaining({ type: 'view', article: ARTICLE })]);
  } finally {
    locker.exec('ROLLBACK');
    locker.close();
  }
  await page.waitForResponse((r) => isEvents(r.url()) && r.status() === 202, { timeout: 30_000 });
  expect(await page.evaluate(() => localStorage.getItem('kb-outbox'))).toBeNull();

  const db = new SqliteDatabase(fresh.dbPath, { readonly: true });
  try {
    const views = db
      .prepare('select count(*) from events e join articles a on a.id = e.article_id where e.type = 1 and a.slug = ?')
      .pluck()
      .get(ARTICLE);
    expect(views).toBe(1);
  } finally {
    db.close();
  }
  await context.close();
}, 90_000);
