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
    for (const id of new Set([...this.sessions.keys()].map(Number).concat([...this.lastSeen.keys()]))) {
      const set: Record<string, unknown> = Object.fromEntries(
        Object.entries(this.sessions.get(String(id)) ?? {}).map(([c, by]) => [c, sql`${sql.ref(c)} + ${by}`]),
      );
      const seen = this.lastSeen.get(id);
      if (seen !== undefined) set.last_seen_at = greatest(dialect, sql.ref('last_seen_at'), sql`${seen}`);
      await trx.updateTable('sessions').set(set).where('id', '=', id).execute();
    }
  }
}

/** `views = article_daily.views + excluded.views` for each counter: adds instead of overwriting, so concurrent writers agree. */
function addExcluded(table: string, counters: Record<string, number | undefined>) {
  return Object.fromEntries(Object.keys(counters).map((c) => [c, sql`${sql.ref(`${table}.${c}`)} + ${sql.ref(`excluded.${c}`)}`]));
}
