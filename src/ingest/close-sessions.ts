/**
 * Closing sessions. The browser starts a new session after 30 minutes without activity and the server clamps
 * event times to the last day, so a session idle for two days is over: its rollups are final. What the write path
 * kept per session and article or query (view dedupe, escalation after viewing or searching, the final vote) is
 * needed no more; only which articles the session viewed is kept, in session_reads, for reports filtered by
 * category or product area, and it is counted once per day in each category and product area it read in
 * (session_scope_daily), which is what those reports read for closed sessions. Its key and help-desk reference are forgotten, so the
 * store no longer ties the session to a browser (tickets are joined before: see src/ingest/join-tickets.ts).
 * This is most of the store's size: per-session rows would otherwise grow with every visit, forever.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Dialect } from '../../db/dialect-sql.ts';
import { outcomeCount, outcomeSql } from '../domain/session-outcome.ts';
import { DAY_MS } from '../domain/utc-day.ts';
import { copyWhatWasRead, joinTickets } from './join-tickets.ts';

export const CLOSE_AFTER_MS = 2 * DAY_MS;
// Small transactions: events arriving meanwhile wait milliseconds, not seconds.
const CHUNK = 1000;

/** Open sessions last seen before `cutoff`. */
const idleSessions = (db: Kysely<Database>, cutoff: number) =>
  db.selectFrom('sessions').select('id').where('key', 'is not', null).where('last_seen_at', '<', cutoff);

/** Closes every open session last seen before `now` minus two days; returns how many it closed. */
export async function closeIdleSessions(db: Kysely<Database>, dialect: Dialect, now = Date.now()): Promise<number> {
  const cutoff = now - CLOSE_AFTER_MS;
  // Tickets still waiting for their session are joined while its reads and reference are kept.
  await joinTickets(db, now);
  let closed = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const idle = idleSessions(trx, cutoff).orderBy('last_seen_at').limit(CHUNK);
      // Another server may be writing one of these sessions right now (PostgreSQL): leave it for the next pass.
      const ids = (await (dialect === 'postgres' ? idle.forUpdate().skipLocked() : idle).execute()).map((r) => r.id);
      if (ids.length === 0) return 0;
      await countByScope(trx, ids);
      await copyWhatWasRead(trx, { sessions: ids });
      await trx
        .insertInto('session_reads')
        .columns(['session_id', 'article_id'])
        .expression((eb) =>
          eb
            .selectFrom('session_articles')
            .select(['session_id', 'article_id'])
            .where('session_id', 'in', ids)
            .where('first_view_at', 'is not', null),
        )
        .execute();
      await trx.deleteFrom('session_articles').where('session_id', 'in', ids).execute();
      await trx.deleteFrom('session_queries').where('session_id', 'in', ids).execute();
      await trx.updateTable('sessions').set({ key: null, ref: null }).where('id', 'in', ids).execute();
      return ids.length;
    });
    closed += n;
    if (n < CHUNK) return closed;
  }
}

const SCOPE_COUNTERS = ['kb_sessions', 'escalated', 'confirmed', 'searches'] as const;

/**
 * Adds the closing sessions to session_scope_daily, once per day and per category or product area they viewed an
 * article of, with the catalog as it is now (the server syncs it before closing). Rows are written in key order, so
 * two servers closing sessions at once (PostgreSQL) lock shared rows in the same order.
 */
async function countByScope(trx: Transaction<Database>, ids: number[]): Promise<void> {
  const day = sql<number>`s.started_at / ${sql.lit(DAY_MS)}`;
  for (const kind of ['category', 'product_area'] as const) {
    const readers = trx
      .selectFrom('session_articles as r')
      .innerJoin('articles as a', 'a.id', 'r.article_id')
      .select(['r.session_id', sql<string>`${sql.ref(`a.${kind}`)}`.as('name')])
      .distinct()
      .where('r.session_id', 'in', ids)
      .where('r.first_view_at', 'is not', null)
      .where(`a.${kind}`, 'is not', null);
    await trx
      .insertInto('session_scope_daily')
      .columns(['kind', 'name', 'day_number', ...SCOPE_COUNTERS])
      .expression(
        trx
          .selectFrom(readers.as('x'))
          .innerJoin('sessions as s', 's.id', 'x.session_id')
          .select([
            sql.lit(kind).as('kind'),
            'x.name',
            day.as('day_number'),
            sql<number>`count(*)`.as('kb_sessions'),
            sql<number>`sum(${outcomeCount('escalated')})`.as('escalated'),
            sql<number>`sum(${outcomeCount('confirmed')})`.as('confirmed'),
            sql<number>`sum(s.searches)`.as('searches'),
          ])
          .where(outcomeSql('kb'))
          .groupBy(['x.name', day])
          .orderBy('x.name')
          .orderBy(day),
      )
      .onConflict((oc) =>
        oc
          .columns(['kind', 'name', 'day_number'])
          .doUpdateSet(
            Object.fromEntries(SCOPE_COUNTERS.map((c) => [c, sql`${sql.ref(`session_scope_daily.${c}`)} + ${sql.ref(`excluded.${c}`)}`])),
          ),
      )
      .execute();
  }
}

/**
 * Closes idle sessions now and every `everyMs` while the server runs; failures are logged and tried again next time.
 * When some are idle, `beforeEach` brings the catalog up to date first: closed sessions are counted under their
 * articles' categories.
 */
export function scheduleSessionClosing(
  db: Kysely<Database>,
  dialect: Dialect,
  beforeEach: () => Promise<void>,
  everyMs = 60 * 60 * 1000,
): void {
  const closeIfIdle = async () => {
    if (
      !(await idleSessions(db, Date.now() - CLOSE_AFTER_MS)
        .limit(1)
        .executeTakeFirst())
    )
      return void (await joinTickets(db));
    await beforeEach();
    await closeIdleSessions(db, dialect);
  };
  const run = () => closeIfIdle().catch((error: unknown) => console.error('closing idle sessions failed; trying again later:', error));
  void run();
  setInterval(run, everyMs).unref();
}
