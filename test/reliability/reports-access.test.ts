import SqliteDatabase from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { AdminAuth } from '../../src/server/admin-auth.ts';
import { REPORTS } from '../../src/schemas/report-params.ts';
import { parseCsv } from '../helpers/csv-parse.ts';
import { newSession, postEvents } from '../helpers/events-client.ts';
import { freshSite, postForm, signIn, type FreshSite } from '../helpers/reliability-site.ts';

const ARTICLE = 'how-do-i-reset-my-password';
const TOKEN = 'access-test-token-0123456789abcdef';
const API = REPORTS.map((r) => `/api/reports/${r === 'article' ? `article/${ARTICLE}` : r}`);
const DASHBOARD = [
  '/reports',
  '/reports/deflection',
  '/reports/ratings',
  '/reports/friction',
  '/reports/search',
  '/reports/content',
  '/reports/tutorials',
  '/reports/definitions',
  `/reports/articles/${ARTICLE}`,
];
const PUBLIC = ['/', `/articles/${ARTICLE}/`, '/search/', '/no-such-page', '/reports/login'];
const MARKUP = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

let fresh: FreshSite;
let writer: SqliteDatabase.Database;

beforeAll(async () => {
  fresh = await freshSite({ KB_ADMIN_TOKEN: TOKEN, KB_RATE_LIMIT_PER_MINUTE: '1000000' });
  writer = new SqliteDatabase(fresh.dbPath);
  const session = newSession();
  const response = await postEvents(fresh.site.url, [
    { type: 'view', session, article: ARTICLE },
    { type: 'feedback', session, article: ARTICLE, vote: 'down', reason: 'unclear', comment: MARKUP },
  ]);
  expect(response.status).toBe(202);
});
afterAll(async () => {
  writer?.close();
  await fresh?.site.stop();
});

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${fresh.site.url}${path}`, { method, headers, redirect: 'manual' });

/** Refused: the API with 401, a dashboard page with a redirect to the login, for every method. */
async function expectRefused(headers: Record<string, string>): Promise<void> {
  for (const path of API) expect((await get(path, headers)).status, `${path} ${JSON.stringify(headers)}`).toBe(401);
  for (const path of DASHBOARD) {
    for (const method of ['GET', 'HEAD', 'POST']) {
      const response = await get(path, headers, method);
      expect(response.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(303);
      expect(response.headers.get('location')).toMatch(/^\/reports\/login\?next=/);
    }
  }
}

async function expectAllowed(headers: Record<string, string>): Promise<void> {
  for (const path of [...API, ...DASHBOARD]) expect((await get(path, headers)).status, path).toBe(200);
}

describe('every report route and dashboard page', () => {
  test('refuses missing and wrong credentials', async () => {
    await expectRefused({});
    await expectRefused({ Authorization: 'Bearer wrong-token-wrong-token-wrong' });
    await expectRefused({ Authorization: `Bearer ${TOKEN.slice(0, -1)}` });
    await expectRefused({ Authorization: TOKEN });
    await expectRefused({ Cookie: `kb_admin=${TOKEN}` });
  });

  test('refuses a tampered or forged session cookie', async () => {
    const cookie = await signIn(fresh.site.url, TOKEN);
    await expectAllowed({ Cookie: cookie });
    const last = cookie.at(-1) === 'A' ? 'B' : 'A';
    await expectRefused({ Cookie: `${cookie.slice(0, -1)}${last}` });
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 64 }), async (value) => {
        const response = await get('/api/reports/overview', { Cookie: `kb_admin=${encodeURIComponent(value)}` });
        expect(response.status).toBe(401);
      }),
      { numRuns: 50 },
    );
  });

  test('refuses an expired session and a signed-out one', async () => {
    const expiring = await signIn(fresh.site.url, TOKEN);
    const out = await signIn(fresh.site.url, TOKEN);
    await expectAllowed({ Cookie: expiring });
    writer.prepare("update admin_credentials set expires_at = ? where kind = 'session'").run(Date.now() - 1);
    await expectRefused({ Cookie: expiring });
    const current = await signIn(fresh.site.url, TOKEN);
    // Signing out changes state: without the session's CSRF token it is refused.
    expect((await get('/reports/logout', { Cookie: current }, 'POST')).status).toBe(403);
    await expectAllowed({ Cookie: current });
    expect((await postForm(fresh.site.url, '/reports/logout', current, {})).status).toBe(303);
    await expectRefused({ Cookie: current });
    await expectRefused({ Cookie: out });
  });

  test('accepts a one-time login link once, and never once it has expired', async () => {
    const store = createDb(fresh.dbPath);
    try {
      const auth = new AdminAuth(store.db, TOKEN);
      const live = await auth.issue('login', 60_000);
      const stale = await auth.issue('login', 60_000);
      writer
        .prepare(
          "update admin_credentials set expires_at = ? where kind = 'login' and hash = (select hash from admin_credentials where kind = 'login' order by id desc limit 1)",
        )
        .run(Date.now() - 1);
      expect((await get(`/reports/login?code=${stale}`)).status).toBe(401);
      const first = await get(`/reports/login?code=${live}`);
      expect(first.status).toBe(303);
      expect((await get(`/reports/login?code=${live}`)).status).toBe(401);
    } finally {
      await store.close();
    }
  });

  test('limits sign-in attempts per address', async () => {
    const attempt = (from: string) =>
      fetch(`${fresh.site.url}/reports/login`, {
        method: 'POST',
        body: new URLSearchParams({ token: 'not-it-not-it-not-it-not-it' }),
        headers: { 'X-Forwarded-For': from },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await attempt('203.0.113.99')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    // Even the right token is refused while the address is limited; another address may still sign in.
    expect(
      (
        await fetch(`${fresh.site.url}/reports/login`, {
          method: 'POST',
          body: new URLSearchParams({ token: TOKEN }),
          headers: { 'X-Forwarded-For': '203.0.113.99' },
          redirect: 'manual',
        })
      ).status,
    ).toBe(429);
    expect((await attempt('203.0.113.100')).status).toBe(401);
  });
});

describe('what customers wrote', () => {
  test('renders as text on every dashboard page', async () => {
    const cookie = await signIn(fresh.site.url, TOKEN);
    let shown = 0;
    for (const path of DASHBOARD) {
      const html = await (await get(path, { Cookie: cookie })).text();
      expect(html, path).not.toContain('<img src=x');
      expect(html, path).not.toContain('<script>alert');
      if (html.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;')) shown++;
    }
    expect(shown).toBeGreaterThan(0);
  });

  test('cannot inject a spreadsheet formula through a CSV export', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '=+', ' ='), fc.string({ maxLength: 40 }), async (lead, rest) => {
        const comment = `${lead}${rest}`;
        fc.pre(comment.trim().length > 0);
        const session = newSession();
        expect(
          (await postEvents(fresh.site.url, [{ type: 'feedback', session, article: ARTICLE, vote: 'down', reason: 'other', comment }]))
            .status,
        ).toBe(202);
        const response = await get(`/api/reports/article/${ARTICLE}?format=csv&table=comments`, { Authorization: `Bearer ${TOKEN}` });
        expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
        const [header, ...rows] = parseCsv(await response.text());
        const cells = rows.map((row) => row[header!.indexOf('comment')]!);
        expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
        // The comment is there, neutralized by a leading apostrophe when it would start a formula.
        const stored = comment.trim();
        expect(cells).toContain(/^[=+\-@]/.test(stored) ? `'${stored}` : stored);
      }),
      { numRuns: 25 },
    );
  });
});

describe('security headers', () => {
  test('are on every dashboard page and report route: a strict CSP, nosniff, a referrer policy, no framing', async () => {
    const cookie = await signIn(fresh.site.url, TOKEN);
    for (const path of [...DASHBOARD, ...API, '/reports/login']) {
      const response = await get(path, { Cookie: cookie });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/frame-ancestors 'none'/);
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(csp, path).toMatch(/default-src '(self|none)'/);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(response.headers.get('x-robots-tag'), path).toMatch(/noindex/);
    }
  });

  test('are on the public help center pages and the events API too', async () => {
    const responses = [...(await Promise.all(PUBLIC.map((p) => get(p)))), await postEvents(fresh.site.url, [])];
    for (const response of responses) {
      expect(response.headers.get('content-security-policy'), response.url).toMatch(/frame-ancestors '(self|none)'/);
      expect(response.headers.get('x-content-type-options'), response.url).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), response.url).toMatch(/origin/);
    }
  });
});
