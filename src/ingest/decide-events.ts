/**
 * What each event does, decided in memory against the state of its session: dedupe, the raw row to store, the
 * per-session rows it changes and the rollup counters it moves. Nothing here touches the database.
 */
import type { DimensionCache, RevisionRef } from './dimension-ids.ts';
import { reasonCode, TYPE_CODES, VOTE_CODES } from '../domain/event-codes.ts';
import { RollupDeltas } from './rollup-deltas.ts';
import type { ArticleState, QueryState, SessionCounter, SessionState } from './session-state.ts';
import type { PreparedEvent } from './validate-batch.ts';

/** A repeated view of an article within this window of the previous one, in one session, counts once. */
export const VIEW_DEDUPE_MS = 30 * 60 * 1000;

type Revision = number | RevisionRef;
export interface RawRow {
  ts: number;
  type: number;
  session_id: number;
  article_id: number | null;
  revision: Revision | null;
  query_id: number | null;
  n1: number | null;
  n2: number | null;
  corrected_query_id: number | null;
}
export interface CommentRow {
  article_id: number;
  session_id: number;
  revision: Revision | null;
  ts: number;
  vote: 'up' | 'down';
  reason: string | null;
  comment: string;
}

type Ids = Map<string, number>;

/** Keeps a per-session row by its key and in its session's list. */
function indexRow<T extends { session_id: number }>(byKey: Map<string, T>, bySession: Map<number, T[]>, key: string, row: T): T {
  byKey.set(key, row);
  const list = bySession.get(row.session_id);
  if (list) list.push(row);
  else bySession.set(row.session_id, [row]);
  return row;
}
type Of<T extends PreparedEvent['type']> = PreparedEvent & { type: T };

/** The reasons that say the text itself failed, kept per revision to judge an edit. */
const isStale = (reason: string | null | undefined): reason is 'outdated' | 'unclear' => reason === 'outdated' || reason === 'unclear';

export class EventDecisions {
  readonly deltas = new RollupDeltas();
  readonly raw: RawRow[] = [];
  readonly comments: CommentRow[] = [];
  /** Revisions not known before this group, by `articleId|revision`. */
  readonly newRevisions = new Map<string, RevisionRef>();
  readonly articleRows = new Map<string, ArticleState>();
  readonly queryRows = new Map<string, QueryState>();
  private readonly articlesOf = new Map<number, ArticleState[]>();
  private readonly queriesOf = new Map<number, QueryState[]>();

  private readonly cache: DimensionCache;
  private readonly ids: { articles: Ids; queries: Ids };

  constructor(cache: DimensionCache, ids: { articles: Ids; queries: Ids }, loaded: { articles: ArticleState[]; queries: QueryState[] }) {
    this.cache = cache;
    this.ids = ids;
    for (const a of loaded.articles) this.addArticleRow(a);
    for (const q of loaded.queries) this.addQueryRow(q);
  }

  private addArticleRow(a: ArticleState): ArticleState {
    return indexRow(this.articleRows, this.articlesOf, `${a.session_id}|${a.article_id}`, a);
  }
  private addQueryRow(q: QueryState): QueryState {
    return indexRow(this.queryRows, this.queriesOf, `${q.session_id}|${q.query_id}`, q);
  }
  private newArticleRow(s: SessionState, articleId: number, e: PreparedEvent): ArticleState {
    const row = { session_id: s.id, article_id: articleId, day: e.day, first_view_at: null, last_view_at: null, views: 0, escalated: 0 };
    return this.addArticleRow({
      ...row,
      vote: null,
      reason: null,
      vote_at: null,
      vote_day: null,
      revision: null,
      readRevision: null,
      steps_reached: 0,
      dirty: true,
    });
  }

  private revision(e: PreparedEvent, articleId: number): Revision | null {
    if (!e.revision) return null;
    const key = `${articleId}|${e.revision}`;
    return (
      this.cache.revisions.get(key) ??
      this.newRevisions.get(key) ??
      this.newRevisions.set(key, { articleId, revision: e.revision, ts: e.ts, id: 0 }).get(key)!
    );
  }

  private store(e: PreparedEvent, s: SessionState, fields: Partial<Omit<RawRow, 'ts' | 'type' | 'session_id'>>): void {
    this.raw.push({
      ts: e.ts,
      type: TYPE_CODES[e.type],
      session_id: s.id,
      article_id: null,
      revision: null,
      query_id: null,
      n1: null,
      n2: null,
      corrected_query_id: null,
      ...fields,
    });
  }

  private count(s: SessionState, counter: SessionCounter, by = 1): void {
    s.added[counter] += by;
  }

  apply(e: PreparedEvent, s: SessionState): void {
    s.lastSeenAt = Math.max(s.lastSeenAt, e.ts);
    if (e.ref) s.ref ??= e.ref;
    const article = 'article' in e && e.article !== undefined ? this.ids.articles.get(e.article)! : null;
    const query = e.normalizedQuery === null ? null : this.ids.queries.get(e.normalizedQuery)!;
    switch (e.type) {
      case 'view':
        return this.view(e, s, article!);
      case 'search':
        return this.search(e, s, query!);
      case 'search_click':
        return this.click(e, s, article!, query!);
      case 'feedback':
        return this.feedback(e, s, article!);
      case 'contact':
        return this.contact(e, s, article, query);
      case 'tutorial_step':
        return this.tutorialStep(e, s, article!);
    }
  }

  private view(e: Of<'view'>, s: SessionState, articleId: number): void {
    const row = this.articleRows.get(`${s.id}|${articleId}`);
    if (row?.last_view_at != null && Math.abs(e.ts - row.last_view_at) < VIEW_DEDUPE_MS) {
      // Same reader, same article, still reading: extend the window, count nothing.
      row.last_view_at = Math.max(row.last_view_at, e.ts);
      row.dirty = true;
      return;
    }
    const firstView = row?.first_view_at == null;
    const revision = this.revision(e, articleId);
    this.store(e, s, { article_id: articleId, revision });
    // Readers of each revision: by the revision they first read in the session.
    if (firstView && revision !== null) this.deltas.revision(articleId, e.day, revision, 'view_sessions');
    const r = row ?? this.newArticleRow(s, articleId, e);
    if (firstView) Object.assign(r, { first_view_at: e.ts, day: e.day, readRevision: revision });
    Object.assign(r, { last_view_at: e.ts, views: r.views + 1, dirty: true });
    this.deltas.article(articleId, e.day, 'views');
    if (firstView) {
      this.deltas.article(articleId, e.day, 'view_sessions');
      // What the reader went on to read after a search that showed nothing: the article the search should have found.
      for (const q of this.queriesOf.get(s.id) ?? [])
        if (q.results === 0 && q.searched_at <= e.ts) this.deltas.followup(q.query_id, articleId, q.day);
    }
    this.count(s, 'views');
  }

  private search(e: Of<'search'>, s: SessionState, queryId: number): void {
    // The same query settled twice in one session is one search.
    if (this.queryRows.has(`${s.id}|${queryId}`)) return;
    const correctedId = e.normalizedCorrection === undefined ? null : this.ids.queries.get(e.normalizedCorrection)!;
    // What the reader was shown: the correction's results when there was one. A search counts as zero-result when
    // the reader saw nothing, so a typo the correction answered is not a gap.
    const shown = e.corrected ? e.corrected.results : e.results;
    this.addQueryRow({
      session_id: s.id,
      query_id: queryId,
      day: e.day,
      searched_at: e.ts,
      results: shown,
      clicked: 0,
      escalated: 0,
      dirty: true,
    });
    this.store(e, s, { query_id: queryId, n1: e.results, n2: e.corrected?.results ?? null, corrected_query_id: correctedId });
    this.deltas.query(queryId, e.day, 'searches');
    if (shown === 0) this.deltas.query(queryId, e.day, 'zero_results');
    if (correctedId !== null) this.deltas.correction(queryId, correctedId, e.day);
    this.count(s, 'searches');
  }

  private click(e: Of<'search_click'>, s: SessionState, articleId: number, queryId: number): void {
    this.store(e, s, { article_id: articleId, revision: this.revision(e, articleId), query_id: queryId, n1: e.position });
    this.deltas.article(articleId, e.day, 'search_clicks');
    this.deltas.click(queryId, articleId, e.day);
    const search = this.queryRows.get(`${s.id}|${queryId}`);
    if (search && search.clicked === 0) {
      Object.assign(search, { clicked: 1, dirty: true });
      this.deltas.query(queryId, search.day, 'clicked');
    }
  }

  private feedback(e: Of<'feedback'>, s: SessionState, articleId: number): void {
    const revision = this.revision(e, articleId);
    this.store(e, s, { article_id: articleId, revision, n1: VOTE_CODES[e.vote], n2: reasonCode(e.reason) });
    // What a reader said is kept as written, for the feedback inbox: every comment, and every down vote with a
    // reason (an empty comment). Only real comments count as comments in the rollups.
    if (e.comment || (e.vote === 'down' && e.reason)) {
      this.comments.push({
        article_id: articleId,
        session_id: s.id,
        revision,
        ts: e.ts,
        vote: e.vote,
        reason: e.reason ?? null,
        comment: e.comment ?? '',
      });
      if (e.comment) this.deltas.article(articleId, e.day, 'comments');
    }
    const row = this.articleRows.get(`${s.id}|${articleId}`) ?? this.newArticleRow(s, articleId, e);
    // One vote per session per article: take the previous vote out of the rollups before adding this one.
    if (row.vote && row.vote_day) {
      this.deltas.article(articleId, row.vote_day, row.vote, -1);
      if (row.reason && row.vote === 'down') this.deltas.article(articleId, row.vote_day, row.reason as 'other', -1);
      if (isStale(row.reason) && row.vote === 'down' && row.revision !== null)
        this.deltas.revision(articleId, row.vote_day, row.revision, row.reason, -1);
      if (row.revision !== null) this.deltas.revisionVote(articleId, row.vote_day, row.revision, row.vote, -1);
      this.count(s, row.vote === 'up' ? 'up_votes' : 'down_votes', -1);
    }
    Object.assign(row, { vote: e.vote, reason: e.reason ?? null, vote_at: e.ts, vote_day: e.day, revision, dirty: true });
    this.deltas.article(articleId, e.day, e.vote);
    // Reasons explain down votes (src/analytics/metric-definitions.ts); one sent with an up vote is kept in the raw
    // event only.
    if (e.reason && e.vote === 'down') this.deltas.article(articleId, e.day, e.reason);
    if (revision !== null) this.deltas.revisionVote(articleId, e.day, revision, e.vote, 1);
    if (isStale(e.reason) && e.vote === 'down' && revision !== null) this.deltas.revision(articleId, e.day, revision, e.reason, 1);
    this.count(s, e.vote === 'up' ? 'up_votes' : 'down_votes');
  }

  private contact(e: Of<'contact'>, s: SessionState, articleId: number | null, queryId: number | null): void {
    const revision = articleId === null ? null : this.revision(e, articleId);
    this.store(e, s, { article_id: articleId, revision, query_id: queryId });
    if (articleId !== null) this.deltas.article(articleId, e.day, 'contacts');
    if (articleId !== null && revision !== null) this.deltas.revision(articleId, e.day, revision, 'contacts');
    this.count(s, 'contacts');
    s.firstContactAt ??= e.ts;
    // Every article viewed and every query searched before this contact, in this session, escalated.
    for (const a of this.articlesOf.get(s.id) ?? []) {
      if (a.escalated !== 0 || a.first_view_at == null || a.first_view_at > e.ts) continue;
      Object.assign(a, { escalated: 1, dirty: true });
      this.deltas.article(a.article_id, a.day, 'escalations');
    }
    for (const q of this.queriesOf.get(s.id) ?? []) {
      if (q.escalated !== 0 || q.searched_at > e.ts) continue;
      Object.assign(q, { escalated: 1, dirty: true });
      this.deltas.query(q.query_id, q.day, 'escalated');
    }
  }

  private tutorialStep(e: Of<'tutorial_step'>, s: SessionState, articleId: number): void {
    const row = this.articleRows.get(`${s.id}|${articleId}`);
    const bit = 2 ** (e.step - 1);
    const reached = row?.steps_reached ?? 0;
    if (Math.floor(reached / bit) % 2 === 1) return; // this session already reached this step
    this.store(e, s, { article_id: articleId, revision: this.revision(e, articleId), n1: e.step, n2: e.steps });
    Object.assign(row ?? this.newArticleRow(s, articleId, e), { steps_reached: reached + bit, dirty: true });
    this.deltas.step(articleId, e.day, e.step, e.steps);
  }
}
