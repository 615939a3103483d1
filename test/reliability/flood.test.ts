import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { newSession, postEvents } from '../helpers/events-client.ts';
import { freshSite, type FreshSite } from '../helpers/reliability-site.ts';

const ARTICLE = 'how-do-i-reset-my-password';
const TOKEN = 'flood-test-token-0123456789abcdef';

let fresh: FreshSite;
let db: SqliteDatabase.Database;

beforeAll(async () => {
  // 60 requests a minute per address: a burst of 10, then one a second.
  fresh = await freshSite({ KB_RATE_LIMIT_PER_MINUTE: '60', KB_ADMIN_TOKEN: TOKEN });
  db = new SqliteDatabase(fresh.dbPath, { readonly: true });
});
afterAll(async () => {
  db?.close();
  await fresh?.site.stop();
});

test('a client sending far over the rate limit gets 429s while other clients keep getting 202s', async () => {
  const flooder = '203.0.113.66';
  const started = Date.now();
  const flood = Promise.all(
    Array.from({ length: 20 }, async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const response = await postEvents(fresh.site.url, [{ type: 'view', session: newSession(), article: ARTICLE }], { from: flooder });
        statuses.push(response.status);
        if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
      return statuses;
    }),
  );
  const others = Promise.all(
    Array.from({ length: 5 }, async (_, client) => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await postEvents(fresh.site.url, [{ type: 'view', session: newSession(), article: ARTICLE }], {
          from: `198.51.100.${client + 10}`,
        });
        statuses.push(response.status);
        await new Promise((r) => setTimeout(r, 100));
      }
      return statuses;
    }),
  );
  const flooded = (await flood).flat();
  const seconds = (Date.now() - started) / 1000;
  // 400 requests: at most the burst plus one a second got through; the rest were refused, none failed.
  expect(flooded.filter((s) => s === 202).length).toBeLessThanOrEqual(10 + Math.ceil(seconds));
  expect(flooded.filter((s) => s === 429).length).toBeGreaterThanOrEqual(400 - 10 - Math.ceil(seconds));
  expect(flooded.every((s) => s === 202 || s === 429)).toBe(true);
  expect((await others).flat()).toEqual(Array(25).fill(202));
});

test('one session cannot move an article’s rating by more than one vote, however many it sends', async () => {
  const session = newSession();
  const votes = () =>
    db
      .prepare(
        'select coalesce(sum(up), 0) as up, coalesce(sum(down), 0) as down from article_daily d join articles a on a.id = d.article_id where a.slug = ?',
      )
      .get(ARTICLE) as { up: number; down: number };
  const before = votes();
  // 40 batches from 40 addresses (so the rate limit does not stop them), sent at once, up and down mixed.
  const statuses = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      postEvents(
        fresh.site.url,
        Array.from({ length: 5 }, (_, j) => ({ type: 'feedback', session, article: ARTICLE, vote: (i + j) % 2 ? 'up' : 'down' })),
        { from: `192.0.2.${i + 1}` },
      ).then((r) => r.status),
    ),
  );
  expect(statuses).toEqual(Array(40).fill(202));
  const after = votes();
  expect(after.up - before.up + (after.down - before.down)).toBe(1);
  const ratings = await (await fetch(`${fresh.site.url}/api/reports/ratings`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
  const row = ratings.data.articles.find((a: { slug: string }) => a.slug === ARTICLE);
  expect(row.up + row.down).toBe(1);
  expect(row.n).toBe(1);
});
