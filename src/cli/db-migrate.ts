/** `npm run db:migrate`: brings the events store (KB_DATABASE_URL, or the file at KB_DB_PATH) to the latest schema. */
import { migrateToLatest } from '../../db/migrate.ts';
import { openConfiguredStore } from '../server/open-store.ts';
import { ConfigError, parseEnv, type Env } from '../schemas/env.ts';

/** Returns the store's printable location and the migrations applied now. */
export async function migrateDatabase(env: Env): Promise<{ location: string; applied: string[] }> {
  const store = openConfiguredStore(env);
  try {
    return { location: store.location, applied: await migrateToLatest(store.db) };
  } finally {
    await store.close();
  }
}

if (import.meta.main) {
  try {
    const { location, applied } = await migrateDatabase(parseEnv());
    console.log(applied.length ? `Applied ${applied.join(', ')} to ${location}.` : `${location} is up to date.`);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}
