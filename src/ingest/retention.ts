/**
 * Retention: raw events older than KB_RETENTION_DAYS are deleted. Reports read the rollups, sessions and
 * comments, which stay, so their numbers for old ranges do not change; only recomputing from raw events does.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { DAY_MS } from '../domain/utc-day.ts';

// Small chunks keep each write transaction short, so events arriving meanwhile wait milliseconds, not seconds.
const ID_CHUNK = 20_000;

/**
 * Raw events have no time index (no report reads them by time), so the purge walks them in id order, a range of
 * ids per statement, and deletes the old ones in each: one pass over the table, a few milliseconds at a time.
 */
export async function purgeRawEvents(db: Kysely<Database>, retentionDays: number, now = Date.now()): Promise<number> {
  const cutoff = now - retentionDays * DAY_MS;
  const bounds = await db
    .selectFrom('events')
    .select((eb) => [eb.fn.min('id').as('lo'), eb.fn.max('id').as('hi')])
    .executeTakeFirst();
  if (bounds?.lo == null || bounds.hi == null) return 0;
  let purged = 0;
  for (let from = Number(bounds.lo); from <= Number(bounds.hi); from += ID_CHUNK) {
    const result = await db
      .deleteFrom('events')
      .where('id', '>=', from)
      .where('id', '<', from + ID_CHUNK)
      .where('ts', '<', cutoff)
      .executeTakeFirst();
    purged += Number(result.numDeletedRows);
  }
  return purged;
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
