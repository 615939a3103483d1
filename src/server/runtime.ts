/** The server's long-lived parts, created on first use: the store (migrated), the manifest, events, reports access. */
import type { EventStore } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { parseEnv, type Env } from '../schemas/env.ts';
import { EventsService } from '../ingest/events-intake.ts';
import { WriterThread } from '../ingest/commit-thread.ts';
import { findManifest, manifestFile, type PublishedArticles } from '../ingest/published-articles.ts';
import { RateLimiter } from './rate-limit.ts';
import { scheduleRetention } from '../ingest/retention.ts';
import { scheduleSessionClosing } from '../ingest/close-sessions.ts';
import { syncCatalog } from '../analytics/sync-catalog.ts';
import { AdminAuth } from './admin-auth.ts';
import { openConfiguredStore } from './open-store.ts';

interface Runtime {
  env: Env;
  store: EventStore;
  events: EventsService;
  auth: AdminAuth;
  /** Login attempts per client address: 5 at once, then one every 12 seconds. */
  loginLimiter: RateLimiter;
  /** Brings the articles table up to the current build before a report reads it. */
  syncCatalog(): Promise<void>;
}

/**
 * One runtime per process, kept on globalThis: the production server answers POST /api/events from this source tree
 * (lib/node-events-route.ts) while Astro's bundle, with its own copy of this module, serves everything else, and
 * both must use the same store, writer thread and rate limits.
 */
const RUNTIME = Symbol.for('lantern.runtime');
const shared = globalThis as { [RUNTIME]?: Promise<Runtime> };

async function create(): Promise<Runtime> {
  const env = parseEnv();
  const store = openConfiguredStore(env);
  await migrateToLatest(store.db);
  if (env.KB_RETENTION_DAYS > 0) scheduleRetention(store.db, env.KB_RETENTION_DAYS);
  let published: PublishedArticles | undefined;
  const manifest = () => {
    if (!published) {
      const path = findManifest(import.meta.dirname);
      if (path) published = manifestFile(path);
    }
    return published;
  };
  // SQLite commits block the thread they run on: the server gives them a thread of their own (the naive design keeps them here).
  const thread = store.dialect === 'sqlite' && env.KB_GROUP_COMMIT && env.KB_WRITER_SCRIPT ? new WriterThread(env.KB_WRITER_SCRIPT) : undefined;
  const events = new EventsService({ store, dialect: store.dialect, ratePerMinute: env.KB_RATE_LIMIT_PER_MINUTE, published: manifest, groupCommit: env.KB_GROUP_COMMIT, committer: thread });
  let synced = -1;
  const sync = async () => {
    const current = manifest()?.current();
    if (!current || current.version === synced) return;
    await syncCatalog(store.db, current.articles);
    synced = current.version;
  };
  scheduleSessionClosing(store.db, store.dialect, sync);
  return {
    env,
    store,
    events,
    auth: new AdminAuth(store.db, env.KB_ADMIN_TOKEN),
    loginLimiter: new RateLimiter({ burst: 5, perSecond: 5 / 60 }),
    syncCatalog: sync,
  };
}

export function getRuntime(): Promise<Runtime> {
  shared[RUNTIME] ??= create().catch((error) => {
    shared[RUNTIME] = undefined; // let the next request try again (e.g. the disk was full at start)
    throw error;
  });
  return shared[RUNTIME];
}
