import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { freshDatabase } from '../helpers/reliability-site.ts';
import { newSession } from '../helpers/events-client.ts';
import { serveSite, type RunningSite } from '../helpers/site-build.ts';

const ARTICLE = 'how-do-i-reset-my-password';
const ORIGIN = 'https://help.example.com';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

let site: RunningSite;
let db: SqliteDatabase.Database;

beforeAll(async () => {
  const path = await freshDatabase('lantern-route-');
  site = await serveSite(fixtureSite(), { KB_DB_PATH: path, KB_CORS_ORIGINS: ORIGIN });
  db = new SqliteDatabase(path, { readonly: true });
});
afterAll(async () => {
  db?.close();
  await site?.stop();
});

interface Sent {
  body: string | ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
}

/** What a client sees of an answer: status, the headers the contract names, and the JSON body. */
async function answer(path: string, { body, headers = {} }: Sent) {
  const response = await fetch(`${site.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': BROWSER, ...headers },
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as RequestInit);
  const named = ['content-type', 'cache-control', 'retry-after', 'vary', 'access-control-allow-origin', 'x-content-type-options'];
  return {
    status: response.status,
    headers: Object.fromEntries(named.map((h) => [h, response.headers.get(h)])),
    body: await response.json(),
  };
}

const batch = (...events: object[]) => JSON.stringify({ events });
const view = () => batch({ type: 'view', session: newSession(), article: ARTICLE });
const storedSessions = (key: string) => db.prepare('select count(*) from sessions where key = ?').pluck().get(key);

/** A body sent in pieces without a length, so only counting the bytes as they arrive can refuse it. */
const streamed = (bytes: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let sent = 0; sent < bytes; sent += 8192) controller.enqueue(new TextEncoder().encode('x'.repeat(8192)));
      controller.close();
    },
  });

describe("the server's own route for POST /api/events", () => {
  const cases: [string, () => Sent][] = [
    ['a valid batch', () => ({ body: view() })],
    [
      'a batch sent as text/plain from an allowed origin',
      () => ({ body: view(), headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: ORIGIN } }),
    ],
    ['a batch from an origin not allowed', () => ({ body: view(), headers: { Origin: 'https://elsewhere.example' } })],
    ['a known bot', () => ({ body: view(), headers: { 'User-Agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' } })],
    ['invalid JSON', () => ({ body: '{"events": [' })],
    [
      'an invalid event',
      () => ({
        body: batch(
          { type: 'view', session: newSession(), article: 'no-such-article' },
          { type: 'search', session: 'short', query: 'x', results: -1 },
        ),
      }),
    ],
    ['a form post', () => ({ body: 'events=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })],
    [
      'a declared length over 64 KiB',
      () => ({ body: batch({ type: 'feedback', session: newSession(), article: ARTICLE, vote: 'up', comment: 'x'.repeat(70 * 1024) }) }),
    ],
    ['an undeclared length over 64 KiB', () => ({ body: streamed(80 * 1024) })],
  ];

  test.each(cases)('answers %s exactly as the Astro endpoint does', async (_, make) => {
    const [own, astro] = [await answer('/api/events', make()), await answer('/api/events/', make())];
    expect(own).toEqual(astro);
  });

  test('stores a batch it accepts before answering 202, as the Astro endpoint does', async () => {
    const [first, second] = [newSession(), newSession()];
    const own = await answer('/api/events', {
      body: batch({ type: 'view', session: first, article: ARTICLE }, { type: 'search', session: first, query: 'reset', results: 2 }),
    });
    const astro = await answer('/api/events/', {
      body: batch({ type: 'view', session: second, article: ARTICLE }, { type: 'search', session: second, query: 'reset', results: 2 }),
    });
    expect([own.status, own.body, astro.status, astro.body]).toEqual([202, { accepted: 2 }, 202, { accepted: 2 }]);
    expect([storedSessions(first), storedSessions(second)]).toEqual([1, 1]);
  });

  test('keeps the connection usable after refusing a body that was too large', async () => {
    expect((await answer('/api/events', { body: streamed(200 * 1024) })).status).toBe(413);
    expect((await answer('/api/events', { body: view() })).status).toBe(202);
  });
});
