import SqliteDatabase from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { join } from 'node:path';
import { launchBrowser, READER_USER_AGENT } from '../helpers/browser.ts';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { freshDatabase } from '../helpers/reliability-site.ts';
import { buildSite, freePort, ROOT, scratchDir, serveSite, type RunningSite } from '../helpers/site-build.ts';

const ARTICLE = 'how-do-i-reset-my-password';

let site: RunningSite;
let api: RunningSite;
let apiDb: string;
let siteDb: string;
let browser: Browser;

beforeAll(async () => {
  // The API's address is known before the build, as a deployment's would be.
  const apiPort = await freePort();
  const built = buildSite(join(ROOT, 'test/fixtures/exported'), scratchDir('cross-origin'), { KB_API_URL: `http://127.0.0.1:${apiPort}` });
  if (built.status !== 0) throw new Error(built.output);
  [siteDb, apiDb] = await Promise.all([freshDatabase(), freshDatabase()]);
  // The static half on one origin (served here by our server, as a CDN would serve the files), the API on another.
  site = await serveSite(built.dist, { KB_DB_PATH: siteDb });
  api = await serveSite(fixtureSite(), { KB_DB_PATH: apiDb, KB_CORS_ORIGINS: site.url }, { port: apiPort });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([site?.stop(), api?.stop()]);
});

const views = (path: string) => {
  const db = new SqliteDatabase(path, { readonly: true });
  try {
    return db.prepare('select count(*) from events where type = 1').pluck().get() as number;
  } finally {
    db.close();
  }
};

test('a site served from another origin sends its readers’ events to the API named at build, which allows that origin', async () => {
  const context = await browser.newContext({ userAgent: READER_USER_AGENT });
  const page = await context.newPage();
  const refused: string[] = [];
  page.on('console', (m) => /CORS|Access-Control/i.test(m.text()) && refused.push(m.text()));
  const delivered = page.waitForResponse((r) => r.url() === `${api.url}/api/events` && r.request().method() === 'POST', {
    timeout: 20_000,
  });
  await page.goto(`${site.url}/articles/${ARTICLE}/`);
  expect((await delivered).status()).toBe(202);
  expect(refused).toEqual([]);
  expect(views(apiDb)).toBe(1);
  expect(views(siteDb)).toBe(0);
  await context.close();
});

test('the API lets only the allowed origins read its answers', async () => {
  const ask = (origin: string) =>
    fetch(`${api.url}/api/events`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
  const allowed = await ask(site.url);
  expect(allowed.status).toBe(204);
  expect(allowed.headers.get('access-control-allow-origin')).toBe(site.url);
  expect(allowed.headers.get('access-control-allow-methods')).toBe('POST');
  const other = await ask('https://elsewhere.example');
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
  const post = await fetch(`${api.url}/api/events`, {
    method: 'POST',
    headers: { Origin: 'https://elsewhere.example', 'Content-Type': 'application/json', 'User-Agent': READER_USER_AGENT },
    body: '{"events":[]}',
  });
  expect(post.headers.get('access-control-allow-origin')).toBeNull();
  expect(post.headers.get('vary')).toMatch(/Origin/);
});
