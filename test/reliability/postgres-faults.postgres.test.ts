import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { newSession, postEvents } from '../helpers/events-client.ts';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { privateCluster, type PrivateCluster } from '../helpers/private-postgres.ts';
import { serveSite, type RunningSite } from '../helpers/site-build.ts';

const ARTICLE = 'how-do-i-reset-my-password';
const CLIENTS = 12;

let cluster: PrivateCluster;
let site: RunningSite;

beforeAll(async () => {
  cluster = await privateCluster();
  site = await serveSite(fixtureSite(), { KB_DATABASE_URL: cluster.url, KB_TRUST_PROXY: '1', KB_RATE_LIMIT_PER_MINUTE: '1000000' });
});
afterAll(async () => {
  await site?.stop();
  cluster?.destroy();
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

interface Load {
  acknowledged: string[];
  statuses: Map<number, number>;
  /** Answers that were neither 202 nor 503 with Retry-After, and requests the server did not answer. */
  unexpected: string[];
  stop(): Promise<void>;
}

/** Single view events from CLIENTS clients, one new session each, until stopped. */
function load(): Load {
  const result: Load = { acknowledged: [], statuses: new Map(), unexpected: [], stop: async () => {} };
  let running = true;
  const client = async (n: number) => {
    while (running) {
      const session = newSession();
      try {
        const response = await postEvents(site.url, [{ type: 'view', session, article: ARTICLE }], { from: `192.0.2.${n + 1}` });
        result.statuses.set(response.status, (result.statuses.get(response.status) ?? 0) + 1);
        if (response.status === 202) result.acknowledged.push(session);
        else if (response.status !== 503 || !Number(response.headers.get('retry-after')))
          result.unexpected.push(`${response.status} ${await response.text()}`);
        else await new Promise((r) => setTimeout(r, 50));
      } catch (error) {
        result.unexpected.push(`no answer: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));
  result.stop = async () => {
    running = false;
    await Promise.all(clients);
  };
  return result;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every acknowledged session's events, counted in the database. */
async function storedViews(sessions: string[]): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ key: string; n: string }>(
      'select s.key, count(e.id) as n from sessions s left join events e on e.session_id = s.id and e.type = 1 where s.key = any($1) group by s.key',
      [sessions],
    );
    return new Map(rows.map((r) => [r.key, Number(r.n)]));
  } finally {
    await client.end();
  }
}

async function readyStatus(): Promise<number> {
  return (await fetch(`${site.url}/readyz`)).status;
}

test('restarted under load, PostgreSQL costs 503s with Retry-After while it is down, never the process, and no acknowledged event', async () => {
  const traffic = load();
  await sleep(1000);
  for (let round = 0; round < 3; round++) {
    cluster.restart();
    await sleep(1000);
    cluster.stop();
    await sleep(1500);
    cluster.start();
    await sleep(1500);
  }
  await traffic.stop();

  expect(alive(site.pid), site.output()).toBe(true);
  expect(traffic.unexpected).toEqual([]);
  expect(traffic.statuses.get(503)).toBeGreaterThan(0);
  // The API recovered by itself: the last second of load was accepted.
  const after = await postEvents(site.url, [{ type: 'view', session: newSession(), article: ARTICLE }]);
  expect(after.status).toBe(202);

  const stored = await storedViews(traffic.acknowledged);
  expect(traffic.acknowledged.length).toBeGreaterThan(100);
  expect(stored.size).toBe(traffic.acknowledged.length);
  expect([...stored.values()].every((n) => n === 1)).toBe(true);
}, 90_000);

test('/readyz answers 503 while PostgreSQL is down and 200 once it is back; /healthz answers 200 throughout', async () => {
  expect(await readyStatus()).toBe(200);
  cluster.stop();
  try {
    const down = await fetch(`${site.url}/readyz`);
    expect(down.status).toBe(503);
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await fetch(`${site.url}/healthz`)).status).toBe(200);
  } finally {
    cluster.start();
  }
  await expect.poll(readyStatus, { timeout: 10_000 }).toBe(200);
  expect(alive(site.pid)).toBe(true);
});
