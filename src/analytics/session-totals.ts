/**
 * Help-center sessions per day (a session with a view or a search), escalated and confirmed-deflected ones.
 * With a category or product-area filter, the range's sessions that viewed an article of that scope: closed ones
 * from session_scope_daily, open ones (the last two days) found from the readers of those articles.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { outcomeCount, outcomeSql } from '../domain/session-outcome.ts';
import { DAY_MS, utcDay } from '../domain/utc-day.ts';
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
    const days = await db
      .selectFrom('session_daily')
      .selectAll()
      .where('day', '>=', params.from)
      .where('day', '<=', params.to)
      .where('kb_sessions', '>', 0)
      .orderBy('day')
      .execute();
    return days.map((d) => ({
      day: d.day,
      kbSessions: d.kb_sessions,
      escalated: d.escalated,
      confirmed: d.confirmed,
      searches: d.searches,
    }));
  }
  // A day's sessions lie between the ids session_daily keeps for it (ids follow arrival, days the first event).
  const ids = await db
    .selectFrom('session_daily')
    .select((eb) => [eb.fn.min('first_session_id').as('first'), eb.fn.max('last_session_id').as('last')])
    .where('day', '>=', params.from)
    .where('day', '<=', params.to)
    .executeTakeFirst();
  if (ids?.first == null || ids.last == null) return [];
  const [first, last] = [Number(ids.first), Number(ids.last)];
  const [fromDay, toDay] = [Date.parse(`${params.from}T00:00:00Z`) / DAY_MS, Date.parse(`${params.to}T00:00:00Z`) / DAY_MS];
  // Readers of the scope's articles among the range's sessions: open ones in session_articles, closed ones in
  // session_reads (keyed by article, then session).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- both tables are aliased `r` with a session_id
  const inScopeAndRange = <Q extends SelectQueryBuilder<any, any, any>>(qb: Q) =>
    qb
      .where('r.article_id', 'in', db.selectFrom('articles as a').select('a.id').where(articleScope(params)))
      .where('r.session_id', '>=', first)
      .where('r.session_id', '<=', last) as Q;
  const openReaders = db
    .selectFrom('session_articles as r')
    .select('r.session_id')
    .where('r.first_view_at', 'is not', null)
    .$call(inScopeAndRange);
  const dayNumber = sql<number>`s.started_at / ${sql.lit(DAY_MS)}`;
  const perSession = (readers: typeof openReaders) =>
    db
      .selectFrom('sessions as s')
      .select([
        dayNumber.as('day_number'),
        sql<number>`1`.as('kb'),
        outcomeCount('escalated').as('escalated'),
        outcomeCount('confirmed').as('confirmed'),
        's.searches',
      ])
      .where('s.id', 'in', readers)
      .where(dayNumber, '>=', fromDay)
      .where(dayNumber, '<=', toDay)
      .where(outcomeSql('kb'));
  const scope =
    params.product_area === undefined
      ? { kind: 'category' as const, name: params.category }
      : params.category === undefined
        ? { kind: 'product_area' as const, name: params.product_area }
        : undefined;
  // One category or one product area: closed sessions are counted per day already, only open ones are looked up.
  // Both at once (rare): every reader of the articles in both is looked up.
  const perDay = scope
    ? db
        .selectFrom('session_scope_daily')
        .select(['day_number', 'kb_sessions as kb', 'escalated', 'confirmed', 'searches'])
        .where('kind', '=', scope.kind)
        .where('name', '=', scope.name!)
        .where('day_number', '>=', fromDay)
        .where('day_number', '<=', toDay)
        .unionAll(perSession(openReaders))
    : perSession(openReaders.union(db.selectFrom('session_reads as r').select('r.session_id').$call(inScopeAndRange)));
  // One statement, so a session closing meanwhile is counted once: either still open or already in the rollup.
  const rows = await db
    .selectFrom(perDay.as('d'))
    .select([
      'd.day_number',
      sql<number>`sum(d.kb)`.as('kb'),
      sql<number>`sum(d.escalated)`.as('escalated'),
      sql<number>`sum(d.confirmed)`.as('confirmed'),
      sql<number>`sum(d.searches)`.as('searches'),
    ])
    .groupBy('d.day_number')
    .orderBy('d.day_number')
    .execute();
  return rows.map((r) => ({
    day: utcDay(Number(r.day_number) * DAY_MS),
    kbSessions: Number(r.kb),
    escalated: Number(r.escalated),
    confirmed: Number(r.confirmed),
    searches: Number(r.searches),
  }));
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
