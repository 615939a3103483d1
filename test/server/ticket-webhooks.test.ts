import SqliteDatabase from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDb, type Store } from '../../db/client.ts';
import { getDeflection } from '../../src/analytics/deflection.ts';
import { syncTicketTags } from '../../src/analytics/sync-catalog.ts';
import { utcDay } from '../../src/domain/utc-day.ts';
import { HELP_DESK_NAMES, type HelpDeskName } from '../../src/help-desks/help-desks.ts';
import { postEvents } from '../helpers/events-client.ts';
import { signedRequest } from '../helpers/help-desk-requests.ts';
import { freshSite, rowCounts, type FreshSite } from '../helpers/reliability-site.ts';
import { ROOT } from '../helpers/site-build.ts';

const TOKEN = 'ticket-webhooks-token-0123456789abcdef';
const SECRET = '5f0c1e9a7b3d4e2f8a6c0b1d9e7f3a5c';
const A = 'how-do-i-reset-my-password';
const B = 'run-the-agent-custom-port-v2';
const FIXTURE_REF = '4k2m9x0p7q1z';
const FIXTURE_TIME = /2026-03-04T10:15(?::00)?Z/g;
const FIXTURE_SECONDS = /1772619300/g;

let fresh: FreshSite;
let store: Store;
const t0 = Date.now() - 3 * 60 * 60 * 1000;
const at = (minutes: number) => t0 + minutes * 60_000;
const range = `from=${utcDay(t0 - 86_400_000)}&to=${utcDay(Date.now())}`;

/** A provider's documented "ticket created" payload, carrying `ref` and created at `time` instead of the fixture's. */
function fixtureBody(provider: HelpDeskName, ref: string | null, time: number): string {
  const text = readFileSync(join(ROOT, `test/fixtures/help-desks/${provider}.json`), 'utf8');
  return text
    .replaceAll(`"${FIXTURE_REF}"`, ref === null ? 'null' : `"${ref}"`)
    .replace(FIXTURE_TIME, new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .replace(FIXTURE_SECONDS, String(Math.floor(time / 1000)));
}

function deliver(provider: HelpDeskName, body: string, secret = SECRET): Promise<Response> {
  const { headers, path } = signedRequest(provider, body, secret, Date.now());
  return fetch(`${fresh.site.url}${path}`, { method: 'POST', headers, body });
}

const ref = (n: number) => `ref${String(n).padStart(9, '0')}`;
const view = (n: number, article: string, minute: number) => ({
  type: 'view',
  session: `session-${n}`,
  ref: ref(n),
  article,
  ts: at(minute),
});
const contact = (n: number, article: string, minute: number) => ({
  type: 'contact',
  session: `session-${n}`,
  ref: ref(n),
  article,
  ts: at(minute),
});
const search = (n: number, query: string, results: number, minute: number) => ({
  type: 'search',
  session: `session-${n}`,
  ref: ref(n),
  query,
  results,
  ts: at(minute),
});

// Ten help-center sessions. 1–6 file a ticket, each through another help desk: 1, 3 and 6 after clicking "Contact
// support", 2, 4 and 5 without clicking. 7 and 8 click and never file; 9 and 10 neither.
const READING = [
  view(1, A, 0),
  contact(1, A, 2),
  search(2, 'agent port', 0, 5),
  view(2, B, 6),
  view(3, A, 10),
  contact(3, A, 12),
  view(4, B, 15),
  view(5, A, 20),
  search(6, 'reset password', 3, 25),
  view(6, A, 26),
  contact(6, A, 28),
  view(7, A, 30),
  contact(7, A, 31),
  view(8, B, 35),
  contact(8, B, 36),
  view(9, A, 40),
  search(10, 'agent port', 0, 45),
];
const FILED_BY: Record<HelpDeskName, { session: number; minute: number }> = {
  generic: { session: 1, minute: 4 },
  zendesk: { session: 2, minute: 9 },
  freshdesk: { session: 3, minute: 14 },
  helpscout: { session: 4, minute: 17 },
  intercom: { session: 5, minute: 23 },
  chatwoot: { session: 6, minute: 30 },
};

beforeAll(async () => {
  const secrets = Object.fromEntries(HELP_DESK_NAMES.map((name) => [`KB_TICKETS_SECRET_${name.toUpperCase()}`, SECRET]));
  fresh = await freshSite({ KB_ADMIN_TOKEN: TOKEN, ...secrets });
  store = createDb(fresh.dbPath);
  expect((await postEvents(fresh.site.url, READING)).status).toBe(202);
});
afterAll(async () => {
  await store?.close();
  await fresh?.site.stop();
});

const report = async (path: string) => {
  const response = await fetch(`${fresh.site.url}/api/reports/${path}${path.includes('?') ? '&' : '?'}${range}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()).data;
};

test('each help desk’s documented webhook is verified, stored once and joined to the session its reference names', async () => {
  for (const provider of HELP_DESK_NAMES) {
    const { session, minute } = FILED_BY[provider];
    const response = await deliver(provider, fixtureBody(provider, ref(session), at(minute)));
    expect(response.status, provider).toBe(202);
    expect(await response.json(), provider).toEqual({ duplicate: false });
  }
  // The same ticket again (a help desk retries when it misses an answer): acknowledged, counted once.
  const again = await deliver('generic', fixtureBody('generic', ref(1), at(4)));
  expect(again.status).toBe(202);
  expect(await again.json()).toEqual({ duplicate: true });
  // A ticket from outside the help center (no reference), and one whose reference no session has.
  const outside = JSON.stringify({ id: 'T-2', ref: null, created_at: new Date(at(50)).toISOString(), tags: ['export'] });
  expect((await deliver('generic', outside)).status).toBe(202);
  const unknown = JSON.stringify({ id: 'T-3', ref: 'zzzzzzzzzzzz', created_at: new Date(at(51)).toISOString(), tags: [] });
  expect((await deliver('generic', unknown)).status).toBe(202);

  const joined = await store.db
    .selectFrom('tickets as t')
    .leftJoin('sessions as s', 's.id', 't.session_id')
    .select(['t.provider', 't.external_id', 't.ref', 't.created_at', 's.ref as session_ref'])
    .orderBy('t.id')
    .execute();
  expect(joined.map((t) => [t.provider, t.external_id, t.ref, t.session_ref])).toEqual(
    [
      ['zendesk', '35436', ref(2), ref(2)],
      ['freshdesk', '4711', ref(3), ref(3)],
      ['helpscout', '2391938111', ref(4), ref(4)],
      ['intercom', '147000213', ref(5), ref(5)],
      ['chatwoot', '1287', ref(6), ref(6)],
      ['generic', 'T-10482', ref(1), ref(1)],
      ['generic', 'T-2', null, null],
      ['generic', 'T-3', 'zzzzzzzzzzzz', null],
    ].sort((a, b) => HELP_DESK_NAMES.indexOf(a[0] as HelpDeskName) - HELP_DESK_NAMES.indexOf(b[0] as HelpDeskName)),
  );
});

test('a forged signature is 401 and a bad body 400, and neither stores anything', async () => {
  const sqlite = new SqliteDatabase(fresh.dbPath, { readonly: true });
  const before = rowCounts(sqlite);
  const body = JSON.stringify({ id: 'T-9', ref: ref(9), created_at: new Date(at(41)).toISOString(), tags: [] });
  const forged = await deliver('generic', body, 'not-the-secret-not-the-secret-00');
  expect(forged.status).toBe(401);
  expect(await forged.json()).toMatchObject({ error: { code: 'unauthorized' } });
  for (const provider of ['zendesk', 'intercom', 'helpscout', 'chatwoot'] as const) {
    expect((await deliver(provider, fixtureBody(provider, ref(9), at(41)), 'not-the-secret-not-the-secret-00')).status).toBe(401);
  }
  const wrongPath = await fetch(`${fresh.site.url}/api/tickets/freshdesk/not-the-secret`, {
    method: 'POST',
    body: fixtureBody('freshdesk', ref(9), at(41)),
  });
  expect(wrongPath.status).toBe(401);
  const bad = await deliver('generic', JSON.stringify({ id: 'T-9', ref: ref(9), created_at: 'yesterday', tags: [] }));
  expect(bad.status).toBe(400);
  expect(await bad.json()).toMatchObject({ error: { code: 'invalid-ticket', issues: [{ path: 'created_at' }] } });
  expect(rowCounts(sqlite)).toEqual(before);
  sqlite.close();
});

test('the deflection report counts tickets beside clicks, with the numbers worked out by hand', async () => {
  const d = await report('deflection');
  // 10 KB sessions; 5 clicked (1, 3, 6, 7, 8); 6 filed (1–6).
  expect(d.summary).toEqual({
    kbSessions: 10,
    escalatedSessions: 5,
    deflectionRate: 0.5,
    selfServiceScore: 2,
    confirmedDeflections: 0,
    ticketSessions: 6,
    ticketDeflectionRate: 0.4,
    ticketSelfServiceScore: 10 / 6,
  });
  expect(d.tickets.counts).toEqual({ tickets: 8, afterReading: 6, withoutReference: 1, unmatchedReference: 1, anyEver: true });
  expect(d.tickets.clicksAndTickets).toEqual({ clickedAndFiled: 3, clickedNotFiled: 2, filedWithoutClicking: 3 });
  // A was read by 1, 3, 5, 6, 7, 9 (4 escalated: 1, 3, 6, 7; 4 filed: 1, 3, 5, 6); B by 2, 4, 8 (8 clicked; 2 and 4 filed).
  expect(d.articles).toEqual([
    { slug: A, viewSessions: 6, escalatedSessions: 4, escalationRate: 4 / 6, ticketSessions: 4, ticketRate: 4 / 6 },
    { slug: B, viewSessions: 3, escalatedSessions: 1, escalationRate: 1 / 3, ticketSessions: 2, ticketRate: 2 / 3 },
  ]);
  // "agent port" was searched by 2 (filed) and 10 (did not); "reset password" by 6 (filed).
  expect(d.tickets.queries).toEqual([
    { query: 'agent port', searches: 2, ticketSessions: 1 },
    { query: 'reset password', searches: 1, ticketSessions: 1 },
  ]);
  // The fixture site maps no tag to a product area.
  expect(d.tickets.productAreas).toEqual([{ productArea: null, tickets: 8 }]);
});

test('ticket tags map to product areas as content/ticket-tags.json says', async () => {
  await syncTicketTags(store.db, { billing: 'payments' });
  const { tickets } = await getDeflection(store.db, { from: utcDay(t0 - 86_400_000), to: utcDay(Date.now()) });
  // Every provider's fixture is tagged billing and export; T-2 only export, T-3 nothing.
  expect(tickets.productAreas).toEqual([
    { productArea: 'payments', tickets: 6 },
    { productArea: null, tickets: 2 },
  ]);
});

test('the article drill-down and the overview show tickets after reading, with their sample sizes', async () => {
  const article = await report(`article/${A}`);
  expect(article).toMatchObject({ viewSessions: 6, escalations: 4, ticketSessions: 4, ticketRate: 4 / 6 });
  const overview = await report('overview');
  expect(overview.ticketSessions).toMatchObject({ value: 6 });
  expect(overview.ticketDeflectionRate).toMatchObject({ value: 0.4 });
});

test('the request log names the Freshdesk webhook without the secret in its path', () => {
  const lines = fresh.site
    .output()
    .split('\n')
    .filter((line) => line.includes('/api/tickets/freshdesk'));
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).not.toContain(SECRET);
  expect(lines.some((line) => line.includes('"path":"/api/tickets/freshdesk/…"'))).toBe(true);
});

test('nothing about the person who wrote a ticket is kept: no name, email, subject or message', async () => {
  const files = ['', '-wal'].map((suffix) => {
    try {
      return readFileSync(`${fresh.dbPath}${suffix}`).toString('latin1');
    } catch {
      return '';
    }
  });
  const text = files.join('');
  for (const provider of HELP_DESK_NAMES) {
    const body = JSON.parse(fixtureBody(provider, ref(1), at(0)));
    const personal = JSON.stringify(body).match(/[\w.+-]+@[\w-]+\.[\w.]+/g) ?? [];
    expect(personal.length, `${provider}'s fixture names someone`).toBeGreaterThan(0);
    for (const email of personal) expect(text.includes(email), `${provider}: ${email}`).toBe(false);
  }
});
