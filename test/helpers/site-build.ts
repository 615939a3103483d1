/** Builds a content folder into its own directory with the real build (`npm run build`), and serves the result. */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { inputsHash, isBuildFresh, markBuilt } from '../../src/cli/build-freshness.ts';
import { BUILD_SCRIPT } from '../../src/cli/build.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface BuildResult {
  status: number | null;
  output: string;
  dist: string;
}

/** A fresh directory under the project (the build output must resolve the project's node_modules). */
export function scratchDir(name: string): string {
  const dir = join(ROOT, '.test-builds', `${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Copies a fixture content folder so a test can add files to it. */
export function copyContent(fixture: string, into: string): string {
  const target = join(into, 'content');
  cpSync(join(ROOT, 'test/fixtures', fixture), target, { recursive: true });
  return target;
}

export function buildSite(contentDir: string, buildDir: string, env: Record<string, string> = {}): BuildResult {
  const result = spawnSync(process.execPath, [BUILD_SCRIPT], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, KB_CONTENT_DIR: contentDir, KB_BUILD_DIR: buildDir, ASTRO_TELEMETRY_DISABLED: '1', ...env },
  });
  // Colors depend on the terminal (CI has none); assertions read the plain text.
  // eslint-disable-next-line no-control-regex -- terminal colour codes are what this strips
  const output = `${result.stdout}\n${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  return { status: result.status, output, dist: join(buildDir, 'dist') };
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => ok(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RunningSite {
  url: string;
  /** The server process, for measuring its memory. */
  pid: number;
  /** What the server printed so far. */
  output(): string;
  stop(): Promise<void>;
  /** Ends the server abruptly, as a crash or power cut would, and resolves when it is gone. */
  kill(): Promise<void>;
}

/**
 * Starts the built site with the server `npm start` runs (src/cli/serve.ts) on a free loopback port and waits until it
 * answers.
 */
export async function serveSite(
  dist: string,
  env: Record<string, string> = {},
  options: { commandPrefix?: string[]; port?: number; script?: string; args?: string[] } = {},
): Promise<RunningSite> {
  const port = options.port ?? (await freePort());
  const script = options.script ?? join(ROOT, 'src/cli/serve.ts');
  const [command, ...args] = [...(options.commandPrefix ?? []), process.execPath, script, dist, ...(options.args ?? [])];
  const child = spawn(command!, args, {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      await fetch(url);
      const end = (signal: NodeJS.Signals) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill(signal);
        });
      return { url, pid: child.pid!, output: () => log, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start:\n${log}`);
}

/** Builds `contentDir` into .test-builds/<name> unless the last build there had the same inputs; returns its dist. */
export function builtSite(contentDir: string, name: string): string {
  const buildDir = join(ROOT, '.test-builds', name);
  const dist = join(buildDir, 'dist');
  const hash = inputsHash(ROOT, contentDir, {});
  if (!isBuildFresh(dist, hash)) {
    mkdirSync(buildDir, { recursive: true });
    const result = buildSite(contentDir, buildDir);
    if (result.status !== 0 || !existsSync(join(dist, 'server/entry.mjs'))) throw new Error(`${name} did not build:\n${result.output}`);
    markBuilt(dist, hash);
  }
  return dist;
}
