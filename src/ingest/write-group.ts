/**
 * Writes validated events inside one transaction: dedupe, raw rows and every rollup the reports read.
 * Called with the events of all requests that arrived together (group commit), or a few thousand at a time by the
 * bulk loader: the group's state is read with a few statements, the events are applied in memory in order, and
 * every change is written back as multi-row statements, so the cost per event is mostly JavaScript.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Dialect } from '../../db/dialect-sql.ts';
import { insertInOrder, statementBatch } from '../../db/statement-batch.ts';
import { holds } from '../domain/session-outcome.ts';
import { EventDecisions } from './decide-events.ts';
import { eachCompiled, rowValues } from './chunked-insert.ts';
import { articleIds, DimensionCache, queryIds, resolveRevisions } from './dimension-ids.ts';
import type { SessionDayCounter, RollupDeltas } from './rollup-deltas.ts';
import {
  loadSessionRows,
  loadSessions,
  revisionId,
  SESSION_COUNTERS,
  writeSessionRows,
  writeSessions,
  type SessionState,
} from './session-state.ts';
import type { PreparedEvent } from './validate-batch.ts';

export { VIEW_DEDUPE_MS } from './decide-events.ts';
export { DimensionCache } from './dimension-ids.ts';

type Trx = Transaction<Database>;

const EVENT_COLUMNS = {
  ts: 'bigint',
  type: 'bigint',
  session_id: 'bigint',
  article_id: 'bigint',
  revision_id: 'bigint',
  query_id: 'bigint',
  n1: 'bigint',
  n2: 'bigint',
  corrected_query_id: 'bigint',
} as const;
const COMMENT_COLUMNS = {
  article_id: 'bigint',
  session_id: 'bigint',
  revision_id: 'bigint',
  ts: 'bigint',
  vote: 'text',
  reason: 'text',
  comment: 'text',
} as const;

export class GroupWriter {
  private readonly cache = new DimensionCache();
  private readonly dialect: Dialect;
  constructor(dialect: Dialect) {
    this.dialect = dialect;
  }

  /**
   * Writes the group in `trx` and returns what to call once it has committed: the dimension ids it created are then
   * remembered (an id from a transaction that failed would not exist).
   */
  async write(trx: Trx, events: PreparedEvent[]): Promise<() => void> {
    const staged = new DimensionCache();
    const first = new Map<string, { ts: number; day: string }>();
    const slugs = new Set<string>();
    const texts = new Set<string>();
    for (const e of events) {
      if (!first.has(e.session)) first.set(e.session, { ts: e.ts, day: e.day });
      if ('article' in e && e.article !== undefined) slugs.add(e.article);
      if (e.normalizedQuery !== null) texts.add(e.normalizedQuery);
      if (e.normalizedCorrection !== undefined) texts.add(e.normalizedCorrection);
    }
    const ids = { articles: await articleIds(trx, slugs, this.cache, staged), queries: await queryIds(trx, texts, this.cache, staged) };
    const sessions = await loadSessions(trx, this.dialect, first);
    const known = [...sessions.values()].filter((s) => !s.created).map((s) => s.id);
    const applier = new EventDecisions(this.cache, ids, await loadSessionRows(trx, this.dialect, known));
    for (const e of events) applier.apply(e, sessions.get(e.session)!);

    await resolveRevisions(trx, applier.newRevisions.values(), this.cache, staged);
    // Everything from here on is written, never read back: on PostgreSQL it goes as one statement, one round trip.
    const batch = this.dialect === 'postgres' ? statementBatch() : undefined;
    const w = batch?.db ?? trx;
    const raw = applier.raw.map(({ revision, ...r }) => ({ ...r, revision_id: revisionId(revision) }));
    const comments = applier.comments.map(({ revision, ...c }) => ({ ...c, revision_id: revisionId(revision) }));
    // Raw events' ids follow arrival (the last feedback is the final vote): one ordered INSERT each on PostgreSQL.
    if (batch) {
      await insertInOrder(w, 'events', EVENT_COLUMNS, raw);
      await insertInOrder(w, 'comments', COMMENT_COLUMNS, comments);
    } else {
      await eachCompiled(w, 'insert events', raw, (chunk) => w.insertInto('events').values(chunk), rowValues);
      await eachCompiled(w, 'insert comments', comments, (chunk) => w.insertInto('comments').values(chunk), rowValues);
    }
    await writeSessionRows(w, this.dialect, [...applier.articleRows.values()], [...applier.queryRows.values()]);
    for (const s of sessions.values()) {
      if (s.created) applier.deltas.sessionCreated(s.day, s.id);
      sessionDayChanges(applier.deltas, s);
    }
    await writeSessions(w, this.dialect, sessions.values());
    await applier.deltas.apply(w, this.dialect);
    await batch?.flush(trx);
    return () => this.cache.merge(staged);
  }
}

type Counts = SessionState['before'];

/** Which per-day session counts a session is part of: a KB session, escalated, confirmed deflection. */
function flags(s: Counts): Record<Exclude<SessionDayCounter, 'searches'>, number> {
  return { kb_sessions: Number(holds('kb', s)), escalated: Number(holds('escalated', s)), confirmed: Number(holds('confirmed', s)) };
}

/** The session's per-day counts after this group minus before it. */
function sessionDayChanges(deltas: RollupDeltas, s: SessionState): void {
  const after = Object.fromEntries(SESSION_COUNTERS.map((c) => [c, s.before[c] + s.added[c]])) as Counts;
  const [was, is] = [flags(s.before), flags(after)];
  for (const key of Object.keys(is) as (keyof typeof is)[]) if (is[key] !== was[key]) deltas.sessionDay(s.day, key, is[key] - was[key]);
  // Any search makes a KB session, so every settled search counts.
  if (s.added.searches) deltas.sessionDay(s.day, 'searches', s.added.searches);
}
