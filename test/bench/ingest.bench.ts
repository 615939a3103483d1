/**
 * Ingest: posts synthetic reader events to POST /api/events of the built server (as `npm start` serves it) at rising
 * rates and measures events/s acknowledged (202) with latency percentiles, beside the same server with one
 * transaction per request (the naive design) and a bare node:http server writing the same tables, group-committed (the
 * floor).
 * Every acknowledged session is checked in the database after the server is killed: 202 means committed.
 * `--quick` runs two short steps per variant; `--seconds <n>` sets the length of a step; `--postgres <url>` also runs
 * Lantern (one and two instances) and the naive variant on PostgreSQL (a fresh database on that server per run) beside
 * SQLite, and the PostgreSQL faults (ingest-faults.ts: a cluster of its own, so the server binaries must be installed);
 * `--narrow-floor` adds a floor writing only 4 of the tables (the floor of earlier runs, for reference); `--mode
 * single|session|full` runs only that kind of request (and no faults).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { createDb, openStore } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { fixtureSite } from '../helpers/fixture-site.ts';
import { freePort, serveSite } from '../helpers/site-build.ts';
import { freshPostgresDatabase } from '../helpers/test-store.ts';
import { fmt, markdownTable, ms, ratio, textTable } from './bench-format.ts';
import { loadStep, type StepResult } from './ingest-load.ts';
import { requestBodies, writeManifest, type IngestMode } from './ingest-requests.ts';
import { BENCH_SERVER } from './bench-server.ts';
import { FAULT_CLIENTS, postgresFaults } from './ingest-faults.ts';
import { describeMachine, machineLine } from './machine.ts';
import type { Benchmark, BenchOptions, BenchResult } from './run.ts';

const TARGET = { eventsPerSecond: 15_000, p99: 15, naive: 3, floor: 0.8, postgresVsSqlite: 0.8, twoInstances: 1.6 };
type Variant = 'lantern' | 'naive' | 'floor' | 'narrow floor' | 'lantern·pg' | 'lantern·pg×2' | 'naive·pg';
interface Run {
  variant: Variant;
  mode: IngestMode;
  perRequest: number;
  steps: StepResult[];
  lost: number;
}

/** Offered events per second, step by step; a run stops early once the server falls behind. */
const PLAN: Record<IngestMode, number[]> = {
  full: [5000, 10_000, 15_000, 20_000, 30_000, 40_000],
  session: [2500, 5000, 7500, 10_000, 15_000],
  single: [1000, 2000, 4000, 6000, 8000],
};
const RUNS: [Variant, IngestMode][] = [
  ['lantern', 'full'],
  ['naive', 'full'],
  ['floor', 'full'],
  ['lantern', 'session'],
  ['naive', 'session'],
  ['floor', 'session'],
  ['lantern', 'single'],
];
const POSTGRES_RUNS: [Variant, IngestMode][] = [
  ['lantern·pg', 'full'],
  ['lantern·pg×2', 'full'],
  ['naive·pg', 'full'],
  ['lantern·pg', 'session'],
  ['lantern·pg', 'single'],
  ['lantern·pg×2', 'single'],
];
const QUICK_RUNS: [Variant, IngestMode][] = [
  ['lantern', 'full'],
  ['naive', 'full'],
  ['floor', 'full'],
  ['lantern', 'session'],
];

/** Kept up: nearly everything offered was acknowledged, without failures. */
const keptUp = (s: StepResult) => s.failures === 0 && s.eventsPerSecond >= 0.95 * s.offeredEps;
const meetsLatency = (s: StepResult) => keptUp(s) && s.p99 <= TARGET.p99;
const best = (steps: StepResult[], ok: (s: StepResult) => boolean) => steps.filter(ok).reduce((m, s) => Math.max(m, s.eventsPerSecond), 0);

async function freshDatabase(dir: string): Promise<string> {
  const path = join(dir, 'kb.sqlite');
  const store = createDb(path);
  await migrateToLatest(store.db);
  await store.close();
  return path;
}

async function startFloor(dbPath: string, narrow: boolean): Promise<{ url: string; kill(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'ingest-floor-server.ts'), dbPath, String(port), ...(narrow ? ['--narrow'] : [])],
    { stdio: 'inherit' },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url, { method: 'POST', body: '{"events":[]}' });
      return { url, kill: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGKILL'))) };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error('the floor server did not start');
}

/** Acknowledged sessions missing from the database: must be none. */
async function missingSessions(location: { path: string } | { url: string }, sessions: Set<string>): Promise<number> {
  if ('url' in location) {
    const store = openStore({ url: location.url, path: '' });
    const keys = [...sessions];
    let found = 0;
    for (let i = 0; i < keys.length; i += 1000)
      found += (
        await store.db
          .selectFrom('sessions')
          .select('key')
          .where('key', 'in', keys.slice(i, i + 1000))
          .execute()
      ).length;
    await store.close();
    return keys.length - found;
  }
  const db = new SqliteDatabase(location.path, { readonly: true });
  const has = db.prepare('select 1 from sessions where key = ?').pluck();
  let missing = 0;
  for (const key of sessions) if (!has.get(key)) missing += 1;
  db.close();
  return missing;
}

async function runOne(
  variant: Variant,
  mode: IngestMode,
  dist: string,
  manifest: string,
  o: { seconds: number; steps: number; postgres?: string },
  log: (l: string) => void,
): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-ingest-'));
  try {
    const onPostgres = variant.includes('·pg');
    const dbPath = onPostgres ? '' : await freshDatabase(dir);
    const pg = onPostgres ? await freshPostgresDatabase({ server: o.postgres!, migrated: true }) : undefined;
    const pgUrl = pg?.url ?? '';
    const store: Record<string, string> = onPostgres ? { KB_DATABASE_URL: pgUrl } : { KB_DB_PATH: dbPath };
    const env = { ...store, KB_RATE_LIMIT_PER_MINUTE: '1000000', KB_RETENTION_DAYS: '0' };
    const args = [manifest, ...(variant.startsWith('naive') ? ['--naive'] : [])];
    const instances = variant.endsWith('×2') ? 2 : 1;
    const servers = variant.endsWith('floor')
      ? [await startFloor(dbPath, variant === 'narrow floor')]
      : await Promise.all(Array.from({ length: instances }, () => serveSite(dist, env, { script: BENCH_SERVER, args })));
    const urls = servers.map((s) => s.url);
    const sample = requestBodies(mode, 'x');
    const perRequest = Array.from({ length: 2000 }, sample).reduce((n, b) => n + b.events, 0) / 2000;
    const next = requestBodies(mode, `${variant[0]}${mode[0]}`);
    const steps: StepResult[] = [];
    const acknowledged = new Set<string>();
    try {
      await loadStep(urls, Math.ceil(PLAN[mode][0]! / perRequest / 2), 1, next, perRequest); // warm-up, not counted
      for (const eps of PLAN[mode].slice(0, o.steps)) {
        const step = await loadStep(urls, Math.ceil(eps / perRequest), o.seconds, next, perRequest);
        steps.push(step);
        for (const s of step.acknowledged) acknowledged.add(s);
        log(
          `${variant.padEnd(7)} ${mode.padEnd(7)} offered ${fmt(Math.round(step.offeredEps)).padStart(6)} ev/s → ${fmt(Math.round(step.eventsPerSecond)).padStart(6)} ev/s, p50 ${ms(step.p50)} ms, p99 ${ms(step.p99)} ms, ${step.failures} failures`,
        );
        // Past the point where the server keeps up, go on while what it acknowledges still grows: one slow step on a
        // shared machine would otherwise end the run below the server's peak.
        const previous = steps.at(-2);
        if (!keptUp(step) && previous && !keptUp(previous) && step.eventsPerSecond < 1.05 * previous.eventsPerSecond) break;
      }
    } finally {
      await Promise.all(servers.map((s) => s.kill()));
    }
    const lost = await missingSessions(onPostgres ? { url: pgUrl } : { path: dbPath }, acknowledged);
    await pg?.drop();
    return { variant, mode, perRequest, steps, lost };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function summarize(runs: Run[]) {
  const find = (v: Variant, m: IngestMode) => runs.find((r) => r.variant === v && r.mode === m);
  return runs.map((r) => {
    const peak = r.steps.reduce((a, s) => (s.eventsPerSecond > a.eventsPerSecond ? s : a), r.steps[0]!);
    const sustained = best(r.steps, meetsLatency);
    const lantern = find(r.variant.includes('·pg') ? 'lantern·pg' : 'lantern', r.mode);
    const lanternPeak = lantern ? Math.max(...lantern.steps.map((s) => s.eventsPerSecond)) : 0;
    return { r, peak, sustained, vsLantern: r.variant.startsWith('lantern') ? null : lanternPeak / peak.eventsPerSecond };
  });
}

async function run(o: BenchOptions): Promise<BenchResult> {
  const machine = describeMachine();
  o.log(machineLine(machine));
  const seconds = Number(o.flags.seconds ?? (o.quick ? 2 : 4));
  const dist = fixtureSite();
  const dir = mkdtempSync(join(tmpdir(), 'lantern-ingest-manifest-'));
  const manifest = join(dir, 'kb-manifest.json');
  writeManifest(manifest);
  const runs: Run[] = [];
  const postgres = typeof o.flags.postgres === 'string' ? o.flags.postgres : undefined;
  try {
    const narrow: [Variant, IngestMode][] = o.flags['narrow-floor'] === true ? [['narrow floor', 'full']] : [];
    const only = typeof o.flags.mode === 'string' ? o.flags.mode : undefined;
    const plan = [
      ...(o.quick ? QUICK_RUNS : RUNS),
      ...narrow,
      ...(postgres ? (o.quick ? POSTGRES_RUNS.slice(0, 2) : POSTGRES_RUNS) : []),
    ].filter(([, mode]) => only === undefined || mode === only);
    for (const [variant, mode] of plan)
      runs.push(await runOne(variant, mode, dist, manifest, { seconds, steps: o.quick ? 2 : PLAN[mode].length, postgres }, o.log));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Faults need a PostgreSQL of their own to restart and cut off: only with --postgres, where its binaries are known.
  const faults = postgres && o.flags.mode === undefined ? await postgresFaults(o.log) : [];
  const faultHeader = ['fault', 'requests', 'acknowledged', 'refused (503)', 'stored once', 'lost', 'longest wait ms', 'process'];
  const faultTable = faults.map((f) => [
    f.fault,
    fmt(f.requests),
    fmt(f.acknowledged),
    fmt(f.refused),
    fmt(f.stored),
    String(f.lost),
    fmt(f.longestWaitMs),
    f.survived ? 'up' : '**exited**',
  ]);
  const faultsOk = faults.every((f) => f.lost === 0 && f.survived);
  const rows = summarize(runs);
  const header = [
    'server',
    'requests',
    'events/request',
    'peak events/s',
    'p99 at peak ms',
    `events/s at p99 ≤ ${TARGET.p99} ms`,
    'Lantern / this',
    'acked, not stored',
  ];
  const table = rows.map(({ r, peak, sustained, vsLantern }) => [
    r.variant,
    r.mode,
    r.perRequest.toFixed(1),
    fmt(Math.round(peak.eventsPerSecond)),
    ms(peak.p99),
    sustained ? fmt(Math.round(sustained)) : '—',
    vsLantern === null ? '' : ratio(vsLantern),
    String(r.lost),
  ]);
  const stepsHeader = ['server', 'requests', 'offered ev/s', 'acked ev/s', 'p50 ms', 'p99 ms', 'failures'];
  const steps = runs.flatMap((r) =>
    r.steps.map((s) => [
      r.variant,
      r.mode,
      fmt(Math.round(s.offeredEps)),
      fmt(Math.round(s.eventsPerSecond)),
      ms(s.p50),
      ms(s.p99),
      String(s.failures),
    ]),
  );
  const lost = runs.reduce((n, r) => n + r.lost, 0);
  const lanternFull = rows.find((x) => x.r.variant === 'lantern' && x.r.mode === 'full');
  const floorFull = rows.find((x) => x.r.variant === 'floor' && x.r.mode === 'full');
  const verdicts = [
    lanternFull &&
      `Lantern, full batches: ${fmt(Math.round(lanternFull.sustained))} events/s with p99 ≤ ${TARGET.p99} ms (target ≥ ${fmt(TARGET.eventsPerSecond)}: ${lanternFull.sustained >= TARGET.eventsPerSecond ? 'met' : '**missed**'})${floorFull ? `; the floor, in the same run: ${fmt(Math.round(floorFull.sustained))} events/s with p99 ≤ ${TARGET.p99} ms${floorFull.sustained < TARGET.eventsPerSecond ? ' (below the target too: a bare server writing the same tables, with the same fsync per commit, does not reach it on this machine)' : ''}` : ''}`,
    ...rows
      .filter((x) => x.vsLantern !== null)
      .map((x) => {
        const name = `${x.r.variant.endsWith('·pg') ? 'Lantern·pg' : 'Lantern'} / ${x.r.variant} (${x.r.mode}, peak events/s): ${ratio(x.vsLantern!)}`;
        if (x.r.variant === 'narrow floor') return `${name} (for reference: a server writing 4 of the tables, not judged)`;
        const target = x.r.variant.startsWith('naive') ? TARGET.naive : TARGET.floor;
        return `${name} (target ≥ ${target}×: ${x.vsLantern! >= target ? 'met' : '**missed**'})`;
      }),
  ].filter(Boolean);
  const peakOf = (v: Variant, m: IngestMode) => rows.find((x) => x.r.variant === v && x.r.mode === m)?.peak.eventsPerSecond;
  for (const mode of ['full', 'single'] as const) {
    const [sqlite, pg, pg2] = [peakOf('lantern', mode), peakOf('lantern·pg', mode), peakOf('lantern·pg×2', mode)];
    if (sqlite && pg)
      verdicts.push(
        `PostgreSQL / SQLite, Lantern (${mode}, peak events/s): ${ratio(pg / sqlite)} (target ≥ ${TARGET.postgresVsSqlite}×: ${pg / sqlite >= TARGET.postgresVsSqlite ? 'met' : '**missed**'})`,
      );
    if (pg && pg2)
      verdicts.push(
        `Two instances / one on PostgreSQL (${mode}, peak events/s): ${ratio(pg2 / pg)} (target ≥ ${TARGET.twoInstances}×: ${pg2 / pg >= TARGET.twoInstances ? 'met' : '**missed**'}; the instances, PostgreSQL and the load generator share the same 2 cores)`,
      );
  }
  const narrowRun = runs.some((r) => r.variant === 'narrow floor');
  const markdown = [
    `Run ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- ingest${o.quick ? ' --quick' : ''}${narrowRun ? ' --narrow-floor' : ''}${postgres ? ' --postgres <url>' : ''}\`. Machine: ${machineLine(machine)}, ${loadavg()[0]!.toFixed(2)} at the end (the load generator runs on the same 2 cores as the server).`,
    '',
    ...markdownTable(header, table, 2),
    '',
    ...verdicts.map((v) => `- ${v}`),
    `- 202 means committed: after each run the server was killed (SIGKILL) and ${lost === 0 ? 'every' : `**${lost} not every**`} session of an acknowledged request was found in the database.`,
    '',
    ...(faults.length
      ? [
          `PostgreSQL faults (\`--postgres\`; test/bench/ingest-faults.ts): a private cluster behind a TCP proxy on loopback, ${FAULT_CLIENTS} clients posting single view events, one fault at a time while they do. Lost = acknowledged (202) but not stored exactly once.`,
          '',
          ...markdownTable(faultHeader, faultTable, 1),
          '',
        ]
      : []),
    'Every step:',
    '',
    ...markdownTable(stepsHeader, steps, 2),
    '',
    `Requests: \`full\` = 50 events of many sessions (a relay or a busy tab queue), \`session\` = one reader's session as the tracker sends it when its queue drains, \`single\` = one event. Each step posts at a fixed request rate for ${seconds} s, open loop (request i is due at i / rate on keep-alive connections, as many as are waited on, and its latency counts from when it was due: test/bench/ingest-load.ts), after a 1 s warm-up; a run stops once two steps in a row fall behind (less than 95% acknowledged) and the second acknowledges no more than 5% above the first. Servers: \`lantern\` = the built site served as by \`npm start\` (group commit); \`naive\` = the same server with one transaction per request (test/bench/bench-server.ts with --naive); \`floor\` = test/bench/ingest-floor-server.ts, a bare node:http server writing the same tables with prepared statements and group commit, one upsert per event and table (raw event, session, its per-article or per-query row, each rollup at its four levels), no validation, dedupe or final-vote logic${narrowRun ? '; `narrow floor` (`--narrow-floor`) = the same server writing only sessions, events, article_daily and query_daily (the floor of earlier runs; for reference)' : ''}. All use synchronous=FULL (a 202 survives a power cut). \`·pg\` rows (with \`--postgres <url>\`): the same server on PostgreSQL at that URL (default settings, synchronous_commit on), a fresh database per run; \`·pg×2\`: two such servers on one database, the load's requests sent to each in turn (as a balancer would); the floor is SQLite-only.`,
  ].join('\n');
  const faultText = faults.length ? `\n\n${textTable(faultHeader, faultTable, 1)}` : '';
  return { text: `${textTable(header, table, 2)}\n\n${verdicts.join('\n')}${faultText}`, markdown, ok: lost === 0 && faultsOk };
}

export const benchmark: Benchmark = { title: 'Ingest', run };
