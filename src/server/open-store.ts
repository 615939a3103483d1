/** The events store the configuration names: PostgreSQL at KB_DATABASE_URL, otherwise the SQLite file at KB_DB_PATH. */
import { openStore, type EventStore } from '../../db/client.ts';
import type { Env } from '../schemas/env.ts';

export function openConfiguredStore(env: Env): EventStore {
  return openStore({
    url: env.KB_DATABASE_URL,
    path: env.KB_DB_PATH,
    maxSizeMb: env.KB_DB_MAX_MB,
    reportTimeoutMs: env.KB_REPORT_TIMEOUT_MS,
  });
}
