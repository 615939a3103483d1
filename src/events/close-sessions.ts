/**
 * Closing sessions. The browser starts a new session after 30 minutes without activity and the server clamps
 * event times to the last day, so a session idle for two days is over: its rollups are final. What the write path
 * kept per session and article or query (view dedupe, escalation after viewing or searching, the final vote) is
 * needed no more; only which articles the session viewed is kept, in session_reads, for reports filtered by
 * category or product area. Its key is forgotten, so the store no longer ties the session to a browser.
 * This is most of the store's size: per-session rows would otherwise grow with every visit, forever.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Dialect } from '../../db/dialect-sql.ts';
import { DAY_MS } from './utc-day.ts';

export const CLOSE_AFTER_MS = 2 * DAY_MS;
// Small transactions: events arriving meanwhile wait milliseconds, not seconds.
const CHUNK = 1000;

/** Closes every open session last seen before `now` minus two days; returns how many it closed. */
export async function closeIdleSessions(db: Kysely<Database>, dialect: Dialect, now = Date.now()): Promise<number> {
  const cutoff = now - CLOSE_AFTER_MS;
  let closed = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const idle = trx.selectFrom('sessions').select('id').where('key', 'is not', null).where('last_seen_at', '<', cutoff).orderBy('last_seen_at').limit(CHUNK);
      // Another server may be writing one of these sessions right now (PostgreSQL): leave it for the next pass.
      const ids = (await (dialect === 'postgres' ? idle.forUpdate().skipLocked() : idle).execute()).map((r) => r.id);
      if (ids.length === 0) return 0;
      await trx
        .insertInto('session_reads')
        .columns(['session_id', 'article_id'])
        .expression((eb) => eb.selectFrom('session_articles').select(['session_id', 'article_id']).where('session_id', 'in', ids).where('first_view_at', 'is not', null))
        .execute();
      await trx.deleteFrom('session_articles').where('session_id', 'in', ids).execute();
      await trx.deleteFrom('session_queries').where('session_id', 'in', ids).execute();
      await trx.updateTable('sessions').set({ key: null }).where('id', 'in', ids).execute();
      return ids.length;
    });
    closed += n;
    if (n < CHUNK) return closed;
  }
}

/** Closes idle sessions now and every `everyMs` while the server runs; failures are logged and tried again next time. */
export function scheduleSessionClosing(db: Kysely<Database>, dialect: Dialect, everyMs = 60 * 60 * 1000): void {
  const run = () => closeIdleSessions(db, dialect).catch((error: unknown) => console.error('closing idle sessions failed; trying again later:', error));
  void run();
  setInterval(run, everyMs).unref();
}
