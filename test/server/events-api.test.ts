import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStore, type EventStore } from '../../db/client.ts';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { serveSite, type RunningSite } from '../helpers/site-build.ts';
import { newSession, postEvents, postRaw } from '../helpers/events-client.ts';
import { storeRollupMismatches } from '../helpers/rollup-consistency.ts';
import { freshTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const ARTICLE = 'how-do-i-reset-my-password';
const OTHER = 'run-the-agent-custom-port-v2';
const TUTORIAL = 'first-steps';

let site: RunningSite;
let db: TestDatabase;
let manifest: { articles: Record<string, { revision: string }> };

beforeAll(async () => {
  const dist = fixtureSite();
  manifest = JSON.parse(await (await import('node:fs/promises')).readFile(join(dist, 'client/kb-manifest.json'), 'utf8'));
  db = await freshTestDatabase();
  site = await serveSite(dist, { ...db.env, KB_TRUST_PROXY: '1', KB_RATE_LIMIT_PER_MINUTE: '60' });
});
afterAll(async () => {
  await site?.stop();
  await db?.close();
});

const count = async (table: string) => (await db.get<{ n: number }>(`select count(*) as n from ${table}`))!.n;
const sessionRow = (key: string) => db.get<Record<string, number>>('select * from sessions where key = ?', key);
const eventsOf = (key: string) =>
  db.all(
    `select e.type, a.slug as article, r.revision, q.text as query, e.n1, e.n2, e.ts from events e
     join sessions s on s.id = e.session_id left join articles a on a.id = e.article_id
     left join revisions r on r.id = e.revision_id left join queries q on q.id = e.query_id
     where s.key = ? order by e.id`,
    key,
  );

describe('accepted events', () => {
  test('stores a query and a comment holding a NUL character with U+FFFD in its place, on either store', async () => {
    const session = newSession();
    const response = await postEvents(site.url, [
      { type: 'search', session, query: 'nul\u0000byte', results: 1 },
      { type: 'feedback', session, article: ARTICLE, vote: 'down', comment: 'a \u0000 b' },
    ]);
    expect(response.status).toBe(202);
    const store: EventStore = openStore({ url: db.env.KB_DATABASE_URL, path: db.env.KB_DB_PATH ?? '' });
    try {
      expect(await store.db.selectFrom('queries').select('text').where('text', 'like', 'nul%').execute()).toEqual([
        { text: 'nul\uFFFDbyte' },
      ]);
      expect(await store.db.selectFrom('comments').select('comment').where('comment', 'like', 'a %').execute()).toEqual([
        { comment: 'a \uFFFD b' },
      ]);
    } finally {
      await store.close();
    }
  });

  test('stores each event type with its fields and answers 202 with the count', async () => {
    const session = newSession();
    const response = await postEvents(site.url, [
      { type: 'view', session, article: ARTICLE },
      { type: 'search', session, query: '  Reset   PASSWORD ', results: 3 },
      { type: 'search_click', session, query: 'reset password', article: ARTICLE, position: 2 },
      { type: 'feedback', session, article: ARTICLE, vote: 'down', reason: 'unclear', comment: 'Step 2 is confusing' },
      { type: 'contact', session, article: ARTICLE },
      { type: 'tutorial_step', session, article: TUTORIAL, step: 1, steps: 2 },
    ]);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 6 });
    const revision = manifest.articles[ARTICLE]!.revision;
    expect(((await eventsOf(session)) as { ts: number }[]).map(({ ts, ...rest }) => rest)).toEqual([
      { type: 1, article: ARTICLE, revision, query: null, n1: null, n2: null },
      { type: 2, article: null, revision: null, query: 'reset password', n1: 3, n2: null },
      { type: 3, article: ARTICLE, revision, query: 'reset password', n1: 2, n2: null },
      { type: 4, article: ARTICLE, revision, query: null, n1: 0, n2: 2 },
      { type: 5, article: ARTICLE, revision, query: null, n1: null, n2: null },
      { type: 6, article: TUTORIAL, revision: manifest.articles[TUTORIAL]!.revision, query: null, n1: 1, n2: 2 },
    ]);
    expect(
      await db.get('select comment, vote, reason from comments c join sessions s on s.id = c.session_id where s.key = ?', session),
    ).toEqual({
      comment: 'Step 2 is confusing',
      vote: 'down',
      reason: 'unclear',
    });
  });

  test('counts the article and the query as escalated when the contact came after them', async () => {
    const session = newSession();
    await postEvents(site.url, [
      { type: 'search', session, query: 'escalation probe', results: 1 },
      { type: 'view', session, article: OTHER },
      { type: 'contact', session },
    ]);
    const row = (await db.get<{ escalated: number }>(
      'select sa.escalated from session_articles sa join sessions s on s.id = sa.session_id where s.key = ?',
      session,
    ))!;
    expect(row.escalated).toBe(1);
    const q = await db.get("select escalated from query_daily qd join queries q on q.id = qd.query_id where q.text = 'escalation probe'");
    expect(q).toEqual({ escalated: 1 });
    expect(await sessionRow(session)).toMatchObject({ views: 1, searches: 1, contacts: 1 });
  });

  test('replaces a missing, future or day-old client time with the server time', async () => {
    const session = newSession();
    const before = Date.now();
    const past = before - 60 * 60 * 1000;
    await postEvents(site.url, [
      { type: 'view', session, article: ARTICLE, ts: before + 10 * 60 * 1000 },
      { type: 'view', session, article: OTHER, ts: past },
      { type: 'search', session, query: 'old', results: 1, ts: before - 3 * 24 * 60 * 60 * 1000 },
    ]);
    const [future, recent, old] = (await eventsOf(session)) as { ts: number }[];
    expect(future!.ts).toBeGreaterThanOrEqual(before);
    expect(future!.ts).toBeLessThanOrEqual(Date.now());
    expect(recent!.ts).toBe(past);
    expect(old!.ts).toBeGreaterThanOrEqual(before);
  });

  test('accepts a batch sent by sendBeacon as text/plain', async () => {
    const session = newSession();
    const response = await postRaw(site.url, JSON.stringify({ events: [{ type: 'view', session, article: ARTICLE }] }), {
      contentType: 'text/plain;charset=UTF-8',
    });
    expect(response.status).toBe(202);
    expect(await eventsOf(session)).toHaveLength(1);
  });
});

describe('deduplication', () => {
  test('counts a repeated view of the same article in the same session within 30 minutes once', async () => {
    const session = newSession();
    const t = Date.now() - 80 * 60 * 1000;
    await postEvents(site.url, [
      { type: 'view', session, article: ARTICLE, ts: t },
      { type: 'view', session, article: ARTICLE, ts: t + 10 * 60 * 1000 },
    ]);
    await postEvents(site.url, [{ type: 'view', session, article: ARTICLE, ts: t + 25 * 60 * 1000 }]);
    expect(await eventsOf(session)).toHaveLength(1);
    await postEvents(site.url, [{ type: 'view', session, article: ARTICLE, ts: t + 56 * 60 * 1000 }]);
    expect(await eventsOf(session)).toHaveLength(2);
  });

  test('keeps one vote per session per article: a later vote replaces the earlier one, comments stay with theirs', async () => {
    const session = newSession();
    const before = (await db.get(
      'select coalesce(sum(up), 0) as up, coalesce(sum(down), 0) as down from article_daily a join articles x on x.id = a.article_id where x.slug = ?',
      OTHER,
    )) as { up: number; down: number };
    await postEvents(site.url, [
      { type: 'feedback', session, article: OTHER, vote: 'down', reason: 'outdated', comment: 'Menu names changed' },
    ]);
    await postEvents(site.url, [{ type: 'feedback', session, article: OTHER, vote: 'up', comment: 'Found it after all' }]);
    const after = (await db.get(
      'select sum(up) as up, sum(down) as down, sum(outdated) as outdated from article_daily a join articles x on x.id = a.article_id where x.slug = ?',
      OTHER,
    )) as { up: number; down: number; outdated: number };
    expect(after.up - before.up).toBe(1);
    expect(after.down - before.down).toBe(0);
    expect(after.outdated).toBe(0);
    const comments = await db.all(
      'select vote, reason, comment from comments c join sessions s on s.id = c.session_id where s.key = ? order by c.id',
      session,
    );
    expect(comments).toEqual([
      { vote: 'down', reason: 'outdated', comment: 'Menu names changed' },
      { vote: 'up', reason: null, comment: 'Found it after all' },
    ]);
  });

  test('counts the same query settled twice in a session as one search', async () => {
    const session = newSession();
    await postEvents(site.url, [
      { type: 'search', session, query: 'twice probe', results: 0 },
      { type: 'search', session, query: 'Twice  probe', results: 0 },
    ]);
    expect(
      await db.get("select searches, zero_results from query_daily qd join queries q on q.id = qd.query_id where q.text = 'twice probe'"),
    ).toEqual({ searches: 1, zero_results: 1 });
  });
});

describe('rejected batches', () => {
  async function rejected(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    return body.error;
  }

  test('rejects invalid JSON with 400', async () => {
    const before = await count('events');
    await rejected(await postRaw(site.url, '{"events": ['), 400, 'invalid-json');
    expect(await count('events')).toBe(before);
  });

  test('rejects the whole batch when one event is invalid, naming the event index and field', async () => {
    const session = newSession();
    const before = await count('events');
    const error = await rejected(
      await postEvents(site.url, [
        { type: 'view', session, article: ARTICLE },
        { type: 'search', session, query: '   ', results: 1 },
        { type: 'feedback', session, article: ARTICLE, vote: 'meh' },
      ]),
      400,
      'invalid-event',
    );
    expect(error.issues!.map((i) => i.path)).toEqual(['events[1].query', 'events[2].vote']);
    expect(await count('events')).toBe(before);
    expect(await sessionRow(session)).toBeUndefined();
  });

  test('rejects an article the site did not publish', async () => {
    const error = await rejected(
      await postEvents(site.url, [{ type: 'view', session: newSession(), article: 'no-such-article' }]),
      400,
      'invalid-event',
    );
    expect(error.issues).toEqual([
      { path: 'events[0].article', message: 'no published article or tutorial has the slug "no-such-article"' },
    ]);
  });

  test('rejects a tutorial step on an article that is not a tutorial', async () => {
    const error = await rejected(
      await postEvents(site.url, [{ type: 'tutorial_step', session: newSession(), article: ARTICLE, step: 1, steps: 2 }]),
      400,
      'invalid-event',
    );
    expect(error.issues![0]!.path).toBe('events[0].article');
  });

  test('rejects an unknown event type, a bad session id and an empty batch', async () => {
    expect(
      (await rejected(await postEvents(site.url, [{ type: 'hover', session: newSession() }]), 400, 'invalid-event')).issues![0]!.path,
    ).toBe('events[0].type');
    expect(
      (await rejected(await postEvents(site.url, [{ type: 'view', session: 'short', article: ARTICLE }]), 400, 'invalid-event')).issues![0]!
        .path,
    ).toBe('events[0].session');
    expect((await rejected(await postEvents(site.url, []), 400, 'invalid-event')).issues![0]!.path).toBe('events');
  });

  test('rejects more than 50 events', async () => {
    const session = newSession();
    const events = Array.from({ length: 51 }, () => ({ type: 'view', session, article: ARTICLE }));
    await rejected(await postEvents(site.url, events), 400, 'invalid-event');
  });

  test('rejects a body over 64 KiB with 413', async () => {
    const before = await count('events');
    const comment = 'x'.repeat(70 * 1024);
    await rejected(
      await postEvents(site.url, [{ type: 'feedback', session: newSession(), article: ARTICLE, vote: 'up', comment }]),
      413,
      'payload-too-large',
    );
    expect(await count('events')).toBe(before);
  });

  test('rejects a body that is not JSON with 415', async () => {
    await rejected(
      await postRaw(site.url, 'events=1', { contentType: 'application/x-www-form-urlencoded' }),
      415,
      'unsupported-media-type',
    );
  });

  test('answers other methods with 405 and the allowed method', async () => {
    const response = await fetch(`${site.url}/api/events`);
    await rejected(response, 405, 'method-not-allowed');
    expect(response.headers.get('allow')).toBe('POST');
  });
});

describe('store failures', () => {
  test('answers 503 with Retry-After while another process holds the database locked, and 202 once it is free', async () => {
    const session = newSession();
    await db.whileLocked(async () => {
      const response = await postEvents(site.url, [{ type: 'view', session, article: ARTICLE }]);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('store-unavailable');
    });
    expect(await sessionRow(session)).toBeUndefined();
    expect((await postEvents(site.url, [{ type: 'view', session, article: ARTICLE }])).status).toBe(202);
    expect(await eventsOf(session)).toHaveLength(1);
  });
});

describe('abuse', () => {
  test('answers 429 with Retry-After once an address passes the rate limit, while other addresses go on', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 15; i++) {
      const response = await postEvents(site.url, [{ type: 'view', session: newSession(), article: ARTICLE }], { from: '203.0.113.7' });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    const other = await postEvents(site.url, [{ type: 'view', session: newSession(), article: ARTICLE }], { from: '203.0.113.8' });
    expect(other.status).toBe(202);
  });

  test('answers a known bot with 202 and stores nothing', async () => {
    const session = newSession();
    const response = await postEvents(site.url, [{ type: 'view', session, article: ARTICLE }], {
      userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    });
    expect(response.status).toBe(202);
    expect(await sessionRow(session)).toBeUndefined();
  });
});

/**
 * One reader's visit with every event type, a corrected search, a search that found nothing followed by reading, a
 * repeated view, a changed vote and a contact, from a browser address.
 */
async function postVisit(from: string): Promise<string> {
  const session = newSession();
  const response = await postEvents(
    site.url,
    [
      { type: 'search', session, query: 'Reset pasword', results: 0, corrected: { query: 'Reset password', results: 2 } },
      { type: 'search_click', session, query: 'reset pasword', article: ARTICLE, position: 1 },
      { type: 'search', session, query: 'no such thing', results: 0 },
      { type: 'view', session, article: ARTICLE },
      { type: 'view', session, article: ARTICLE },
      { type: 'feedback', session, article: ARTICLE, vote: 'up' },
      { type: 'feedback', session, article: ARTICLE, vote: 'down', reason: 'didnt_solve', comment: 'Still locked out' },
      { type: 'view', session, article: OTHER },
      { type: 'tutorial_step', session, article: TUTORIAL, step: 1, steps: 2 },
      { type: 'contact', session, article: OTHER },
    ],
    { from },
  );
  expect(response.status).toBe(202);
  return session;
}

describe('rollups', () => {
  test('equal what the raw events imply, for visits with every event type, repeated views and changed votes', async () => {
    for (let i = 0; i < 3; i++) await postVisit(`192.0.2.${10 + i}`);
    const store: EventStore = openStore({ url: db.env.KB_DATABASE_URL, path: db.env.KB_DB_PATH ?? '' });
    try {
      expect(await storeRollupMismatches(store)).toEqual({});
    } finally {
      await store.close();
    }
  });

  test('hold no IP address, user agent or cookie anywhere', async () => {
    await postVisit('198.51.100.77');
    const columns = await db.columns();
    // No column is named for an address, a user agent or a cookie ("has_description" contains "ip", hence the word
    // match).
    expect(columns.filter(({ column }) => /(^|_)(ip|addr|address|agent|ua|cookie)(_|$)/i.test(column))).toEqual([]);
    for (const name of new Set(columns.map((c) => c.table))) {
      const text = JSON.stringify(await db.all(`select * from "${name}"`));
      expect(text).not.toMatch(/198\.51\.100\.|203\.0\.113\.|Mozilla|Googlebot/);
    }
  });
});
