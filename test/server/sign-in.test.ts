import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDb, type Store } from '../../db/client.ts';
import { AuditLog } from '../../src/server/audit-log.ts';
import { Team } from '../../src/server/team.ts';
import { freshSite, postForm, type FreshSite } from '../helpers/reliability-site.ts';

const PASSWORD = 'seven lanterns over the harbour';
let fresh: FreshSite;
let store: Store;
let team: Team;

beforeAll(async () => {
  fresh = await freshSite();
  store = createDb(fresh.dbPath);
  team = new Team(store.db);
  for (const email of ['ana@example.com', 'bo@example.com', 'cy@example.com']) {
    const person = await team.add({ email, role: 'viewer' });
    await team.setPassword(await team.passwordLink(person.id), PASSWORD);
  }
});
afterAll(async () => {
  await store?.close();
  await fresh?.site.stop();
});

const signIn = (email: string, password: string, from: string) =>
  fetch(`${fresh.site.url}/reports/login`, {
    method: 'POST',
    body: new URLSearchParams({ email, password }),
    headers: { 'X-Forwarded-For': from },
    redirect: 'manual',
  });
const cookieOf = (response: Response) => response.headers.getSetCookie()[0]!.split(';')[0]!;

test('a wrong password and an unknown address get the same answer', async () => {
  const [wrong, unknown] = [
    await signIn('ana@example.com', 'not the password at all', '198.51.100.1'),
    await signIn('zed@example.com', PASSWORD, '198.51.100.2'),
  ];
  expect([wrong.status, unknown.status]).toEqual([401, 401]);
  const alert = (html: string) => /role="alert"[^>]*>\s*([^<]+)/.exec(html)?.[1]?.trim();
  expect(alert(await wrong.text())).toBe(alert(await unknown.text()));
  const ok = await signIn('ana@example.com', PASSWORD, '198.51.100.3');
  expect(ok.status).toBe(303);
  expect(ok.headers.get('set-cookie')).toMatch(/^kb_admin=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict/);
});

test('sign-in attempts are limited per account, whatever the address, and per address, whatever the account', async () => {
  const perAccount = [];
  for (let i = 0; i < 6; i++) perAccount.push((await signIn('bo@example.com', 'wrong wrong wrong', `203.0.113.${i + 1}`)).status);
  expect(perAccount).toEqual([401, 401, 401, 401, 401, 429]);
  expect((await signIn('bo@example.com', PASSWORD, '203.0.113.50')).status).toBe(429);

  const perAddress = [];
  for (let i = 0; i < 6; i++) perAddress.push((await signIn(`nobody${i}@example.com`, 'wrong wrong wrong', '192.0.2.9')).status);
  expect(perAddress).toEqual([401, 401, 401, 401, 401, 429]);
  expect((await signIn('cy@example.com', PASSWORD, '192.0.2.9')).status).toBe(429);
  expect((await signIn('cy@example.com', PASSWORD, '192.0.2.10')).status).toBe(303);
});

test('signing out everywhere ends every session of the person; tokens and exports are in the audit log', async () => {
  const [one, two] = [
    cookieOf(await signIn('cy@example.com', PASSWORD, '192.0.2.20')),
    cookieOf(await signIn('cy@example.com', PASSWORD, '192.0.2.21')),
  ];
  expect(one).not.toBe(two);
  const created = await postForm(fresh.site.url, '/reports/account', one, { action: 'create-token', label: 'nightly export' });
  const token = /class="one-time-secret"[^>]*>([\w-]{43})</.exec(await created.text())?.[1];
  expect(token).toBeDefined();
  const csv = await fetch(`${fresh.site.url}/api/reports/overview?format=csv&from=2026-11-01&to=2026-11-28`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(csv.status).toBe(200);
  const [{ id }] = await team.tokens((await team.byEmail('cy@example.com'))!.id);
  expect((await postForm(fresh.site.url, '/reports/account', two, { action: 'revoke-token', token: String(id) })).status).toBe(200);
  expect((await fetch(`${fresh.site.url}/api/reports/overview`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);

  expect((await postForm(fresh.site.url, '/reports/account', one, { action: 'sign-out-everywhere' })).status).toBe(303);
  for (const cookie of [one, two])
    expect((await fetch(`${fresh.site.url}/reports`, { headers: { Cookie: cookie }, redirect: 'manual' })).status).toBe(303);

  const entries = (await new AuditLog(store.db).list()).filter((e) => e.actor === 'cy@example.com').map((e) => [e.action, e.target]);
  expect(entries.slice(0, 4)).toEqual([
    ['sign-out-everywhere', null],
    ['token-revoke', 'nightly export'],
    ['export', 'lantern-overview-metrics-2026-11-01-to-2026-11-28.csv'],
    ['token-create', 'nightly export'],
  ]);
});

test('a person turns their weekly digest off and on from their account, and the audit log says so', async () => {
  const cookie = cookieOf(await signIn('ana@example.com', PASSWORD, '192.0.2.30'));
  const ana = (await team.byEmail('ana@example.com'))!;
  expect(await team.wantsDigest(ana.id)).toBe(true);
  const off = await postForm(fresh.site.url, '/reports/account', cookie, { action: 'digest', digest: 'off' });
  expect(await off.text()).toContain('Your weekly digest is off.');
  expect(await team.wantsDigest(ana.id)).toBe(false);
  await postForm(fresh.site.url, '/reports/account', cookie, { action: 'digest', digest: 'on' });
  expect(await team.wantsDigest(ana.id)).toBe(true);
  const entries = (await new AuditLog(store.db).list()).filter((e) => e.actor === 'ana@example.com' && e.action === 'settings-change');
  expect(entries.map((e) => [e.target, e.detail])).toEqual([
    ['weekly digest', 'on'],
    ['weekly digest', 'off'],
  ]);
});
