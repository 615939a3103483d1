/** `npm run db:migrate`: brings the database at KB_DB_PATH to the latest schema. */
import { createDb } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { ConfigError, parseEnv } from '../schemas/env.ts';

export async function migrateDatabase(path: string): Promise<string[]> {
  const store = createDb(path);
  try {
    return await migrateToLatest(store.db);
  } finally {
    await store.close();
  }
}

if (import.meta.main) {
  try {
    const env = parseEnv();
    const applied = await migrateDatabase(env.KB_DB_PATH);
    console.log(applied.length ? `Applied ${applied.join(', ')} to ${env.KB_DB_PATH}.` : `${env.KB_DB_PATH} is up to date.`);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}
