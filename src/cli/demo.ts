/**
 * `npm run demo`: fills the events database with a simulated 90-day history, through the real write path, to explore
 * the reports.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { createDb, DEFAULT_DB_PATH } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { bulkLoad } from '../ingest/bulk-load.ts';
import { triageDemoFeedback } from '../demo/demo-triage.ts';
import type { PreparedEvent } from '../ingest/validate-batch.ts';
import { syncCatalog } from '../analytics/sync-catalog.ts';
import type { EventType } from '../domain/event-kinds.ts';
import { DEMO_USAGE, parseDemoArgs } from '../demo/demo-options.ts';
import { demoSummary } from '../demo/demo-summary.ts';
import { HOSTILE_COMMENTS, activePatterns } from '../demo/planted-patterns.ts';
import { firstDayStart, servedSearchTerms, simulateHistory } from '../demo/simulate-history.ts';
import { builtOrExit, envOrExit, fail, readManifest } from './cli-exit.ts';
import { progressBar } from './progress-bar.ts';

/** How many events the database already holds: 0 for a missing file or one not migrated yet. */
function storedEvents(path: string): number {
  if (!existsSync(path)) return 0;
  try {
    const sqlite = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
    try {
      const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'events'").get();
      return table ? (sqlite.prepare('select count(*) as n from events').get() as { n: number }).n : 0;
    } finally {
      sqlite.close();
    }
  } catch (error) {
    fail(`${path} is not a readable events database (${(error as Error).message}).\nRun \`npm run demo -- --reset\` to replace it.`);
  }
}

const args = parseDemoArgs(process.argv.slice(2));
if (args.kind === 'help') {
  console.log(DEMO_USAGE);
  process.exit(0);
}
if (args.kind === 'invalid') fail(args.message);
const options = args.options;
const env = envOrExit();
if (env.KB_DATABASE_URL)
  fail(
    'The demo writes the SQLite file at KB_DB_PATH. Unset KB_DATABASE_URL, run the demo, then copy it with `npm run db:copy -- --to <postgres URL>`.',
  );
const dbPath = resolve(env.KB_DB_PATH);

// Refuse before the (slow) build: the demo must never mix invented events into real ones.
const existing = options.reset ? 0 : storedEvents(dbPath);
if (existing > 0) {
  fail(
    `${env.KB_DB_PATH} already holds ${existing.toLocaleString('en-US')} events; the demo only fills an empty database.\nRun \`npm run demo -- --reset\` to delete it (every stored event, and admin logins) and start over,\nor point KB_DB_PATH at another file.`,
  );
}

const manifest = readManifest(builtOrExit());

if (options.reset && existsSync(dbPath)) {
  for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(file, { force: true });
  console.log(`Deleted ${env.KB_DB_PATH}.`);
}

const started = performance.now();
const { days, end, seed, sessionsPerDay } = options;
const events: PreparedEvent[] = [...simulateHistory(manifest, { days, end, seed, sessionsPerDay })];
const byType: Partial<Record<EventType, number>> = {};
const sessions = new Set<string>();
const hostileSlugs: string[] = [];
const hostileTexts = new Set<string>(HOSTILE_COMMENTS.map((h) => h.comment));
for (const e of events) {
  byType[e.type] = (byType[e.type] ?? 0) + 1;
  sessions.add(e.session);
  if (e.type === 'feedback' && e.comment && hostileTexts.has(e.comment)) hostileSlugs.push(e.article);
}

const store = createDb(dbPath);
let written: number;
try {
  const applied = await migrateToLatest(store.db);
  if (applied.length) console.log(`Events database: ${env.KB_DB_PATH} (applied ${applied.join(', ')})`);
  for (const { day, terms } of servedSearchTerms(manifest, options)) await syncCatalog(store.db, manifest.articles, terms, day);
  console.error(`Writing ${events.length.toLocaleString('en-US')} events for ${days} days through the events write path…`);
  const bar = progressBar(events.length, { unit: 'events', verb: 'Loading' });
  written = await bulkLoad(store, events, { onProgress: (n) => bar.update(n) });
  bar.done(written);
  await triageDemoFeedback(store.db, Date.parse(`${end}T23:59:59Z`), seed);
} finally {
  await store.close();
}

const from = new Date(firstDayStart(options)).toISOString().slice(0, 10);
console.log(
  demoSummary({
    from,
    to: end,
    days,
    seed,
    sessions: sessions.size,
    byType,
    written,
    elapsedMs: performance.now() - started,
    patterns: activePatterns(manifest),
    hostileSlugs,
    dbPath: env.KB_DB_PATH === DEFAULT_DB_PATH ? undefined : env.KB_DB_PATH,
  }),
);
