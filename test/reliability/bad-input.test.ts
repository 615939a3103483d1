import SqliteDatabase from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPORTS } from '../../src/schemas/report-params.ts';
import { newSession, postRaw } from '../helpers/events-client.ts';
import { anyBatchBody, nearValidBatch, storableCommentAndQuery, weirdText } from '../helpers/event-arbitraries.ts';
import { rollupMismatches } from '../helpers/rollup-consistency.ts';
import { freshSite, rawExchange, residentMemoryMb, rowCounts, signIn, type FreshSite } from '../helpers/reliability-site.ts';

const ARTICLE = 'how-do-i-reset-my-password';
const TOKEN = 'reliability-test-token-0123456789abcdef';
const RUNS = Number(process.env.RUNS ?? 150);

let fresh: FreshSite;
let db: SqliteDatabase.Database;
let startMemoryMb: number;

beforeAll(async () => {
  fresh = await freshSite({ KB_ADMIN_TOKEN: TOKEN, KB_RATE_LIMIT_PER_MINUTE: '1000000', KB_REQUEST_TIMEOUT_SECONDS: '2' });
  db = new SqliteDatabase(fresh.dbPath, { readonly: true });
  startMemoryMb = residentMemoryMb(fresh.site.pid);
});
afterAll(async () => {
  db?.close();
  await fresh?.site.stop();
});

/** Checks the server is still up and still stores a valid event. */
async function stillServing(): Promise<void> {
  const session = newSession();
  const response = await postRaw(fresh.site.url, JSON.stringify({ events: [{ type: 'view', session, article: ARTICLE }] }));
  expect(response.status).toBe(202);
}

describe('POST /api/events with generated input', () => {
  test('answers arbitrary JSON, raw bytes and deep nesting with 400 or 413 and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(anyBatchBody(), async (body) => {
        const before = rowCounts(db);
        const response = await postRaw(fresh.site.url, body);
        expect([400, 413]).toContain(response.status);
        expect((await response.json()).error.code).toMatch(/^(invalid-json|invalid-event|payload-too-large)$/);
        expect(rowCounts(db)).toEqual(before);
      }),
      { numRuns: RUNS },
    );
    await stillServing();
  });

  test('answers near-valid batches with 202 or a 400 naming the event, and stores a rejected batch not at all', async () => {
    await fc.assert(
      fc.asyncProperty(nearValidBatch(ARTICLE), async ({ session, body }) => {
        const before = rowCounts(db);
        const response = await postRaw(fresh.site.url, body);
        expect([202, 400, 413]).toContain(response.status);
        const answer = await response.json();
        if (response.status === 202) return;
        if (response.status === 400) expect(answer.error.issues[0].path).toMatch(/^events/);
        expect(db.prepare('select count(*) from sessions where key = ?').pluck().get(session)).toBe(0);
        expect(rowCounts(db)).toEqual(before);
      }),
      { numRuns: RUNS },
    );
    await stillServing();
  });

  test('stores a comment and a query in any script, with RTL marks and emoji, as written, and NUL as U+FFFD', async () => {
    await fc.assert(
      fc.asyncProperty(storableCommentAndQuery(), async ([comment, query]) => {
        const session = newSession();
        const events = [
          { type: 'feedback', session, article: ARTICLE, vote: 'down', reason: 'other', comment },
          { type: 'search', session, query, results: 0 },
        ];
        const response = await postRaw(fresh.site.url, JSON.stringify({ events }));
        expect(response.status).toBe(202);
        const row = db.prepare('select c.comment from comments c join sessions s on s.id = c.session_id where s.key = ?').get(session) as {
          comment: string;
        };
        expect(row.comment).toBe(comment.trim().replaceAll('\u0000', '\uFFFD'));
      }),
      { numRuns: 60 },
    );
  });

  test('stores a query or comment holding half a surrogate pair with U+FFFD in its place', async () => {
    const session = newSession();
    const events = [
      { type: 'search', session, query: '\ud800', results: 3 },
      { type: 'feedback', session, article: ARTICLE, vote: 'down', comment: 'broken \udc00 text' },
    ];
    expect((await postRaw(fresh.site.url, JSON.stringify({ events }))).status).toBe(202);
    expect(
      db
        .prepare('select q.text from events e join queries q on q.id = e.query_id join sessions s on s.id = e.session_id where s.key = ?')
        .pluck()
        .get(session),
    ).toBe('\ufffd');
    expect(db.prepare('select c.comment from comments c join sessions s on s.id = c.session_id where s.key = ?').pluck().get(session)).toBe(
      'broken \ufffd text',
    );
  });

  test('keeps its memory bounded while taking bodies far over the size limit', async () => {
    const huge = `{"events":[{"type":"view","session":"${'x'.repeat(4 * 1024 * 1024)}"}]}`;
    for (let i = 0; i < 40; i++) {
      const response = await postRaw(fresh.site.url, huge).catch(() => undefined);
      // The server may answer 413 or close the connection while the body is still arriving.
      if (response) expect(response.status).toBe(413);
    }
    expect(residentMemoryMb(fresh.site.pid) - startMemoryMb).toBeLessThan(150);
    await stillServing();
  });
});

describe('report routes with generated query strings', () => {
  const names = REPORTS.map((r) => (r === 'article' ? `article/${ARTICLE}` : r));
  const queryString = fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom('from', 'to', 'category', 'product_area', 'format', 'table', 'review_days', '__proto__', 'constructor'),
          weirdText(20),
        ),
        weirdText(40),
      ),
      { maxLength: 6 },
    )
    .map((pairs) => new URLSearchParams(pairs.map(([k, v]) => [k.toWellFormed(), v.toWellFormed()])).toString());

  test('never answer 5xx on the API, whatever the parameters or the path', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(...names),
          weirdText(30).map((s) => `article/${encodeURIComponent(s.toWellFormed())}`),
        ),
        queryString,
        async (name, query) => {
          const response = await fetch(`${fresh.site.url}/api/reports/${name}?${query}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
          expect([200, 400, 404]).toContain(response.status);
          await response.arrayBuffer();
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('never answer 5xx on the dashboard pages either', async () => {
    const cookie = await signIn(fresh.site.url, TOKEN);
    const pages = [
      '',
      'deflection',
      'ratings',
      'friction',
      'search',
      'content',
      'tutorials',
      `articles/${ARTICLE}`,
      'articles/no-such-article',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...pages), queryString, async (page, query) => {
        const response = await fetch(`${fresh.site.url}/reports/${page}?${query}`, { headers: { Cookie: cookie }, redirect: 'manual' });
        expect(response.status).toBeLessThan(500);
        await response.arrayBuffer();
      }),
      { numRuns: 60 },
    );
  });

  test('answer a malformed percent-encoding with 400', async () => {
    const { status } = await rawExchange(
      fresh.site.url,
      `GET /api/reports/search?from=%E0%A4%A HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nConnection: close\r\n\r\n`,
    );
    expect(status).toBe(400);
  });
});

describe('slow and oversized requests', () => {
  test('cuts off a body that never finishes', async () => {
    const started = Date.now();
    const { status, closed } = await rawExchange(
      fresh.site.url,
      'POST /api/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"events":[',
      { waitMs: 15_000 },
    );
    expect(closed).toBe(true);
    expect([408, undefined]).toContain(status);
    expect(Date.now() - started).toBeLessThan(10_000);
    // A cut-off request is the client's doing: it is not logged as a server error.
    expect(fresh.site.output()).not.toMatch(/internal error/);
  });

  test('cuts off headers that never finish', async () => {
    const started = Date.now();
    const { closed } = await rawExchange(fresh.site.url, 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ', { waitMs: 15_000 });
    expect(closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('refuses a header over 16 KiB with 431', async () => {
    const { status } = await rawExchange(
      fresh.site.url,
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
    );
    expect(status).toBe(431);
  });

  test('is still up, and its rollups still equal the raw events, after hostile and near-valid batches', async () => {
    for (const body of fc.sample(anyBatchBody(), 30)) await postRaw(fresh.site.url, body);
    for (const { body } of fc.sample(nearValidBatch(ARTICLE), 30)) await postRaw(fresh.site.url, body);
    await stillServing();
    expect(rollupMismatches(db)).toEqual({});
  });
});
