/**
 * PostgreSQL faults under load, for the ingest benchmark's table: a private cluster (test/helpers/private-postgres.ts)
 * behind a TCP proxy on loopback, single view events from several clients, and one fault at a time: what was done,
 * what was acknowledged, what was refused with 503, what was stored, what was lost (must be none).
 */
import { fixtureSite } from '../helpers/fixture-site.ts';
import { privateCluster, type PrivateCluster } from '../helpers/private-postgres.ts';
import { serveSite } from '../helpers/site-build.ts';
import { tcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';
import { sleep, storedViews, viewLoad } from '../helpers/view-load.ts';

const ARTICLE = 'how-do-i-reset-my-password';
export const FAULT_CLIENTS = 12;

export interface FaultRow {
  fault: string;
  requests: number;
  acknowledged: number;
  refused: number;
  stored: number;
  /** Acknowledged and not stored exactly once. */
  lost: number;
  longestWaitMs: number;
  /** The API process was still up at the end. */
  survived: boolean;
}

const FAULTS: { fault: string; act(cluster: PrivateCluster, proxy: TcpProxy): Promise<void> }[] = [
  {
    fault: 'PostgreSQL restarted (fast) 3 times, 1 s apart',
    async act(cluster) {
      for (let i = 0; i < 3; i++) {
        cluster.restart();
        await sleep(1000);
      }
    },
  },
  {
    fault: 'PostgreSQL down for 2 s',
    async act(cluster) {
      cluster.stop();
      await sleep(2000);
      cluster.start();
      await sleep(1000);
    },
  },
  {
    fault: 'network stalled for 3 s',
    async act(_, proxy) {
      proxy.stall();
      await sleep(3000);
      proxy.resume();
      await sleep(1000);
    },
  },
  {
    fault: 'every round trip 20 ms slower for 3 s',
    async act(_, proxy) {
      proxy.delayMs = 10;
      await sleep(3000);
      proxy.delayMs = 0;
      await sleep(1000);
    },
  },
];

export async function postgresFaults(log: (line: string) => void): Promise<FaultRow[]> {
  const dist = fixtureSite();
  const rows: FaultRow[] = [];
  for (const { fault, act } of FAULTS) {
    const cluster = await privateCluster();
    const proxy = await tcpProxy({ host: '127.0.0.1', port: cluster.port });
    const site = await serveSite(dist, {
      KB_DATABASE_URL: `postgres://lantern@127.0.0.1:${proxy.port}/postgres`,
      KB_TRUST_PROXY: '1',
      KB_RATE_LIMIT_PER_MINUTE: '1000000',
      KB_REQUEST_LOG: '0',
    });
    try {
      await fetch(`${site.url}/readyz`);
      const load = viewLoad(site.url, ARTICLE, FAULT_CLIENTS);
      await sleep(1000);
      await act(cluster, proxy);
      await load.stop();
      let survived = true;
      try {
        process.kill(site.pid, 0);
      } catch {
        survived = false;
      }
      const stored = await storedViews(cluster.url, load.acknowledged);
      const requests = [...load.statuses.values()].reduce((n, c) => n + c, 0) + load.unexpected.length;
      const row: FaultRow = {
        fault,
        requests,
        acknowledged: load.acknowledged.length,
        refused: load.statuses.get(503) ?? 0,
        stored: [...stored.values()].filter((n) => n === 1).length,
        lost: load.acknowledged.length - [...stored.values()].filter((n) => n === 1).length,
        longestWaitMs: Math.round(load.longestWait),
        survived,
      };
      log(`fault: ${fault}: ${row.acknowledged} acknowledged, ${row.refused} refused with 503, ${row.lost} lost`);
      rows.push(row);
    } finally {
      await site.stop();
      await proxy.close();
      cluster.destroy();
    }
  }
  return rows;
}
