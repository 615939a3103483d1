/**
 * `npm run demo`: fills the events database with a simulated 90-day history, through the real write path, to explore
 * the reports.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { createDb, DEFAULT_DB_PATH } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { triageDemoFeedback } from '../demo/demo-triage.ts';
import { loadDemoHistory, type DemoLoad } from '../demo/load-demo.ts';
import { syncCatalog, syncTicketTags } from '../analytics/sync-catalog.ts';
import type { EventType } from '../domain/event-kinds.ts';
import { DEMO_USAGE, parseDemoArgs } from '../demo/demo-options.ts';
import { demoSummary } from '../demo/demo-summary.ts';
import { HOSTILE_COMMENTS, activePatterns } from '../demo/planted-patterns.ts';
import { firstDayStart, servedSearchTerms, simulateDays } from '../demo/simulate-history.ts';
import { builtOrExit, envOrExit, fail, readManifest } from './cli-exit.ts';
import { progressBar } from './progress-bar.ts';

/**
 * How many events and help-desk tickets the database already holds: none for a missing file or one not migrated yet.
 */
function storedRows(path: string): { events: number; tickets: number } {
  if (!existsSync(path)) return { events: 0, tickets: 0 };
  try {
    const sqlite = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
    try {
      const count = (table: 'events' | 'tickets') =>
        sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table)
          ? (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
          : 0;
      return { events: count('events'), tickets: count('tickets') };
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

// Refuse before the (slow) build: the demo must never mix invented events or tickets into real ones.
const existing = options.reset ? { events: 0, tickets: 0 } : storedRows(dbPath);
if (existing.events > 0 || existing.tickets > 0) {
  const held =
    existing.tickets > 0
      ? `${existing.events.toLocaleString('en-US')} events and ${existing.tickets.toLocaleString('en-US')} tickets`
      : `${existing.events.toLocaleString('en-US')} events`;
  fail(
    `${env.KB_DB_PATH} already holds ${held}; the demo only fills an empty database.\nRun \`npm run demo -- --reset\` to delete it (every stored event, and admin logins) and start over,\nor point KB_DB_PATH at another file.`,
  );
}

const manifest = readManifest(builtOrExit());

if (options.reset && existsSync(dbPath)) {
  for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(file, { force: true });
  console.log(`Deleted ${env.KB_DB_PATH}.`);
}

const started = performance.now();
const { days, end, seed, sessionsPerDay } = options;
const simulated = [...simulateDays(manifest, { days, end, seed, sessionsPerDay })];
const byType: Partial<Record<EventType, number>> = {};
const sessions = new Set<string>();
const hostileSlugs: string[] = [];
const hostileTexts = new Set<string>(HOSTILE_COMMENTS.map((h) => h.comment));
let eventCount = 0;
for (const { events } of simulated) {
  eventCount += events.length;
  for (const e of events) {
    byType[e.type] = (byType[e.type] ?? 0) + 1;
    sessions.add(e.session);
    if (e.type === 'feedback' && e.comment && hostileTexts.has(e.comment)) hostileSlugs.push(e.article);
  }
}

const store = createDb(dbPath);
let loaded: DemoLoad;
try {
  const applied = await migrateToLatest(store.db);
  if (applied.length) console.log(`Events database: ${env.KB_DB_PATH} (applied ${applied.join(', ')})`);
  for (const { day, terms } of servedSearchTerms(manifest, options)) await syncCatalog(store.db, manifest.articles, terms, day);
  await syncTicketTags(store.db, manifest.ticket_tags);
  console.error(
    `Writing ${eventCount.toLocaleString('en-US')} events for ${days} days through the events write path, and their tickets through the help desk's…`,
  );
  const bar = progressBar(eventCount, { unit: 'events', verb: 'Loading' });
  loaded = await loadDemoHistory(store, simulated, { onProgress: (n) => bar.update(n) });
  bar.done(loaded.written);
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
    written: loaded.written,
    tickets: loaded.tickets,
    elapsedMs: performance.now() - started,
    patterns: activePatterns(manifest),
    hostileSlugs,
    dbPath: env.KB_DB_PATH === DEFAULT_DB_PATH ? undefined : env.KB_DB_PATH,
  }),
);
