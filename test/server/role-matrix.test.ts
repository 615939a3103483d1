import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDb, type Store } from '../../db/client.ts';
import { ROLES, type Role } from '../../src/domain/roles.ts';
import { REPORTS } from '../../src/schemas/report-params.ts';
import { Team } from '../../src/server/team.ts';
import { csrfOf, freshSite, signIn, type FreshSite } from '../helpers/reliability-site.ts';
import { ROOT } from '../helpers/site-build.ts';

const ARTICLE = 'how-do-i-reset-my-password';
const TOKEN = 'role-matrix-token-0123456789abcdef';

/** Every dashboard page and reports API route, with the least role that may read it: the matrix the test walks. */
const PAGES: Record<string, Role> = {
  '/reports': 'viewer',
  '/reports/deflection': 'viewer',
  '/reports/ratings': 'viewer',
  '/reports/friction': 'viewer',
  '/reports/search': 'viewer',
  '/reports/content': 'viewer',
  '/reports/tutorials': 'viewer',
  '/reports/definitions': 'viewer',
  [`/reports/articles/${ARTICLE}`]: 'viewer',
  '/reports/account': 'viewer',
  '/reports/inbox': 'viewer',
  '/reports/team': 'admin',
};
const API: Record<string, Role> = Object.fromEntries(
  REPORTS.map((r) => [`/api/reports/${r === 'article' ? `article/${ARTICLE}` : r}`, 'viewer' as Role]),
);
/** Pages anyone may open: the ways in. */
const OPEN = ['/reports/login', '/reports/welcome', '/reports/logout', '/reports/sso', '/reports/sso/callback'];

let fresh: FreshSite;
let store: Store;
const who: Record<Role | 'admin token', { Cookie: string } | { Authorization: string }> = {} as never;

beforeAll(async () => {
  fresh = await freshSite({ KB_ADMIN_TOKEN: TOKEN });
  store = createDb(fresh.dbPath);
  const team = new Team(store.db);
  for (const role of ROLES) {
    const person = await team.add({ email: `${role}@example.com`, role });
    who[role] = { Cookie: `kb_admin=${await team.startSession(person.id)}` };
  }
  who['admin token'] = { Cookie: await signIn(fresh.site.url, TOKEN) };
});
afterAll(async () => {
  await store?.close();
  await fresh?.site.stop();
});

const request = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${fresh.site.url}${path}`, { method, headers, redirect: 'manual' });

test('every page under /reports and every reports API route is in the matrix', () => {
  const routes = (dir: string) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(astro|ts)$/.test(f))
      .map((f) => `/${relative('src/pages', join(dir, f))}`.replace(/\.(astro|ts)$/, '').replace(/\/index$/, ''));
  const pages = routes('src/pages/reports').map((r) => r.replace('[slug]', ARTICLE));
  expect(pages.sort()).toEqual([...Object.keys(PAGES), ...OPEN].sort());
  expect(routes('src/pages/api/reports')).toEqual(['/api/reports/[...path]']);
  expect(routes('src/pages/api/feedback')).toEqual(['/api/feedback/[id]']);
});

test('each route answers each role as the matrix says: 401 or the sign-in to nobody, 403 to a role below, 200 to the rest', async () => {
  const answers: string[] = [];
  const expected: string[] = [];
  for (const [path, needed] of [...Object.entries(PAGES), ...Object.entries(API)]) {
    const api = path.startsWith('/api/');
    const nobody = await request(path);
    answers.push(`${path} nobody ${nobody.status}`);
    expected.push(`${path} nobody ${api ? 401 : 303}`);
    for (const role of [...ROLES, 'admin token'] as const) {
      const allowed = role === 'admin token' || ROLES.indexOf(role) >= ROLES.indexOf(needed);
      answers.push(`${path} ${role} ${(await request(path, who[role])).status}`);
      expected.push(`${path} ${role} ${allowed ? 200 : 403}`);
    }
  }
  expect(answers).toEqual(expected);
});

test('a personal token reads with its owner’s role, and a refused API request says which role it needs', async () => {
  const team = new Team(store.db);
  const viewer = (await team.byEmail('viewer@example.com'))!;
  const token = await team.createToken(viewer.id, 'matrix');
  expect((await request('/api/reports/overview', { Authorization: `Bearer ${token}` })).status).toBe(200);
  expect((await request('/api/reports/overview', { Authorization: 'Bearer not-a-token-of-anybody' })).status).toBe(401);
  const refused = await request('/reports/team', who.viewer);
  expect(refused.status).toBe(403);
  expect(await refused.text()).toContain('needs the <strong>admin</strong> role; yours is <strong>viewer</strong>');
});

test('a change to the team is refused to viewers and editors, and to an admin without the form’s token', async () => {
  const invite = (headers: Record<string, string>, csrf?: string) =>
    fetch(`${fresh.site.url}/reports/team`, {
      method: 'POST',
      body: new URLSearchParams({ ...(csrf ? { _csrf: csrf } : {}), action: 'invite', email: 'new@example.com', role: 'viewer' }),
      headers: { ...headers, Origin: fresh.site.url },
      redirect: 'manual',
    });
  for (const role of ['viewer', 'editor'] as const) {
    const cookie = (who[role] as { Cookie: string }).Cookie;
    expect((await invite(who[role] as Record<string, string>, await csrfOf(fresh.site.url, cookie))).status).toBe(403);
  }
  const admin = who.admin as { Cookie: string };
  expect((await invite(admin)).status).toBe(403);
  expect((await invite(admin, 'a-token-of-another-session')).status).toBe(403);
  expect(await new Team(store.db).byEmail('new@example.com')).toBeUndefined();
  const done = await invite(admin, await csrfOf(fresh.site.url, admin.Cookie));
  expect(done.status).toBe(200);
  expect(await done.text()).toMatch(/Invited new@example\.com as viewer[\s\S]*\/reports\/welcome\?code=[\w-]{43}/);
});

test('triaging feedback needs an editor: the inbox form and PATCH /api/feedback/<id>, for nobody and each role', async () => {
  const answers: string[] = [];
  for (const role of [undefined, ...ROLES] as const) {
    const headers = role ? (who[role] as Record<string, string>) : {};
    const csrf = role ? await csrfOf(fresh.site.url, headers.Cookie!) : 'none';
    const patch = await fetch(`${fresh.site.url}/api/feedback/999999`, {
      method: 'PATCH',
      body: JSON.stringify({ status: 'done' }),
      headers: { ...headers, 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Origin: fresh.site.url },
    });
    const form = await fetch(`${fresh.site.url}/reports/inbox`, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: csrf, ids: '999999', status: 'done' }),
      headers: { ...headers, Origin: fresh.site.url },
      redirect: 'manual',
    });
    answers.push(`${role ?? 'nobody'} ${patch.status} ${form.status}`);
  }
  // Allowed, an editor's change of an item that does not exist is a 404 by the API and a 400 on the page.
  expect(answers).toEqual(['nobody 401 303', 'viewer 403 403', 'editor 404 400', 'admin 404 400']);
});
