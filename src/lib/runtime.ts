/** The server's long-lived parts, created on first use: the store (migrated), the manifest, the events service. */
import { createDb, type Store } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { parseEnv, type Env } from '../schemas/env.ts';
import { EventsService } from '../events/events-service.ts';
import { findManifest, manifestFile, type PublishedArticles } from '../events/published-articles.ts';

interface Runtime {
  env: Env;
  store: Store;
  events: EventsService;
}

let runtime: Promise<Runtime> | undefined;

async function create(): Promise<Runtime> {
  const env = parseEnv();
  const store = createDb(env.KB_DB_PATH);
  await migrateToLatest(store.db);
  let published: PublishedArticles | undefined;
  const events = new EventsService({
    store,
    dialect: 'sqlite',
    ratePerMinute: env.KB_RATE_LIMIT_PER_MINUTE,
    published: () => {
      if (!published) {
        const path = findManifest(import.meta.dirname);
        if (path) published = manifestFile(path);
      }
      return published;
    },
  });
  return { env, store, events };
}

export function getRuntime(): Promise<Runtime> {
  runtime ??= create().catch((error) => {
    runtime = undefined; // let the next request try again (e.g. the disk was full at start)
    throw error;
  });
  return runtime;
}
