import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { bootstrapAdminToken } from '../../src/cli/admin-bootstrap.ts';
import { parseEnv } from '../../src/schemas/env.ts';
import { REPORTS } from '../../src/schemas/report-params.ts';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { seed } from '../helpers/seed-events.ts';
import { serveSite, type RunningSite } from '../helpers/site-build.ts';

const ARTICLE = 'how-do-i-reset-my-password';
const TOKEN = 'test-admin-token-0123456789abcdef';
const ROUTES = REPORTS.map((r) => (r === 'article' ? `article/${ARTICLE}` : r));
const RANGE = 'from=2026-11-01&to=2026-11-30';

async function freshDatabase(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'lantern-reports-')), 'kb.sqlite');
  const store = createDb(path);
  await migrateToLatest(store.db);
  await seed(store, [
    { type: 'view', session: 'session-api-1', article: ARTICLE, at: '2026-11-10T10:00:00Z' },
    {
      type: 'feedback',
      session: 'session-api-1',
      article: ARTICLE,
      vote: 'down',
      reason: 'other',
      comment: '=HYPERLINK("http://example.com","click")',
      at: '2026-11-10T10:01:00Z',
    },
    { type: 'contact', session: 'session-api-1', article: ARTICLE, at: '2026-11-10T10:02:00Z' },
  ]);
  await store.close();
  return path;
}

const get = (site: RunningSite, path: string, headers: Record<string, string> = {}) =>
  fetch(`${site.url}/api/reports/${path}`, { headers, redirect: 'manual' });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('with KB_ADMIN_TOKEN set', () => {
  let site: RunningSite;
  beforeAll(async () => {
    site = await serveSite(fixtureSite(), { KB_DB_PATH: await freshDatabase(), KB_ADMIN_TOKEN: TOKEN });
  });
  afterAll(() => site?.stop());

  test.each(ROUTES)('answers 401 with the error envelope for %s without credentials or with a wrong token', async (route) => {
    for (const headers of [
      {} as Record<string, string>,
      bearer('wrong-token-wrong-token-wrong'),
      bearer(`${TOKEN}x`),
      { Authorization: TOKEN },
      { Cookie: 'kb_admin=forged' },
    ]) {
      const response = await get(site, `${route}?${RANGE}`, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
    }
  });

  test.each(ROUTES)('answers %s as JSON with the admin token', async (route) => {
    const response = await get(site, `${route}?${RANGE}`, bearer(TOKEN));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ report: route.split('/')[0], params: { from: '2026-11-01', to: '2026-11-30' } });
    expect(JSON.stringify(body)).not.toMatch(/NaN|Infinity/);
  });

  test('fills article titles and categories from the build, and counts the seeded reader', async () => {
    const body = await (await get(site, `article/${ARTICLE}?${RANGE}`, bearer(TOKEN))).json();
    expect(body.data).toMatchObject({ slug: ARTICLE, published: true, views: 1, escalations: 1, escalationRate: 1 });
    expect(body.data.title).toEqual(expect.any(String));
    expect(body.data.category).toEqual(expect.any(String));
  });

  test('exports a comment that starts with "=" as text a spreadsheet will not run', async () => {
    const response = await get(site, `article/${ARTICLE}?${RANGE}&format=csv&table=comments`, bearer(TOKEN));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="lantern-article-${ARTICLE}-comments-2026-11-01-to-2026-11-30.csv"`,
    );
    const [header, row] = (await response.text()).trimEnd().split('\r\n');
    expect(header).toBe('at,vote,reason,revision,comment');
    expect(row).toMatch(/,"'=HYPERLINK\(""http:\/\/example\.com"",""click""\)"$/);
  });

  test('names the bad parameter, the unknown report and the unknown table', async () => {
    const bad = await get(site, 'ratings?from=2026-13-01', bearer(TOKEN));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid-params', issues: [{ path: 'from' }] } });
    const unknownParam = await (await get(site, 'ratings?colour=red', bearer(TOKEN))).json();
    expect(unknownParam.error.issues[0].message).toMatch(/colour/);
    const table = await (await get(site, 'ratings?format=csv&table=nope', bearer(TOKEN))).json();
    expect(table.error.issues).toEqual([{ path: 'table', message: 'must be one of articles, categories, product-areas, revisions' }]);
    expect((await get(site, 'nope', bearer(TOKEN))).status).toBe(404);
    expect((await get(site, 'article/no-such-article', bearer(TOKEN))).status).toBe(404);
    expect((await get(site, 'article', bearer(TOKEN))).status).toBe(404);
  });
});

describe('without KB_ADMIN_TOKEN', () => {
  let site: RunningSite;
  let printed: string[];
  beforeAll(async () => {
    const dbPath = await freshDatabase();
    printed = [];
    const env = parseEnv({ KB_DB_PATH: dbPath, PORT: '4321' });
    expect(await bootstrapAdminToken(env, { log: (line) => printed.push(line) })).toBe(true);
    // A second start generates nothing and prints nothing.
    expect(await bootstrapAdminToken(env, { log: (line) => printed.push(`again: ${line}`) })).toBe(false);
    site = await serveSite(fixtureSite(), { KB_DB_PATH: dbPath, KB_ADMIN_TOKEN: '' });
  });
  afterAll(() => site?.stop());

  test('the first start prints a strong token once and stores only its hash', async () => {
    const token = printed.map((l) => l.trim()).find((l) => /^[A-Za-z0-9_-]{43}$/.test(l))!;
    expect(token).toBeDefined();
    expect(printed.some((l) => l.startsWith('again'))).toBe(false);
    expect((await get(site, `overview?${RANGE}`, bearer(token))).status).toBe(200);
    expect((await get(site, `overview?${RANGE}`, bearer(token.slice(0, -1)))).status).toBe(401);
  });

  test('the one-time login link opens a session once', async () => {
    const link = new URL(printed.join('\n').match(/http:\/\/\S+\/reports\/login\?code=\S+/)![0]);
    const url = `${site.url}${link.pathname}${link.search}`;
    const login = await fetch(url, { redirect: 'manual' });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^kb_admin=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect((await get(site, `overview?${RANGE}`, { Cookie: cookie.split(';')[0]! })).status).toBe(200);
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(401);
  });
});
