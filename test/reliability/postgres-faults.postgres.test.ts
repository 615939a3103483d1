import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newSession, postEvents } from '../helpers/events-client.ts';
import { sleep, storedViews, viewLoad } from '../helpers/view-load.ts';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { privateCluster, type PrivateCluster } from '../helpers/private-postgres.ts';
import { serveSite, type RunningSite } from '../helpers/site-build.ts';
import { tcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';

const ARTICLE = 'how-do-i-reset-my-password';
const CLIENTS = 12;
const TOKEN = 'postgres-faults-token-0123456789abcdef';
const REPORT_TIMEOUT_MS = 1500;
const METRICS_TOKEN = 'postgres-faults-metrics-0123456789abcdef';

let cluster: PrivateCluster;
let site: RunningSite;

beforeAll(async () => {
  cluster = await privateCluster();
  site = await serveSite(fixtureSite(), {
    KB_DATABASE_URL: cluster.url,
    KB_TRUST_PROXY: '1',
    KB_RATE_LIMIT_PER_MINUTE: '1000000',
    KB_ADMIN_TOKEN: TOKEN,
    KB_METRICS_TOKEN: METRICS_TOKEN,
    KB_REPORT_TIMEOUT_MS: String(REPORT_TIMEOUT_MS),
  });
  // The first request opens and migrates the store.
  expect((await fetch(`${site.url}/readyz`)).status).toBe(200);
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

const load = (url = site.url) => viewLoad(url, ARTICLE, CLIENTS);

/** Every acknowledged session holds exactly its one view. */
async function expectStoredOnce(acknowledged: string[]): Promise<void> {
  const stored = await storedViews(cluster.url, acknowledged);
  expect(stored.size).toBe(acknowledged.length);
  expect([...stored.values()].every((n) => n === 1)).toBe(true);
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

  expect(traffic.acknowledged.length).toBeGreaterThan(100);
  await expectStoredOnce(traffic.acknowledged);
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

test('reports held up by a lock use up their own connections and stop at their time limit, while events are still accepted', async () => {
  const blocker = new pg.Client({ connectionString: cluster.url });
  await blocker.connect();
  try {
    // The overview of one category reads the closed sessions' per-category counts, which events never write (every
    // group's batch names each table events write, rollups included, so a lock on one of those holds the writes too).
    await blocker.query('begin');
    await blocker.query('lock table session_scope_daily in access exclusive mode');
    const started = performance.now();
    // More than the writers' pool holds (10): were reports on it, every connection would be waiting on the lock.
    const reports = Array.from({ length: 14 }, () =>
      fetch(`${site.url}/api/reports/overview?category=account-security`, { headers: { Authorization: `Bearer ${TOKEN}` } }).then(
        async (r) => ({
          status: r.status,
          retryAfter: r.headers.get('retry-after'),
          code: ((await r.json()) as { error?: { code: string } }).error?.code,
        }),
      ),
    );
    // Every report connection is waiting on the lock: events go on their own pool.
    await sleep(300);
    const views = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        postEvents(site.url, [{ type: 'view', session: newSession(), article: ARTICLE }], { from: `198.51.100.${i + 1}` }),
      ),
    );
    expect(views.map((r) => r.status)).toEqual(Array(20).fill(202));
    expect(performance.now() - started).toBeLessThan(REPORT_TIMEOUT_MS);
    // The metrics show the report pool full and reports queueing for it.
    const metrics = parsePrometheusTextFormat(
      await (await fetch(`${site.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text(),
    );
    const connections = (pool: string, state: string) =>
      Number(
        metrics
          .find((f) => f.name === 'lantern_store_connections')
          ?.metrics.find((m) => m.labels?.pool === pool && m.labels.state === state)?.value,
      );
    expect(connections('report', 'total')).toBe(4);
    expect(connections('report', 'waiting')).toBeGreaterThan(0);
    expect(connections('write', 'waiting')).toBe(0);

    const answered = await Promise.all(reports);
    expect(answered).toEqual(Array(14).fill({ status: 503, retryAfter: '30', code: 'report-timeout' }));
  } finally {
    await blocker.query('rollback');
    await blocker.end();
  }
  expect(
    (await fetch(`${site.url}/api/reports/overview?category=account-security`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status,
  ).toBe(200);
});

describe('through a slow network', () => {
  let proxy: TcpProxy;
  let behind: RunningSite;
  beforeAll(async () => {
    // 10 ms each way: every round trip to the database costs 20 ms.
    proxy = await tcpProxy({ host: '127.0.0.1', port: cluster.port }, 10);
    behind = await serveSite(fixtureSite(), {
      KB_DATABASE_URL: `postgres://lantern@127.0.0.1:${proxy.port}/postgres`,
      KB_TRUST_PROXY: '1',
      KB_RATE_LIMIT_PER_MINUTE: '1000000',
      KB_METRICS_TOKEN: METRICS_TOKEN,
    });
    expect((await fetch(`${behind.url}/readyz`)).status).toBe(200);
  });
  afterAll(async () => {
    await behind?.stop();
    await proxy?.close();
  });

  test('requests that arrive while a group commits share the next one, and every acknowledged event is stored once', async () => {
    const traffic = load(behind.url);
    await sleep(2000);
    await traffic.stop();
    expect(traffic.unexpected).toEqual([]);
    await expectStoredOnce(traffic.acknowledged);
    const metrics = parsePrometheusTextFormat(
      await (await fetch(`${behind.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text(),
    );
    const groups = metrics.find((f) => f.name === 'lantern_commit_group_events')!.metrics[0]!;
    // With CLIENTS clients each waiting on its answer, a group holds several requests' events.
    expect(Number(groups.sum) / Number(groups.count)).toBeGreaterThan(3);
  });

  test('a network stall holds answers back, loses nothing, and needs no restart once the network is back', async () => {
    const traffic = load(behind.url);
    await sleep(500);
    proxy.stall();
    await sleep(3000);
    proxy.resume();
    await sleep(1000);
    await traffic.stop();
    expect(alive(behind.pid)).toBe(true);
    expect(traffic.unexpected).toEqual([]);
    // Held back through the stall, then answered.
    expect(traffic.longestWait).toBeGreaterThan(2500);
    await expectStoredOnce(traffic.acknowledged);
    expect((await postEvents(behind.url, [{ type: 'view', session: newSession(), article: ARTICLE }])).status).toBe(202);
  });
});
