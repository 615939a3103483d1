/**
 * Counter changes gathered while writing one group of events, applied at the end as multi-row additive upserts
 * (`n = n + excluded.n`), to each daily rollup and to its weekly, monthly, quarterly and yearly copies.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { greatest, nullableExtreme, type Dialect } from '../../db/dialect-sql.ts';
import { writeRows } from './write-rows.ts';
import type { RevisionRef } from './dimension-ids.ts';
import { ROLLUP_KEY, type RollupLevel } from '../domain/utc-day.ts';

export const ARTICLE_COUNTERS = [
  'views',
  'view_sessions',
  'escalations',
  'contacts',
  'search_clicks',
  'up',
  'down',
  'outdated',
  'unclear',
  'didnt_solve',
  'product_issue',
  'other',
  'comments',
] as const;
export const QUERY_COUNTERS = ['searches', 'zero_results', 'clicked', 'escalated'] as const;
export const SESSION_DAY_COUNTERS = ['kb_sessions', 'escalated', 'confirmed', 'searches'] as const;
export const REVISION_COUNTERS = ['up', 'down', 'view_sessions', 'contacts', 'outdated', 'unclear'] as const;
export type RevisionCounter = (typeof REVISION_COUNTERS)[number];
export type ArticleCounter = (typeof ARTICLE_COUNTERS)[number];
export type QueryCounter = (typeof QUERY_COUNTERS)[number];
export type SessionDayCounter = (typeof SESSION_DAY_COUNTERS)[number];

/** The transaction, or a statement batch sent on it (PostgreSQL): nothing here reads what it writes. */
type Trx = Kysely<Database>;
type Row = Record<string, number | string | null>;

const LEVELS = Object.keys(ROLLUP_KEY) as RollupLevel[];
/** The key of the bucket a day falls in, in a `<family>_<level>` rollup. */
const bucketDay = (table: string, day: string) => ROLLUP_KEY[table.slice(table.lastIndexOf('_') + 1) as RollupLevel](day);

/** Rows keyed by their key columns, each with every counter (zero when untouched: an upsert adds nothing for it). */
class Bucket {
  readonly rows = new Map<string, Row>();
  private readonly counters: readonly string[];
  constructor(counters: readonly string[]) {
    this.counters = counters;
  }
  add(key: Row, counter: string, by: number): void {
    const id = Object.values(key).join('|');
    let row = this.rows.get(id);
    if (!row) {
      row = { ...key, ...Object.fromEntries(this.counters.map((c) => [c, 0])) };
      this.rows.set(id, row);
    }
    row[counter] = (row[counter] as number) + by;
  }
}

export class RollupDeltas {
  private readonly articles = new Bucket(ARTICLE_COUNTERS);
  private readonly queries = new Bucket(QUERY_COUNTERS);
  private readonly steps = new Map<string, { day: string; article_id: number; step: number; steps: number; sessions: number }>();
  private readonly clicks = new Bucket(['clicks']);
  private readonly corrections = new Bucket(['searches']);
  private readonly followups = new Bucket(['sessions']);
  private readonly days = new Bucket(SESSION_DAY_COUNTERS);
  private readonly sessionIds = new Map<string, { first: number; last: number }>();
  private readonly revisionCounts: {
    day: string;
    articleId: number;
    revision: number | RevisionRef;
    counter: RevisionCounter;
    by: number;
  }[] = [];

  article(articleId: number, day: string, counter: ArticleCounter, by = 1): void {
    this.articles.add({ day, article_id: articleId }, counter, by);
  }
  query(queryId: number, day: string, counter: QueryCounter, by = 1): void {
    this.queries.add({ day, query_id: queryId }, counter, by);
  }
  step(articleId: number, day: string, step: number, steps: number): void {
    const key = `${day}|${articleId}|${step}`;
    const row = this.steps.get(key) ?? { day, article_id: articleId, step, steps, sessions: 0 };
    row.sessions += 1;
    row.steps = Math.max(row.steps, steps);
    this.steps.set(key, row);
  }
  click(queryId: number, articleId: number, day: string): void {
    this.clicks.add({ article_id: articleId, day, query_id: queryId }, 'clicks', 1);
  }
  correction(queryId: number, correctedId: number, day: string): void {
    this.corrections.add({ day, query_id: queryId, corrected_query_id: correctedId }, 'searches', 1);
  }
  /** A session opened `articleId` after searching `queryId` on `day` and seeing nothing. */
  followup(queryId: number, articleId: number, day: string): void {
    this.followups.add({ day, query_id: queryId, article_id: articleId }, 'sessions', 1);
  }
  sessionDay(day: string, counter: SessionDayCounter, by: number): void {
    this.days.add({ day }, counter, by);
  }
  /** A session created with this day: the day's range of session ids grows to hold it. */
  sessionCreated(day: string, id: number): void {
    const ids = this.sessionIds.get(day);
    if (!ids) this.sessionIds.set(day, { first: id, last: id });
    else Object.assign(ids, { first: Math.min(ids.first, id), last: Math.max(ids.last, id) });
  }
  /** A final vote added (1) or taken back (-1), by the revision it was cast on; the revision may not have an id yet. */
  revisionVote(articleId: number, day: string, revision: number | RevisionRef, vote: 'up' | 'down', by: number): void {
    this.revisionCounts.push({ day, articleId, revision, counter: vote, by });
  }
  /** A revision's readers, page contacts, or final down votes' outdated/unclear reasons (taken back with -1). */
  revision(articleId: number, day: string, revision: number | RevisionRef, counter: RevisionCounter, by = 1): void {
    this.revisionCounts.push({ day, articleId, revision, counter, by });
  }

  async apply(trx: Trx, dialect: Dialect): Promise<void> {
    for (const table of LEVELS.map((l) => `article_${l}` as const)) {
      await upsert(trx, dialect, table, rows(this.articles, table, ['day', 'article_id']), ['day', 'article_id'], ARTICLE_COUNTERS);
    }
    for (const table of LEVELS.map((l) => `query_${l}` as const))
      await upsert(trx, dialect, table, rows(this.queries, table, ['day', 'query_id']), ['day', 'query_id'], QUERY_COUNTERS);
    await upsert(trx, dialect, 'query_article_daily', [...this.clicks.rows.values()], ['article_id', 'day', 'query_id'], ['clicks']);
    const corrections = [...this.corrections.rows.values()];
    await upsert(trx, dialect, 'query_correction_daily', corrections, ['day', 'query_id', 'corrected_query_id'], ['searches']);
    await upsert(trx, dialect, 'query_followup_daily', [...this.followups.rows.values()], ['day', 'query_id', 'article_id'], ['sessions']);
    const votes = new Bucket(REVISION_COUNTERS);
    for (const v of this.revisionCounts)
      votes.add(
        { day: v.day, article_id: v.articleId, revision_id: typeof v.revision === 'number' ? v.revision : v.revision.id },
        v.counter,
        v.by,
      );
    for (const table of LEVELS.map((l) => `revision_votes_${l}` as const))
      await upsert(
        trx,
        dialect,
        table,
        rows(votes, table, ['day', 'article_id', 'revision_id']),
        ['day', 'article_id', 'revision_id'],
        REVISION_COUNTERS,
      );
    for (const table of LEVELS.map((l) => `tutorial_step_${l}` as const)) {
      const steps = new Map<string, Row & { steps: number; sessions: number }>();
      for (const s of this.steps.values()) {
        const day = bucketDay(table, s.day);
        const key = `${day}|${s.article_id}|${s.step}`;
        const row = steps.get(key) ?? { ...s, day, sessions: 0 };
        row.sessions += s.sessions;
        row.steps = Math.max(row.steps, s.steps);
        steps.set(key, row);
      }
      await upsert(trx, dialect, table, [...steps.values()], ['day', 'article_id', 'step'], ['sessions'], {
        steps: greatest(dialect, sql.ref(`${table}.steps`), sql.ref('excluded.steps')),
      });
    }
    for (const day of this.sessionIds.keys()) this.days.add({ day }, 'kb_sessions', 0);
    const changedDays = [...this.days.rows.values()]
      .filter((r) => this.sessionIds.has(r.day as string) || SESSION_DAY_COUNTERS.some((c) => r[c] !== 0))
      .map((r) => ({
        ...r,
        first_session_id: this.sessionIds.get(r.day as string)?.first ?? null,
        last_session_id: this.sessionIds.get(r.day as string)?.last ?? null,
      }));
    const ids = (column: string, which: 'least' | 'greatest') =>
      nullableExtreme(dialect, which, sql.ref(`session_daily.${column}`), sql.ref(`excluded.${column}`));
    await upsert(trx, dialect, 'session_daily', changedDays, ['day'], SESSION_DAY_COUNTERS, {
      first_session_id: ids('first_session_id', 'least'),
      last_session_id: ids('last_session_id', 'greatest'),
    });
  }
}

/** The daily rows as they are, or summed into their weeks, months, quarters or years for a coarser table. */
function rows(bucket: Bucket, table: string, keys: string[]): Row[] {
  if (table.endsWith('_daily')) return [...bucket.rows.values()];
  const coarser = new Map<string, Row>();
  for (const row of bucket.rows.values()) {
    const moved: Row = { ...row, day: bucketDay(table, row.day as string) };
    const id = keys.map((k) => moved[k]).join('|');
    const sum = coarser.get(id);
    if (!sum) coarser.set(id, moved);
    else for (const [k, v] of Object.entries(moved)) if (!keys.includes(k)) sum[k] = (sum[k] as number) + (v as number);
  }
  return [...coarser.values()];
}

/** `insert … on conflict (keys) do update set c = table.c + excluded.c` for each counter (and `extra`'s columns as given). */
async function upsert(
  trx: Trx,
  dialect: Dialect,
  table: keyof Database,
  list: Row[],
  keys: string[],
  counters: readonly string[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  const set = { ...Object.fromEntries(counters.map((c) => [c, sql`${sql.ref(`${table}.${c}`)} + ${sql.ref(`excluded.${c}`)}`])), ...extra };
  // In key order: concurrent writers on PostgreSQL then lock shared rows in the same order and cannot deadlock.
  const sorted = [...list].sort((a, b) => {
    for (const k of keys) if (a[k] !== b[k]) return (a[k] as string | number) < (b[k] as string | number) ? -1 : 1;
    return 0;
  });
  const columns = Object.fromEntries(
    [...keys, ...counters, ...Object.keys(extra)].map((c) => [c, c === 'day' ? 'text' : 'bigint'] as const),
  );
  await writeRows(trx, dialect, table, columns, sorted, (insert) =>
    insert.onConflict((oc) => oc.columns(keys as never).doUpdateSet(set as never)),
  );
}
