/**
 * The machine a benchmark ran on, for the results header: figures mean little without cores, memory, Node and SQLite.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import SqliteDatabase from 'better-sqlite3';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  sqlite: string;
  betterSqlite3: string;
  /** 1-minute load average when the benchmark started: other work on a shared machine skews the figures. */
  loadAverage: number;
  /** The commit measured, and whether src/ or db/ had uncommitted changes; null outside a git checkout. */
  commit: string | null;
}

export function describeMachine(): Machine {
  const sqlite = new SqliteDatabase(':memory:');
  const { version } = sqlite.prepare('select sqlite_version() as version').get() as { version: string };
  sqlite.close();
  const packageJson = createRequire(import.meta.url).resolve('better-sqlite3/package.json');
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() || 'unknown CPU',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.versions.node,
    sqlite: version,
    betterSqlite3: (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version,
    loadAverage: loadavg()[0]!,
    commit: commit(),
  };
}

function commit(): string | null {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'src', 'db') ? ' with uncommitted changes in src/ or db/' : ''}`;
  } catch {
    return null;
  }
}

export function machineLine(m: Machine): string {
  return `${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}, SQLite ${m.sqlite} (better-sqlite3 ${m.betterSqlite3}); ${m.commit ? `code at ${m.commit}; ` : ''}load average ${m.loadAverage.toFixed(2)} at start`;
}
