/**
 * A throwaway PostgreSQL cluster of one test's own, on a free loopback port: a test may stop, restart or cut it off
 * without touching the server the other PostgreSQL tests share. Needs the server binaries (Debian's `postgresql`
 * package, which .ci/start-postgres.sh installs); as root, the cluster runs as the `postgres` user, as initdb insists.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './site-build.ts';

export interface PrivateCluster {
  url: string;
  port: number;
  /** Stops the server (fast shutdown: open connections are cut) and waits until it is down. */
  stop(): void;
  start(): void;
  /** `pg_ctl restart -m fast`: every connection is cut, the server is back when it returns. */
  restart(): void;
  destroy(): void;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
  if (!found) throw new Error(`No PostgreSQL server binaries under ${root}: install Debian's postgresql package.`);
  return found;
}

/** Runs a server binary, as the `postgres` user when this process is root. */
function run(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? 'su' : bin;
  const argv = asRoot ? ['postgres', '-s', '/bin/sh', '-c', [bin, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ')] : args;
  execFileSync(command, argv, { stdio: 'pipe' });
}

export async function privateCluster(): Promise<PrivateCluster> {
  const bin = binDir();
  const data = mkdtempSync(join(tmpdir(), 'lantern-pg-private-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(data, uid, gid);
  }
  const port = await freePort();
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'lantern']);
  const ctl = (...args: string[]) =>
    run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(data, 'server.log'), '-o', `-h 127.0.0.1 -p ${port} -k ${data}`, '-w', ...args]);
  ctl('start');
  return {
    url: `postgres://lantern@127.0.0.1:${port}/postgres`,
    port,
    stop: () => ctl('-m', 'fast', 'stop'),
    start: () => ctl('start'),
    restart: () => ctl('-m', 'fast', 'restart'),
    destroy: () => {
      try {
        ctl('-m', 'immediate', 'stop');
      } catch {
        // already stopped
      }
      rmSync(data, { recursive: true, force: true });
    },
  };
}
