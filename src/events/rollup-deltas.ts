/** Counter changes gathered while writing one group of events, applied as one upsert per row at the end. */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { greatest, type Dialect } from '../../db/dialect-sql.ts';

type Counters<K extends string> = { [P in K]?: number };
type ArticleCounter = 'views' | 'view_sessions' | 'escalations' | 'contacts' | 'search_clicks' | 'up' | 'down' | 'outdated' | 'unclear' | 'didnt_solve' | 'product_issue' | 'other';
type QueryCounter = 'searches' | 'zero_results' | 'clicked' | 'escalated';
type SessionCounter = 'views' | 'searches' | 'contacts' | 'up_votes' | 'down_votes';

function bump<K extends string>(map: Map<string, Counters<K>>, key: string, counter: K, by: number): void {
  const row: Counters<K> = map.get(key) ?? {};
  row[counter] = (row[counter] ?? 0) + by;
  map.set(key, row);
}

export class RollupDeltas {
  private articles = new Map<string, Counters<ArticleCounter>>();
  private queries = new Map<string, Counters<QueryCounter>>();
  private steps = new Map<string, number>();
  private clicks = new Map<string, number>();
  private sessions = new Map<string, Counters<SessionCounter>>();
  private lastSeen = new Map<number, number>();

  article(articleId: number, day: string, counter: ArticleCounter, by = 1): void {
    bump(this.articles, `${articleId}|${day}`, counter, by);
  }
  query(queryId: number, day: string, counter: QueryCounter, by = 1): void {
    bump(this.queries, `${queryId}|${day}`, counter, by);
  }
  step(articleId: number, day: string, step: number, steps: number): void {
    const key = `${articleId}|${day}|${step}|${steps}`;
    this.steps.set(key, (this.steps.get(key) ?? 0) + 1);
  }
  click(queryId: number, articleId: number, day: string): void {
    const key = `${articleId}|${day}|${queryId}`;
    this.clicks.set(key, (this.clicks.get(key) ?? 0) + 1);
  }
  session(sessionId: number, counter: SessionCounter, by = 1): void {
    bump(this.sessions, String(sessionId), counter, by);
  }
  seen(sessionId: number, ts: number): void {
    this.lastSeen.set(sessionId, Math.max(ts, this.lastSeen.get(sessionId) ?? ts));
  }

  async apply(trx: Transaction<Database>, dialect: Dialect): Promise<void> {
    for (const [key, counters] of this.articles) {
      const [articleId, day] = key.split('|') as [string, string];
      await trx
        .insertInto('article_daily')
        .values({ article_id: Number(articleId), day, ...counters })
        .onConflict((oc) => oc.columns(['day', 'article_id']).doUpdateSet(addExcluded('article_daily', counters)))
        .execute();
    }
    for (const [key, counters] of this.queries) {
      const [queryId, day] = key.split('|') as [string, string];
      await trx
        .insertInto('query_daily')
        .values({ query_id: Number(queryId), day, ...counters })
        .onConflict((oc) => oc.columns(['day', 'query_id']).doUpdateSet(addExcluded('query_daily', counters)))
        .execute();
    }
    for (const [key, count] of this.steps) {
      const [articleId, day, step, steps] = key.split('|') as [string, string, string, string];
      await trx
        .insertInto('tutorial_step_daily')
        .values({ article_id: Number(articleId), day, step: Number(step), steps: Number(steps), sessions: count })
        .onConflict((oc) =>
          oc.columns(['day', 'article_id', 'step']).doUpdateSet({ sessions: sql`tutorial_step_daily.sessions + ${count}`, steps: Number(steps) }),
        )
        .execute();
    }
    for (const [key, count] of this.clicks) {
      const [articleId, day, queryId] = key.split('|') as [string, string, string];
      await trx
        .insertInto('query_article_daily')
        .values({ article_id: Number(articleId), day, query_id: Number(queryId), clicks: count })
        .onConflict((oc) => oc.columns(['article_id', 'day', 'query_id']).doUpdateSet({ clicks: sql`query_article_daily.clicks + ${count}` }))
        .execute();
    }
    const days = new Map<string, Counters<SessionDayCounter>>();
    for (const id of new Set([...this.sessions.keys()].map(Number).concat([...this.lastSeen.keys()]))) {
      const counters = this.sessions.get(String(id)) ?? {};
      const set: Record<string, unknown> = Object.fromEntries(Object.entries(counters).map(([c, by]) => [c, sql`${sql.ref(c)} + ${by}`]));
      const seen = this.lastSeen.get(id);
      if (seen !== undefined) set.last_seen_at = greatest(dialect, sql.ref('last_seen_at'), sql`${seen}`);
      const after = await trx.updateTable('sessions').set(set).where('id', '=', id).returning(['day', 'views', 'searches', 'contacts', 'up_votes']).executeTakeFirstOrThrow();
      sessionDayChanges(days, after, counters);
    }
    for (const [day, counters] of days) {
      if (Object.values(counters).every((n) => n === 0)) continue;
      await trx
        .insertInto('session_daily')
        .values({ day, ...counters })
        .onConflict((oc) => oc.column('day').doUpdateSet(addExcluded('session_daily', counters)))
        .execute();
    }
  }
}

type SessionDayCounter = 'kb_sessions' | 'escalated' | 'confirmed' | 'searches';
type SessionState = { views: number; searches: number; contacts: number; up_votes: number };

/** Which per-day session counts a session is part of (DOMAIN.md): a KB session, escalated, confirmed deflection. */
function flags(s: SessionState): Record<Exclude<SessionDayCounter, 'searches'>, number> {
  const kb = s.views + s.searches > 0;
  return { kb_sessions: Number(kb), escalated: Number(kb && s.contacts > 0), confirmed: Number(kb && s.contacts === 0 && s.up_votes > 0) };
}

/** The session's per-day counts after this group minus before it (its counters less this group's deltas). */
function sessionDayChanges(days: Map<string, Counters<SessionDayCounter>>, after: SessionState & { day: string }, counters: Counters<SessionCounter>): void {
  const before: SessionState = {
    views: after.views - (counters.views ?? 0),
    searches: after.searches - (counters.searches ?? 0),
    contacts: after.contacts - (counters.contacts ?? 0),
    up_votes: after.up_votes - (counters.up_votes ?? 0),
  };
  const [was, is] = [flags(before), flags(after)];
  for (const key of Object.keys(is) as (keyof typeof is)[]) if (is[key] !== was[key]) bump(days, after.day, key, is[key] - was[key]);
  // Any search makes a KB session, so every settled search counts.
  if (counters.searches) bump(days, after.day, 'searches', counters.searches);
}

/** `views = article_daily.views + excluded.views` for each counter: adds instead of overwriting, so concurrent writers agree. */
function addExcluded(table: string, counters: Record<string, number | undefined>) {
  return Object.fromEntries(Object.keys(counters).map((c) => [c, sql`${sql.ref(`${table}.${c}`)} + ${sql.ref(`excluded.${c}`)}`]));
}
