/** The server's long-lived parts, created on first use: the store (migrated), the manifest, events, reports access. */
import type { EventStore } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { parseEnv, type Env } from '../schemas/env.ts';
import { EventsIntake } from '../ingest/events-intake.ts';
import { CommitThread } from '../ingest/commit-thread.ts';
import { findManifest, manifestFile, type PublishedArticles } from '../ingest/published-articles.ts';

import { scheduleRetention } from '../ingest/retention.ts';
import { scheduleSessionClosing } from '../ingest/close-sessions.ts';
import { scheduleAlerts } from '../alerts/schedule-alerts.ts';
import { syncCatalog, syncTicketTags } from '../analytics/sync-catalog.ts';
import { reportSource, type ReportSource } from '../analytics/report-registry.ts';
import { AdminAuth } from './admin-auth.ts';
import { AuditLog } from './audit-log.ts';
import { Team } from './team.ts';
import { SingleSignOn } from './single-sign-on.ts';
import { openConfiguredStore } from './open-store.ts';
import { RateLimiter } from './rate-limit.ts';
import { ServerMetrics } from './metrics.ts';
import type { GroupCommitted } from '../ingest/commit-queue.ts';
import { DAY_MS } from '../domain/utc-day.ts';

export interface Runtime {
  env: Env;
  store: EventStore;
  events: EventsIntake;
  /** The store as the reports read it, with what they remember of it between requests. */
  reports: ReportSource;
  auth: AdminAuth;
  team: Team;
  audit: AuditLog;
  /** Single sign-on, when KB_OIDC_ISSUER is set. */
  sso: SingleSignOn | undefined;
  /** Sign-in attempts per client address: 5 at once, then one every 12 seconds. */
  loginLimiter: RateLimiter;
  /** Sign-in attempts per account (the email typed, known or not): 5 at once, then one a minute. */
  accountLimiter: RateLimiter;
  /** Brings the articles table up to the current build before a report reads it. */
  syncCatalog(): Promise<void>;
  metrics: ServerMetrics;
}

/** What the process that serves the build knows and the bundle cannot find out by itself. */
export interface RuntimeOptions {
  /** The build's kb-manifest.json; otherwise looked for around the running bundle. */
  manifestPath?: string;
  /** The commit worker's script (ingest/commit-worker.ts): SQLite commits then run on a thread of their own. */
  writerScript?: string;
  /** false: one transaction per request, the naive design the ingest benchmark measures against. */
  groupCommit?: boolean;
}

/**
 * One runtime per process, kept on globalThis: the production server answers POST /api/events from this source tree
 * (server/node-events-route.ts) while Astro's bundle, with its own copy of this module, serves everything else, and
 * both must use the same store, writer thread and rate limits. This slot is the only state shared that way.
 */
const RUNTIME = Symbol.for('lantern.runtime');
const shared = globalThis as { [RUNTIME]?: { options: RuntimeOptions; runtime?: Promise<Runtime> } };

/** Called by the server before it loads the bundle, so both copies of this module create the same runtime. */
export function configureRuntime(options: RuntimeOptions): void {
  shared[RUNTIME] = { options };
}

async function create(options: RuntimeOptions): Promise<Runtime> {
  const env = parseEnv();
  const store = openConfiguredStore(env);
  await migrateToLatest(store.db);
  if (env.KB_RETENTION_DAYS > 0) scheduleRetention(store.db, env.KB_RETENTION_DAYS);
  let published: PublishedArticles | undefined;
  const manifest = () => {
    if (!published) {
      const path = options.manifestPath ?? findManifest(import.meta.dirname);
      if (path) published = manifestFile(path);
    }
    return published;
  };
  // SQLite commits block the thread they run on: the server gives them a thread of their own (the naive design keeps
  // them here).
  const groupCommit = options.groupCommit ?? true;
  const metrics = new ServerMetrics(store);
  const onGroup = (g: GroupCommitted) => metrics.group(g.items, g.seconds, g.ok);
  const thread =
    store.dialect === 'sqlite' && groupCommit && options.writerScript ? new CommitThread(options.writerScript, onGroup) : undefined;
  const perMinute = env.KB_RATE_LIMIT_PER_MINUTE;
  const limiter = new RateLimiter({ burst: Math.max(10, Math.ceil(perMinute / 6)), perSecond: perMinute / 60 });
  const events = new EventsIntake({
    store,
    dialect: store.dialect,
    limit: (address) => limiter.take(address),
    published: manifest,
    groupCommit,
    committer: thread,
    onGroup,
    onCommitWait: (seconds) => metrics.commitWait(seconds),
  });
  let synced = -1;
  let syncing: Promise<void> | undefined;
  const syncOnce = async () => {
    const current = manifest()?.current();
    if (!current || current.version === synced) return;
    await syncCatalog(store.db, current.articles, current.searchTerms);
    await syncTicketTags(store.db, current.ticketTags);
    synced = current.version;
  };
  // One sync at a time: reports arriving together after a rebuild (or after the store came back) wait for the same one
  // instead of each taking a writer's connection to rewrite the same rows.
  const sync = () => (syncing ??= syncOnce().finally(() => (syncing = undefined)));
  scheduleSessionClosing(store.db, store.dialect, sync);
  scheduleAlerts(store.db, env);
  const audit = new AuditLog(store.db);
  const prune = () => audit.prune(env.KB_AUDIT_RETENTION_DAYS).catch((error: unknown) => console.error('audit log pruning failed:', error));
  void prune();
  setInterval(prune, DAY_MS).unref();
  return {
    env,
    store,
    events,
    reports: reportSource(store.reports ?? store.db, (report, seconds) => metrics.report(report, seconds)),
    auth: new AdminAuth(store.db, env.KB_ADMIN_TOKEN),
    team: new Team(store.db),
    audit,
    sso: env.KB_OIDC_ISSUER ? new SingleSignOn(env) : undefined,
    loginLimiter: new RateLimiter({ burst: 5, perSecond: 5 / 60 }),
    accountLimiter: new RateLimiter({ burst: 5, perSecond: 1 / 60 }),
    syncCatalog: sync,
    metrics,
  };
}

export function getRuntime(): Promise<Runtime> {
  const slot = (shared[RUNTIME] ??= { options: {} });
  slot.runtime ??= create(slot.options).catch((error) => {
    slot.runtime = undefined; // let the next request try again (e.g. the disk was full at start)
    throw error;
  });
  return slot.runtime;
}
