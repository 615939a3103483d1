/**
 * The per-session state a group of events reads and changes — sessions, session_articles, session_queries — loaded
 * with a few statements for the whole group, changed in memory, and written back once.
 */
import { sql, type Kysely, type OnConflictBuilder, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Database, SessionArticlesTable, SessionQueriesTable } from '../../db/schema.ts';
import { greatest, type Dialect } from '../../db/dialect-sql.ts';
import { prepared } from '../../db/postgres-client.ts';
import { eachCompiled, rowValues } from './chunked-insert.ts';
import { writeRows, type ColumnTypes } from './write-rows.ts';
import type { RevisionRef } from './dimension-ids.ts';
import { utcDay } from '../domain/utc-day.ts';

type Trx = Transaction<Database>;
/** Where writes whose results are not read go: the transaction, or a statement batch sent on it (PostgreSQL). */
type Writer = Kysely<Database>;
export const SESSION_COUNTERS = ['views', 'searches', 'contacts', 'up_votes', 'down_votes'] as const;
export type SessionCounter = (typeof SESSION_COUNTERS)[number];
type Counts = Record<SessionCounter, number>;

export interface SessionState {
  id: number;
  key: string;
  /** The UTC day it started: the day it counts on in session_daily. */
  day: string;
  startedAt: number;
  /** Counters as stored before this group, and what this group adds. */
  before: Counts;
  added: Counts;
  lastSeenAt: number;
  /** The first contact of this group, kept only where the session had none. */
  firstContactAt: number | null;
  /** Created by this group. */
  created: boolean;
  /** The help-desk reference its events carried (kept once stored: the first one wins). */
  ref: string | null;
}

/** A session_articles row; `revision` may be one this group creates. */
export type ArticleState = Omit<SessionArticlesTable, 'revision_id' | 'read_revision_id' | 'views' | 'escalated' | 'steps_reached'> & {
  views: number;
  escalated: number;
  steps_reached: number;
  revision: number | RevisionRef | null;
  readRevision: number | RevisionRef | null;
  dirty: boolean;
};
export type QueryState = Omit<SessionQueriesTable, 'clicked' | 'escalated'> & { clicked: number; escalated: number; dirty: boolean };

/**
 * Keys are unique among open sessions only (closed ones have none), so conflicts name that partial index's predicate.
 */
const openKey = (oc: OnConflictBuilder<Database, 'sessions'>) => oc.column('key').where('key', 'is not', null);

/** `any(<one array parameter>)`: a condition whose text is the same for any number of values (PostgreSQL). */
const anyOf = (values: readonly (string | number)[], type: 'text' | 'bigint') => sql<never>`any(${values}::${sql.raw(type)}[])`;

const zero = (): Counts => ({ views: 0, searches: 0, contacts: 0, up_votes: 0, down_votes: 0 });

/**
 * Every session the group names, by key: existing ones as stored, new ones created from their first event here.
 * On PostgreSQL several servers may write one session at once, so the group takes each session's row lock
 * (in key order, so two groups cannot deadlock) and holds it to the commit: per-session state is then
 * read and written by one transaction at a time, as it is on SQLite with its single writer.
 */
export async function loadSessions(
  trx: Trx,
  dialect: Dialect,
  first: Map<string, { ts: number; day: string }>,
): Promise<Map<string, SessionState>> {
  const sessions = new Map<string, SessionState>();
  let pending = [...first.keys()].sort();
  // A second pass only when another server closed a session between this group's insert and its read (PostgreSQL).
  for (let pass = 0; pending.length > 0 && pass < 2; pass++) {
    const fresh = pending.map((key) => ({ key, started_at: first.get(key)!.ts, last_seen_at: first.get(key)!.ts }));
    const inserted =
      dialect === 'postgres'
        ? await insertSessionsAtOnce(trx, fresh)
        : await eachCompiled(
            trx,
            'insert sessions',
            fresh,
            (chunk) =>
              trx
                .insertInto('sessions')
                .values(chunk)
                .onConflict((oc) => openKey(oc).doNothing())
                .returning(['id', 'key']),
            rowValues,
          );
    const created = new Set(inserted.map((r) => r.key));
    const existing = pending.filter((k) => !created.has(k));
    const stored = await readSessions(trx, dialect, existing);
    for (const s of stored) {
      const before = { views: s.views, searches: s.searches, contacts: s.contacts, up_votes: s.up_votes, down_votes: s.down_votes };
      sessions.set(s.key!, {
        id: s.id,
        key: s.key!,
        day: utcDay(Number(s.started_at)),
        startedAt: Number(s.started_at),
        before,
        added: zero(),
        lastSeenAt: Number(s.last_seen_at),
        firstContactAt: null,
        created: false,
        ref: null,
      });
    }
    for (const { id, key } of inserted) {
      const { ts, day } = first.get(key!)!;
      sessions.set(key!, {
        id,
        key: key!,
        day,
        startedAt: ts,
        before: zero(),
        added: zero(),
        lastSeenAt: ts,
        firstContactAt: null,
        created: true,
        ref: null,
      });
    }
    pending = pending.filter((k) => !sessions.has(k));
  }
  return sessions;
}

/** The stored state of open sessions; on PostgreSQL each row locked (in key order) until the commit. */
async function readSessions(trx: Trx, dialect: Dialect, keys: string[]) {
  const select = () =>
    trx
      .selectFrom('sessions')
      .select(['id', 'key', 'started_at', 'last_seen_at', ...SESSION_COUNTERS])
      .orderBy('key');
  if (dialect === 'sqlite')
    return eachCompiled(
      trx,
      'select sessions',
      keys,
      (chunk) => select().where('key', 'in', chunk),
      (chunk) => chunk,
    );
  if (keys.length === 0) return [];
  return (await trx.executeQuery(prepared(select().where('key', '=', anyOf(keys, 'text')).forUpdate().compile()))).rows;
}

/**
 * PostgreSQL: the group's sessions in one statement over arrays, one round trip whatever their number (the rows keep
 * the arrays' order, so concurrent writers still insert keys in the same order).
 */
async function insertSessionsAtOnce(
  trx: Trx,
  rows: { key: string; started_at: number; last_seen_at: number }[],
): Promise<{ id: number; key: string | null }[]> {
  const column = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  const { rows: inserted } = await trx.executeQuery(
    prepared(
      sql<{ id: number; key: string }>`
        insert into sessions (key, started_at, last_seen_at)
        select * from unnest(${column('key')}::text[], ${column('started_at')}::bigint[], ${column('last_seen_at')}::bigint[])
        on conflict (key) where key is not null do nothing
        returning id, key`.compile(trx),
    ),
  );
  return inserted;
}

/** The rows of a per-session table that belong to these sessions. */
async function bySession<R>(
  trx: Trx,
  dialect: Dialect,
  name: string,
  ids: number[],
  select: () => SelectQueryBuilder<Database, 'session_articles' | 'session_queries', R>,
): Promise<R[]> {
  // Both tables key their rows by session_id first.
  const from = select as () => SelectQueryBuilder<Database, 'session_articles', R>;
  if (dialect === 'sqlite')
    return eachCompiled(
      trx,
      name,
      ids,
      (chunk) => from().where('session_id', 'in', chunk),
      (chunk) => chunk,
    );
  if (ids.length === 0) return [];
  return (await trx.executeQuery(prepared(from().where('session_id', '=', anyOf(ids, 'bigint')).compile()))).rows;
}

/** The session_articles and session_queries rows of these sessions (new sessions have none). */
export async function loadSessionRows(
  trx: Trx,
  dialect: Dialect,
  sessionIds: number[],
): Promise<{ articles: ArticleState[]; queries: QueryState[] }> {
  const articles = await bySession(trx, dialect, 'select session_articles', sessionIds, () =>
    trx.selectFrom('session_articles').selectAll(),
  );
  const queries = await bySession(trx, dialect, 'select session_queries', sessionIds, () => trx.selectFrom('session_queries').selectAll());
  return {
    articles: articles.map(({ revision_id, read_revision_id, ...a }) => ({
      ...a,
      revision: revision_id,
      readRevision: read_revision_id,
      steps_reached: Number(a.steps_reached),
      dirty: false,
    })),
    queries: queries.map((q) => ({ ...q, dirty: false })),
  };
}

/**
 * The id of a revision that may have been created in this group (a reference filled in before the rows are written).
 */
export const revisionId = (r: ArticleState['revision'] | ArticleState['readRevision']) => (r === null || typeof r === 'number' ? r : r.id);

const SESSION_ARTICLE_COLUMNS = {
  session_id: 'bigint',
  article_id: 'bigint',
  day: 'text',
  first_view_at: 'bigint',
  last_view_at: 'bigint',
  views: 'bigint',
  escalated: 'bigint',
  vote: 'text',
  reason: 'text',
  vote_at: 'bigint',
  vote_day: 'text',
  steps_reached: 'bigint',
  revision_id: 'bigint',
  read_revision_id: 'bigint',
} as const;
const SESSION_QUERY_COLUMNS = {
  session_id: 'bigint',
  query_id: 'bigint',
  day: 'text',
  searched_at: 'bigint',
  results: 'bigint',
  clicked: 'bigint',
  escalated: 'bigint',
} as const;
const SESSION_COLUMNS = {
  key: 'text',
  started_at: 'bigint',
  last_seen_at: 'bigint',
  first_contact_at: 'bigint',
  ref: 'text',
  ...Object.fromEntries(SESSION_COUNTERS.map((c) => [c, 'bigint'])),
} as ColumnTypes;

/** Writes the rows this group changed: each with its whole new state (per-session rows have one writer at a time). */
export async function writeSessionRows(trx: Writer, dialect: Dialect, articles: ArticleState[], queries: QueryState[]): Promise<void> {
  const changed = articles
    .filter((a) => a.dirty)
    .map(({ dirty: _, revision, readRevision, ...a }) => ({
      ...a,
      revision_id: revisionId(revision),
      read_revision_id: revisionId(readRevision),
    }));
  await writeRows(trx, dialect, 'session_articles', SESSION_ARTICLE_COLUMNS, changed, (insert) =>
    insert.onConflict((oc) =>
      oc.columns(['session_id', 'article_id']).doUpdateSet((eb) => ({
        day: eb.ref('excluded.day'),
        first_view_at: eb.ref('excluded.first_view_at'),
        last_view_at: eb.ref('excluded.last_view_at'),
        views: eb.ref('excluded.views'),
        escalated: eb.ref('excluded.escalated'),
        vote: eb.ref('excluded.vote'),
        reason: eb.ref('excluded.reason'),
        vote_at: eb.ref('excluded.vote_at'),
        vote_day: eb.ref('excluded.vote_day'),
        revision_id: eb.ref('excluded.revision_id'),
        read_revision_id: eb.ref('excluded.read_revision_id'),
        steps_reached: eb.ref('excluded.steps_reached'),
      })),
    ),
  );
  const searched = queries.filter((q) => q.dirty).map(({ dirty: _, ...q }) => q);
  await writeRows(trx, dialect, 'session_queries', SESSION_QUERY_COLUMNS, searched, (insert) =>
    insert.onConflict((oc) =>
      oc
        .columns(['session_id', 'query_id'])
        .doUpdateSet((eb) => ({ clicked: eb.ref('excluded.clicked'), escalated: eb.ref('excluded.escalated') })),
    ),
  );
}

/**
 * Adds this group's counts to each session (additive, so concurrent writers agree), moves last_seen_at, keeps the first
 * contact.
 */
export async function writeSessions(trx: Writer, dialect: Dialect, sessions: Iterable<SessionState>): Promise<void> {
  const rows = [...sessions].map((s) => ({
    key: s.key,
    started_at: s.startedAt,
    last_seen_at: s.lastSeenAt,
    first_contact_at: s.firstContactAt,
    ref: s.ref,
    ...s.added,
  }));
  await writeRows(trx, dialect, 'sessions', SESSION_COLUMNS, rows, (insert) =>
    insert.onConflict((oc) =>
      openKey(oc).doUpdateSet({
        ...Object.fromEntries(SESSION_COUNTERS.map((c) => [c, sql`${sql.ref(`sessions.${c}`)} + ${sql.ref(`excluded.${c}`)}`])),
        last_seen_at: greatest(dialect, sql.ref('sessions.last_seen_at'), sql.ref('excluded.last_seen_at')),
        first_contact_at: sql`coalesce(sessions.first_contact_at, excluded.first_contact_at)`,
        ref: sql`coalesce(sessions.ref, excluded.ref)`,
      }),
    ),
  );
}
