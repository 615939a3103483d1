/**
 * Help-center sessions per day (a session with a view or a search), escalated and confirmed-deflected ones.
 * With a category or product-area filter, the range's sessions that viewed an article of that scope, found from the
 * readers of those articles.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { addDays, DAY_MS, utcDay } from '../events/utc-day.ts';
import { articleScope, isScoped } from './article-scope.ts';

export interface SessionDay {
  day: string;
  kbSessions: number;
  escalated: number;
  confirmed: number;
  searches: number;
}

export async function sessionsByDay(db: Kysely<Database>, params: ReportParams): Promise<SessionDay[]> {
  if (!isScoped(params)) {
    // Kept at write time: one row per day instead of every session.
    const days = await db.selectFrom('session_daily').selectAll().where('day', '>=', params.from).where('day', '<=', params.to).where('kb_sessions', '>', 0).orderBy('day').execute();
    return days.map((d) => ({ day: d.day, kbSessions: d.kb_sessions, escalated: d.escalated, confirmed: d.confirmed, searches: d.searches }));
  }
  // A day's sessions lie between the ids session_daily keeps for it (ids follow arrival, days the first event).
  const ids = await db
    .selectFrom('session_daily')
    .select((eb) => [eb.fn.min('first_session_id').as('first'), eb.fn.max('last_session_id').as('last')])
    .where('day', '>=', params.from)
    .where('day', '<=', params.to)
    .executeTakeFirst();
  if (ids?.first == null || ids.last == null) return [];
  const dayNumber = sql<number>`s.started_at / ${sql.lit(DAY_MS)}`;
  // The range's sessions that viewed an article in scope: closed ones in session_reads (keyed by article, then
  // session), open ones in session_articles; both read only within the range's session ids.
  const [first, last] = [Number(ids.first), Number(ids.last)];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- both tables are aliased `r` with a session_id
  const inScopeAndRange = <Q extends SelectQueryBuilder<any, any, any>>(qb: Q) => qb.where(articleScope(params)).where('r.session_id', '>=', first).where('r.session_id', '<=', last) as Q;
  const readers = db
    .selectFrom('session_reads as r')
    .innerJoin('articles as a', 'a.id', 'r.article_id')
    .select('r.session_id')
    .$call(inScopeAndRange)
    .union(db.selectFrom('session_articles as r').innerJoin('articles as a', 'a.id', 'r.article_id').select('r.session_id').where('r.first_view_at', 'is not', null).$call(inScopeAndRange));
  const rows = await db
    .selectFrom('sessions as s')
    .select([
      dayNumber.as('day_number'),
      sql<number>`count(*)`.as('kb'),
      sql<number>`sum(case when s.contacts > 0 then 1 else 0 end)`.as('escalated'),
      sql<number>`sum(case when s.contacts = 0 and s.up_votes > 0 then 1 else 0 end)`.as('confirmed'),
      sql<number>`sum(s.searches)`.as('searches'),
    ])
    .where('s.id', 'in', readers)
    .where('s.started_at', '>=', Date.parse(`${params.from}T00:00:00Z`))
    .where('s.started_at', '<', Date.parse(`${addDays(params.to, 1)}T00:00:00Z`))
    .where((eb) => eb.or([eb('s.views', '>', 0), eb('s.searches', '>', 0)]))
    .groupBy(dayNumber)
    .orderBy(dayNumber)
    .execute();
  return rows.map((r) => ({ day: utcDay(Number(r.day_number) * DAY_MS), kbSessions: Number(r.kb), escalated: Number(r.escalated), confirmed: Number(r.confirmed), searches: Number(r.searches) }));
}

export function sumDays(days: SessionDay[]): Omit<SessionDay, 'day'> {
  const total = { kbSessions: 0, escalated: 0, confirmed: 0, searches: 0 };
  for (const d of days) {
    total.kbSessions += d.kbSessions;
    total.escalated += d.escalated;
    total.confirmed += d.confirmed;
    total.searches += d.searches;
  }
  return total;
}
