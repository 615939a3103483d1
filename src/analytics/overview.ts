/** Overview: the help center's headline numbers for a range, each beside the previous equal period and the change. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { articleScope, isScoped } from './article-scope.ts';
import { previousPeriod } from './report-period.ts';
import { column, defineTable, selfServiceCell, type Table } from './report-table.ts';
import { inBucket, overBuckets, rollupTable, signed } from './rollup-buckets.ts';
import { sessionsByDay, sumDays } from './session-totals.ts';
import { deflectionRate, selfServiceScore } from '../domain/session-outcome.ts';
import { rate } from './wilson.ts';
import { anyTicket, ticketSessionsByDay } from './ticket-totals.ts';

/**
 * `change` is relative for counts and ratios ((value − previous) / previous) and a difference in
 * percentage points, as a fraction, for rates; null when either side is null or the previous count is 0.
 */
export interface Metric {
  value: number | null;
  previous: number | null;
  change: number | null;
  unit: 'count' | 'rate' | 'ratio';
}

export interface Overview {
  range: { from: string; to: string };
  previousRange: { from: string; to: string };
  kbSessions: Metric;
  escalatedSessions: Metric;
  views: Metric;
  /**
   * Settled searches; with a category or product-area filter, those made in sessions that read an article of that
   * scope.
   */
  searches: Metric;
  votes: Metric;
  helpfulness: Metric;
  deflectionRate: Metric;
  /** KB sessions per escalated session; null when nothing escalated (shown as ∞ beside the counts). */
  selfServiceScore: Metric;
  /** Share of KB sessions that contacted support. */
  contactRate: Metric;
  /** KB sessions with a help-desk ticket joined to them; null until the help desk has sent a ticket. */
  ticketSessions: Metric | null;
  /** (KB sessions − sessions with a ticket) / KB sessions; null until the help desk has sent a ticket. */
  ticketDeflectionRate: Metric | null;
}

interface Totals {
  kbSessions: number;
  escalated: number;
  ticketSessions: number;
  views: number;
  searches: number;
  up: number;
  down: number;
}

async function totals(db: Kysely<Database>, params: ReportParams): Promise<Totals> {
  const sessions = sumDays(await sessionsByDay(db, params));
  // Views and final votes (dated by the vote: the same count the ratings report shows) from the daily rollup.
  const days = overBuckets(params, (b) =>
    db
      .selectFrom(rollupTable('article', b))
      .select(['article_id', signed(b, 'views'), signed(b, 'up'), signed(b, 'down')])
      .where(inBucket(b)),
  );
  const articles = await db
    .selectFrom(days.as('d'))
    .innerJoin('articles as a', 'a.id', 'd.article_id')
    .select([
      sql<number>`coalesce(sum(d.views), 0)`.as('views'),
      sql<number>`coalesce(sum(d.up), 0)`.as('up'),
      sql<number>`coalesce(sum(d.down), 0)`.as('down'),
    ])
    .where(articleScope(params))
    .executeTakeFirstOrThrow();
  let searches = sessions.searches;
  if (!isScoped(params)) {
    const queries = overBuckets(params, (b) => db.selectFrom(rollupTable('query', b)).select(signed(b, 'searches')).where(inBucket(b)));
    const row = await db
      .selectFrom(queries.as('q'))
      .select(sql<number>`coalesce(sum(q.searches), 0)`.as('searches'))
      .executeTakeFirstOrThrow();
    searches = Number(row.searches);
  }
  const tickets = (await ticketSessionsByDay(db, params)).reduce((n, d) => n + d.ticketSessions, 0);
  return {
    kbSessions: sessions.kbSessions,
    escalated: sessions.escalated,
    ticketSessions: tickets,
    views: Number(articles.views),
    searches,
    up: Number(articles.up),
    down: Number(articles.down),
  };
}

function metric(value: number | null, previous: number | null, unit: Metric['unit']): Metric {
  let change: number | null = null;
  if (value !== null && previous !== null) change = unit === 'rate' ? value - previous : rate(value - previous, previous);
  return { value, previous, change, unit };
}

export async function getOverview(db: Kysely<Database>, params: ReportParams): Promise<Overview> {
  const before = previousPeriod(params);
  const [now, then] = [await totals(db, params), await totals(db, before)];
  const derived = (t: Totals) => ({
    helpfulness: rate(t.up, t.up + t.down),
    deflection: deflectionRate(t.kbSessions, t.escalated),
    score: selfServiceScore(t.kbSessions, t.escalated),
    contact: rate(t.escalated, t.kbSessions),
    ticketDeflection: deflectionRate(t.kbSessions, t.ticketSessions),
  });
  const connected = await anyTicket(db);
  const [d, p] = [derived(now), derived(then)];
  return {
    range: { from: params.from, to: params.to },
    previousRange: { from: before.from, to: before.to },
    kbSessions: metric(now.kbSessions, then.kbSessions, 'count'),
    escalatedSessions: metric(now.escalated, then.escalated, 'count'),
    views: metric(now.views, then.views, 'count'),
    searches: metric(now.searches, then.searches, 'count'),
    votes: metric(now.up + now.down, then.up + then.down, 'count'),
    helpfulness: metric(d.helpfulness, p.helpfulness, 'rate'),
    deflectionRate: metric(d.deflection, p.deflection, 'rate'),
    selfServiceScore: metric(d.score, p.score, 'ratio'),
    contactRate: metric(d.contact, p.contact, 'rate'),
    ticketSessions: connected ? metric(now.ticketSessions, then.ticketSessions, 'count') : null,
    ticketDeflectionRate: connected ? metric(d.ticketDeflection, p.ticketDeflection, 'rate') : null,
  };
}

/**
 * `metrics`: one row per headline number (the self-service score as "∞" when nothing escalated); `range`: both periods.
 */
export function overviewTables(overview: Overview): Table[] {
  const { range, previousRange, ...metrics } = overview;
  const cells = (metric: string, m: Metric) =>
    metric === 'selfServiceScore'
      ? { value: selfServiceCell(m.value, metrics.kbSessions.value), previous: selfServiceCell(m.previous, metrics.kbSessions.previous) }
      : { value: m.value, previous: m.previous };
  const shown = Object.entries(metrics).filter((entry): entry is [string, Metric] => entry[1] !== null);
  const rows = shown.map(([metric, m]) => ({ metric, ...cells(metric, m), change: m.change, unit: m.unit }));
  return [
    defineTable(
      'metrics',
      [column('metric'), column('value', 'unit'), column('previous', 'unit'), column('change', 'change'), column('unit')],
      rows,
    ),
    defineTable(
      'range',
      [column('from'), column('to'), column('previous_from'), column('previous_to')],
      [{ from: range.from, to: range.to, previous_from: previousRange.from, previous_to: previousRange.to }],
    ),
  ];
}
