/**
 * Writes validated events inside one transaction: dedupe, raw rows and every rollup the reports read.
 * Called with the events of all requests that arrived together (group commit).
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { greatest, type Dialect } from '../../db/dialect-sql.ts';
import { reasonCode, TYPE_CODES, VOTE_CODES } from './event-codes.ts';
import { RollupDeltas } from './rollup-deltas.ts';
import type { PreparedEvent } from './validate-batch.ts';

/** A repeated view of an article within this window of the previous one, in one session, counts once. */
export const VIEW_DEDUPE_MS = 30 * 60 * 1000;

type Trx = Transaction<Database>;
type Ids = Map<string, number>;

/** Ids of dimension rows, remembered across groups; entries made in a failed transaction are dropped. */
export class DimensionCache {
  articles: Ids = new Map();
  revisions: Ids = new Map();
  queries: Ids = new Map();
  private static readonly MAX_QUERIES = 50_000;

  merge(staged: DimensionCache): void {
    for (const [k, v] of staged.articles) this.articles.set(k, v);
    for (const [k, v] of staged.revisions) this.revisions.set(k, v);
    if (this.queries.size > DimensionCache.MAX_QUERIES) this.queries.clear();
    for (const [k, v] of staged.queries) this.queries.set(k, v);
  }
}

export class EventWriter {
  private readonly cache = new DimensionCache();
  private readonly dialect: Dialect;
  constructor(dialect: Dialect) {
    this.dialect = dialect;
  }

  async write(trx: Trx, events: PreparedEvent[]): Promise<void> {
    const staged = new DimensionCache();
    const ctx = new WriteContext(trx, this.dialect, this.cache, staged);
    for (const event of events) await ctx.write(event);
    await ctx.deltas.apply(trx, this.dialect);
    this.commitCaches = () => this.cache.merge(staged);
  }

  /** Called by the group committer once the transaction has committed. */
  commitCaches: () => void = () => undefined;
}

class WriteContext {
  readonly deltas = new RollupDeltas();
  private sessions = new Map<string, number>();
  private readonly trx: Trx;
  private readonly dialect: Dialect;
  private readonly cache: DimensionCache;
  private readonly staged: DimensionCache;

  constructor(trx: Trx, dialect: Dialect, cache: DimensionCache, staged: DimensionCache) {
    this.trx = trx;
    this.dialect = dialect;
    this.cache = cache;
    this.staged = staged;
  }

  private async lookup(kind: 'articles' | 'revisions' | 'queries', key: string, create: () => Promise<number>): Promise<number> {
    const known = this.cache[kind].get(key) ?? this.staged[kind].get(key);
    if (known !== undefined) return known;
    const id = await create();
    this.staged[kind].set(key, id);
    return id;
  }

  private articleId(slug: string): Promise<number> {
    return this.lookup('articles', slug, async () => {
      const row = await this.trx
        .insertInto('articles')
        .values({ slug })
        .onConflict((oc) => oc.column('slug').doUpdateSet({ slug: (eb) => eb.ref('excluded.slug') }))
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
  }

  private revisionId(articleId: number, revision: string, ts: number): Promise<number> {
    return this.lookup('revisions', `${articleId}|${revision}`, async () => {
      const row = await this.trx
        .insertInto('revisions')
        .values({ article_id: articleId, revision, first_seen_at: ts })
        .onConflict((oc) => oc.columns(['article_id', 'revision']).doUpdateSet({ revision: (eb) => eb.ref('excluded.revision') }))
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
  }

  private queryId(text: string): Promise<number> {
    return this.lookup('queries', text, async () => {
      const row = await this.trx
        .insertInto('queries')
        .values({ text })
        .onConflict((oc) => oc.column('text').doUpdateSet({ text: (eb) => eb.ref('excluded.text') }))
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
  }

  private async sessionId(key: string, ts: number, day: string): Promise<number> {
    const known = this.sessions.get(key);
    if (known !== undefined) {
      // Later events of a session already written in this group move last_seen_at once, at the end.
      this.deltas.seen(known, ts);
      return known;
    }
    const row = await this.trx
      .insertInto('sessions')
      .values({ key, day, started_at: ts, last_seen_at: ts })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ last_seen_at: greatest(this.dialect, sql.ref('sessions.last_seen_at'), sql.ref('excluded.last_seen_at')) }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    this.sessions.set(key, row.id);
    return row.id;
  }

  private async insertRaw(e: PreparedEvent, sessionId: number, fields: { article_id?: number | null; revision_id?: number | null; query_id?: number | null; n1?: number | null; n2?: number | null }) {
    await this.trx
      .insertInto('events')
      .values({ ts: e.ts, type: TYPE_CODES[e.type], session_id: sessionId, ...fields })
      .execute();
  }

  async write(e: PreparedEvent): Promise<void> {
    const sessionId = await this.sessionId(e.session, e.ts, e.day);
    switch (e.type) {
      case 'view':
        return this.view(e, sessionId, await this.articleId(e.article));
      case 'search':
        return this.search(e, sessionId, await this.queryId(e.normalizedQuery!));
      case 'search_click':
        return this.click(e, sessionId, await this.articleId(e.article), await this.queryId(e.normalizedQuery!));
      case 'feedback':
        return this.feedback(e, sessionId, await this.articleId(e.article));
      case 'contact':
        return this.contact(e, sessionId);
      case 'tutorial_step':
        return this.tutorialStep(e, sessionId, await this.articleId(e.article));
    }
  }

  private sessionArticle(sessionId: number, articleId: number) {
    return this.trx
      .selectFrom('session_articles')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('article_id', '=', articleId)
      .executeTakeFirst();
  }

  private async revision(e: PreparedEvent, articleId: number): Promise<number | null> {
    return e.revision ? this.revisionId(articleId, e.revision, e.ts) : null;
  }

  private async view(e: PreparedEvent, sessionId: number, articleId: number): Promise<void> {
    const row = await this.sessionArticle(sessionId, articleId);
    if (row?.last_view_at != null && Math.abs(e.ts - row.last_view_at) < VIEW_DEDUPE_MS) {
      // Same reader, same article, still reading: extend the window, count nothing.
      await this.trx
        .updateTable('session_articles')
        .set({ last_view_at: greatest(this.dialect, sql.ref('last_view_at'), sql`${e.ts}`) })
        .where('session_id', '=', sessionId)
        .where('article_id', '=', articleId)
        .execute();
      return;
    }
    await this.insertRaw(e, sessionId, { article_id: articleId, revision_id: await this.revision(e, articleId) });
    if (row) {
      await this.trx
        .updateTable('session_articles')
        .set({ last_view_at: e.ts, views: sql`views + 1`, first_view_at: row.first_view_at ?? e.ts, day: row.first_view_at == null ? e.day : row.day })
        .where('session_id', '=', sessionId)
        .where('article_id', '=', articleId)
        .execute();
    } else {
      await this.trx
        .insertInto('session_articles')
        .values({ session_id: sessionId, article_id: articleId, day: e.day, first_view_at: e.ts, last_view_at: e.ts, views: 1, vote: null, reason: null, vote_at: null, vote_day: null, revision_id: null })
        .execute();
    }
    this.deltas.article(articleId, e.day, 'views');
    if (row?.first_view_at == null) this.deltas.article(articleId, e.day, 'view_sessions');
    this.deltas.session(sessionId, 'views');
  }

  private async search(e: PreparedEvent & { type: 'search' }, sessionId: number, queryId: number): Promise<void> {
    const inserted = await this.trx
      .insertInto('session_queries')
      .values({ session_id: sessionId, query_id: queryId, day: e.day, searched_at: e.ts, results: e.results })
      .onConflict((oc) => oc.columns(['session_id', 'query_id']).doNothing())
      .executeTakeFirst();
    // The same query settled twice in one session is one search.
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await this.insertRaw(e, sessionId, { query_id: queryId, n1: e.results });
    this.deltas.query(queryId, e.day, 'searches');
    if (e.results === 0) this.deltas.query(queryId, e.day, 'zero_results');
    this.deltas.session(sessionId, 'searches');
  }

  private async click(e: PreparedEvent & { type: 'search_click' }, sessionId: number, articleId: number, queryId: number): Promise<void> {
    await this.insertRaw(e, sessionId, { article_id: articleId, revision_id: await this.revision(e, articleId), query_id: queryId, n1: e.position });
    this.deltas.article(articleId, e.day, 'search_clicks');
    this.deltas.click(queryId, articleId, e.day);
    const search = await this.trx
      .updateTable('session_queries')
      .set({ clicked: 1 })
      .where('session_id', '=', sessionId)
      .where('query_id', '=', queryId)
      .where('clicked', '=', 0)
      .returning('day')
      .executeTakeFirst();
    if (search) this.deltas.query(queryId, search.day, 'clicked');
  }

  private async feedback(e: PreparedEvent & { type: 'feedback' }, sessionId: number, articleId: number): Promise<void> {
    const revisionId = await this.revision(e, articleId);
    await this.insertRaw(e, sessionId, { article_id: articleId, revision_id: revisionId, n1: VOTE_CODES[e.vote], n2: reasonCode(e.reason) });
    if (e.comment) {
      await this.trx
        .insertInto('comments')
        .values({ article_id: articleId, session_id: sessionId, revision_id: revisionId, ts: e.ts, vote: e.vote, reason: e.reason ?? null, comment: e.comment })
        .execute();
    }
    const row = await this.sessionArticle(sessionId, articleId);
    // One vote per session per article: take the previous vote out of the rollups before adding this one.
    if (row?.vote && row.vote_day) {
      this.deltas.article(articleId, row.vote_day, row.vote, -1);
      if (row.reason && row.vote === 'down') this.deltas.article(articleId, row.vote_day, row.reason as 'other', -1);
      this.deltas.session(sessionId, row.vote === 'up' ? 'up_votes' : 'down_votes', -1);
    }
    const vote = { vote: e.vote, reason: e.reason ?? null, vote_at: e.ts, vote_day: e.day, revision_id: revisionId };
    if (row) {
      await this.trx.updateTable('session_articles').set(vote).where('session_id', '=', sessionId).where('article_id', '=', articleId).execute();
    } else {
      await this.trx
        .insertInto('session_articles')
        .values({ session_id: sessionId, article_id: articleId, day: e.day, first_view_at: null, last_view_at: null, ...vote })
        .execute();
    }
    this.deltas.article(articleId, e.day, e.vote);
    // Reasons explain down votes (DOMAIN.md); one sent with an up vote is kept in the raw event only.
    if (e.reason && e.vote === 'down') this.deltas.article(articleId, e.day, e.reason);
    this.deltas.session(sessionId, e.vote === 'up' ? 'up_votes' : 'down_votes');
  }

  private async contact(e: PreparedEvent & { type: 'contact' }, sessionId: number): Promise<void> {
    const articleId = e.article ? await this.articleId(e.article) : null;
    const queryId = e.normalizedQuery ? await this.queryId(e.normalizedQuery) : null;
    await this.insertRaw(e, sessionId, { article_id: articleId, revision_id: articleId === null ? null : await this.revision(e, articleId), query_id: queryId });
    if (articleId !== null) this.deltas.article(articleId, e.day, 'contacts');
    this.deltas.session(sessionId, 'contacts');
    await this.trx
      .updateTable('sessions')
      .set({ first_contact_at: sql`coalesce(first_contact_at, ${e.ts})` })
      .where('id', '=', sessionId)
      .execute();
    // Every article viewed and every query searched before this contact, in this session, escalated.
    const articles = await this.trx
      .updateTable('session_articles')
      .set({ escalated: 1 })
      .where('session_id', '=', sessionId)
      .where('escalated', '=', 0)
      .where('first_view_at', '<=', e.ts)
      .returning(['article_id', 'day'])
      .execute();
    for (const a of articles) this.deltas.article(a.article_id, a.day, 'escalations');
    const queries = await this.trx
      .updateTable('session_queries')
      .set({ escalated: 1 })
      .where('session_id', '=', sessionId)
      .where('escalated', '=', 0)
      .where('searched_at', '<=', e.ts)
      .returning(['query_id', 'day'])
      .execute();
    for (const q of queries) this.deltas.query(q.query_id, q.day, 'escalated');
  }

  private async tutorialStep(e: PreparedEvent & { type: 'tutorial_step' }, sessionId: number, articleId: number): Promise<void> {
    const row = await this.sessionArticle(sessionId, articleId);
    const bit = 2 ** (e.step - 1);
    const reached = row?.steps_reached ?? 0;
    if (Math.floor(reached / bit) % 2 === 1) return; // this session already reached this step
    await this.insertRaw(e, sessionId, { article_id: articleId, revision_id: await this.revision(e, articleId), n1: e.step, n2: e.steps });
    if (row) {
      await this.trx
        .updateTable('session_articles')
        .set({ steps_reached: reached + bit })
        .where('session_id', '=', sessionId)
        .where('article_id', '=', articleId)
        .execute();
    } else {
      await this.trx
        .insertInto('session_articles')
        .values({ session_id: sessionId, article_id: articleId, day: e.day, first_view_at: null, last_view_at: null, vote: null, reason: null, vote_at: null, vote_day: null, revision_id: null, steps_reached: bit })
        .execute();
    }
    this.deltas.step(articleId, e.day, e.step, e.steps);
  }
}
