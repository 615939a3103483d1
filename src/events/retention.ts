/**
 * Retention: raw events older than KB_RETENTION_DAYS are deleted. Reports read the rollups, sessions and
 * comments, which stay, so their numbers for old ranges do not change; only recomputing from raw events does.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { DAY_MS } from './utc-day.ts';

// Small chunks keep each write transaction short, so events arriving meanwhile wait milliseconds, not seconds.
const CHUNK = 5000;

export async function purgeRawEvents(db: Kysely<Database>, retentionDays: number, now = Date.now()): Promise<number> {
  const cutoff = now - retentionDays * DAY_MS;
  let purged = 0;
  for (;;) {
    const result = await db
      .deleteFrom('events')
      .where('id', 'in', (eb) => eb.selectFrom('events').select('id').where('ts', '<', cutoff).limit(CHUNK))
      .executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    purged += deleted;
    if (deleted < CHUNK) return purged;
  }
}

/** Purges now and then every `everyMs` while the server runs; failures are logged and tried again next time. */
export function scheduleRetention(db: Kysely<Database>, retentionDays: number, everyMs = 6 * 60 * 60 * 1000): void {
  const run = () =>
    purgeRawEvents(db, retentionDays).then(
      (n) => n > 0 && console.log(`Retention: purged ${n} raw events older than ${retentionDays} days (reports keep their numbers).`),
      (error: unknown) => console.error('retention purge failed; trying again later:', error),
    );
  void run();
  setInterval(run, everyMs).unref();
}
