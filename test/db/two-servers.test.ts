import { afterAll, beforeAll, expect, test } from 'vitest';
import { openStore, type EventStore } from '../../db/client.ts';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { newSession, postEvents } from '../helpers/events-client.ts';
import { freshDatabase } from '../helpers/reliability-site.ts';
import { storeRollupMismatches } from '../helpers/rollup-consistency.ts';
import { serveSite, type RunningSite } from '../helpers/site-build.ts';
import { TEST_STORE, freshPostgresDatabase } from '../helpers/test-store.ts';

const ARTICLE = 'how-do-i-reset-my-password';
const OTHER = 'run-the-agent-custom-port-v2';
const CLIENTS = 8;
const BATCHES = 25;
const SHARED = 10;

let servers: RunningSite[];
let store: EventStore;
let dropDatabase = async () => {};

beforeAll(async () => {
  let env: Record<string, string>;
  if (TEST_STORE === 'postgres') {
    const database = await freshPostgresDatabase({ migrated: true });
    dropDatabase = database.drop;
    env = { KB_DATABASE_URL: database.url };
    store = openStore({ url: database.url, path: '' });
  } else {
    const path = await freshDatabase();
    env = { KB_DB_PATH: path };
    store = openStore({ path });
  }
  const dist = fixtureSite();
  servers = await Promise.all([0, 1].map(() => serveSite(dist, { ...env, KB_TRUST_PROXY: '1', KB_RATE_LIMIT_PER_MINUTE: '1000000' })));
});
afterAll(async () => {
  await Promise.all((servers ?? []).map((s) => s.stop()));
  await store?.close();
  await dropDatabase();
});

const count = async (query: string, keys: string[]) =>
  Number(
    (
      await store.db
        .selectFrom('sessions as s')
        .innerJoin('events as e', 'e.session_id', 's.id')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('s.key', 'in', keys)
        .where('e.type', '=', Number(query))
        .executeTakeFirstOrThrow()
    ).n,
  );

test(`two server processes on one ${TEST_STORE} store count every acknowledged event once, keep the rollups exact and one vote per session`, async () => {
  const acknowledged: string[] = [];
  const clients = Array.from({ length: CLIENTS }, async (_, client) => {
    for (let i = 0; i < BATCHES; i++) {
      const session = newSession();
      const events = [
        // A misspelt search, corrected; when the correction found nothing too, the article read next is its follow-up.
        { type: 'search', session, query: `two severs ${i % 5}`, results: 0, corrected: { query: `two servers ${i % 5}`, results: i % 2 } },
        { type: 'view', session, article: ARTICLE },
        { type: 'search', session, query: `two servers ${client} ${i % 5}`, results: i % 3 },
        {
          type: 'feedback',
          session,
          article: ARTICLE,
          vote: i % 4 ? 'up' : 'down',
          ...(i % 4 ? {} : { reason: 'unclear', comment: `client ${client}` }),
        },
      ];
      const response = await postEvents(servers[(client + i) % 2]!.url, events);
      if (response.status === 202) acknowledged.push(session);
    }
  });
  // Sessions whose batches reach both servers at once: repeated views and changing votes on one article.
  const shared = Array.from({ length: SHARED }, () => newSession());
  // Sessions both servers already know (a new one is serialized by its insert; an existing one must be by its lock).
  for (const [i, session] of shared.entries()) {
    expect((await postEvents(servers[i % 2]!.url, [{ type: 'search', session, query: 'shared session', results: 1 }])).status).toBe(202);
  }
  const racing = shared.flatMap((session) =>
    Array.from({ length: 6 }, (_, i) =>
      postEvents(servers[i % 2]!.url, [
        { type: 'view', session, article: OTHER },
        { type: 'feedback', session, article: OTHER, vote: i % 2 ? 'up' : 'down' },
      ]).then((r) => r.status),
    ),
  );
  const [statuses] = await Promise.all([Promise.all(racing), ...clients]);
  expect(statuses).toEqual(Array(SHARED * 6).fill(202));
  expect(acknowledged).toHaveLength(CLIENTS * BATCHES);

  expect(await count('1', acknowledged)).toBe(acknowledged.length);
  expect(await count('2', acknowledged)).toBe(2 * acknowledged.length);
  expect(await count('4', acknowledged)).toBe(acknowledged.length);
  // Six views of one article per shared session within minutes: one counted view each, whichever server took it.
  expect(await count('1', shared)).toBe(SHARED);
  const votes = await store.db
    .selectFrom('article_daily as d')
    .innerJoin('articles as a', 'a.id', 'd.article_id')
    .select((eb) => [eb.fn.sum<number>('d.up').as('up'), eb.fn.sum<number>('d.down').as('down'), eb.fn.sum<number>('d.views').as('views')])
    .where('a.slug', '=', OTHER)
    .executeTakeFirstOrThrow();
  expect(Number(votes.up) + Number(votes.down)).toBe(SHARED);
  expect(Number(votes.views)).toBe(SHARED);
  expect(await storeRollupMismatches(store)).toEqual({});
}, 120_000);
