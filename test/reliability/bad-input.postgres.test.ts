import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { newSession, postRaw } from '../helpers/events-client.ts';
import { anyBatchBody, nearValidBatch, storableCommentAndQuery } from '../helpers/event-arbitraries.ts';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { storeRollupMismatches } from '../helpers/rollup-consistency.ts';
import { serveSite, type RunningSite } from '../helpers/site-build.ts';
import { freshPostgresDatabase } from '../helpers/test-store.ts';
import { createPostgresStore } from '../../db/postgres-client.ts';

const ARTICLE = 'how-do-i-reset-my-password';
// Fewer runs than on SQLite: each reads its row counts over the network.
const RUNS = Number(process.env.RUNS ?? 60);
/** The tables a stored event always reaches. */
const TABLES = ['sessions', 'events', 'comments', 'queries', 'article_daily', 'query_daily', 'session_daily'];

let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let site: RunningSite;
let client: pg.Client;

beforeAll(async () => {
  database = await freshPostgresDatabase({ migrated: true });
  site = await serveSite(fixtureSite(), { KB_DATABASE_URL: database.url, KB_RATE_LIMIT_PER_MINUTE: '1000000', KB_REQUEST_LOG: '0' });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await site?.stop();
  await database?.drop();
});

async function rowCounts(): Promise<Record<string, number>> {
  const { rows } = await client.query<Record<string, string>>(
    `select ${TABLES.map((t) => `(select count(*) from ${t}) as ${t}`).join(', ')}`,
  );
  return Object.fromEntries(Object.entries(rows[0]!).map(([t, n]) => [t, Number(n)]));
}

test('on PostgreSQL, arbitrary JSON, raw bytes and deep nesting get 400 or 413 and store nothing', async () => {
  await fc.assert(
    fc.asyncProperty(anyBatchBody(), async (body) => {
      const before = await rowCounts();
      const response = await postRaw(site.url, body);
      expect([400, 413]).toContain(response.status);
      expect(await rowCounts()).toEqual(before);
    }),
    { numRuns: RUNS },
  );
});

test('on PostgreSQL, near-valid batches get 202 or a 400 naming the event, and a rejected batch stores nothing', async () => {
  await fc.assert(
    fc.asyncProperty(nearValidBatch(ARTICLE), async ({ body }) => {
      const before = await rowCounts();
      const response = await postRaw(site.url, body);
      expect([202, 400, 413]).toContain(response.status);
      if (response.status !== 202) expect(await rowCounts()).toEqual(before);
    }),
    { numRuns: RUNS },
  );
});

test('on PostgreSQL, a comment and a query in any script are stored as written, with NUL as U+FFFD, and the rollups stay exact', async () => {
  await fc.assert(
    fc.asyncProperty(storableCommentAndQuery(), async ([comment, query]) => {
      const session = newSession();
      const events = [
        { type: 'feedback', session, article: ARTICLE, vote: 'down', reason: 'other', comment },
        { type: 'search', session, query, results: 0 },
      ];
      expect((await postRaw(site.url, JSON.stringify({ events }))).status).toBe(202);
      const { rows } = await client.query<{ comment: string }>(
        'select c.comment from comments c join sessions s on s.id = c.session_id where s.key = $1',
        [session],
      );
      expect(rows[0]?.comment).toBe(comment.trim().replaceAll('\u0000', '\uFFFD'));
    }),
    { numRuns: RUNS },
  );
  const store = createPostgresStore(database.url);
  try {
    expect(await storeRollupMismatches(store)).toEqual({});
  } finally {
    await store.close();
  }
});
