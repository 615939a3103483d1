/** The database as kysely sees it: one interface per table, times as epoch milliseconds, days as YYYY-MM-DD. */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  /** Copied from the build's manifest by syncCatalog; null for a slug no build has described. */
  kind: 'article' | 'tutorial' | null;
  title: string | null;
  category: string | null;
  product_area: string | null;
  lang: string | null;
  /** YYYY-MM-DD from the frontmatter's `reviewed`. */
  reviewed: string | null;
  has_description: Generated<number>;
  published: Generated<number>;
  /** The frontmatter's `owner`: the inbox assigns the article's feedback to the person with that email. */
  owner: string | null;
}
export interface AdminCredentialsTable {
  id: Generated<number>;
  kind: 'admin' | 'login' | 'session';
  /** sha256 of the token, hex. */
  hash: string;
  created_at: number;
  expires_at: number | null;
}
/** A member of the team: reads the reports, and more by role. */
export interface PeopleTable {
  id: Generated<number>;
  /** Lower-cased. */
  email: string;
  name: string;
  role: 'viewer' | 'editor' | 'admin';
  /** scrypt$N$r$p$salt$hash; null until set from a link, or for single sign-on only. */
  password_hash: string | null;
  /** The identity provider's `sub`, once the person signed in with it. */
  sso_subject: string | null;
  created_at: number;
  last_sign_in_at: number | null;
  /** 1 while the person wants the weekly digest. */
  digest: Generated<number>;
}
/** A person's dashboard session, one-time link (to set a password) or personal API token: only its hash is kept. */
export interface PersonCredentialsTable {
  id: Generated<number>;
  person_id: number;
  kind: 'session' | 'link' | 'token';
  /** sha256 of the secret, hex. */
  hash: string;
  /** A token's name, given by its owner. */
  label: string | null;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
}
/** A comment's triage: its status and assignee (no row: new, unassigned). */
export interface FeedbackTriageTable {
  comment_id: number;
  status: 'new' | 'acknowledged' | 'planned' | 'done' | 'wont_fix';
  assignee_id: number | null;
  updated_at: number;
}
/** Internal notes on a comment, for the team only. */
export interface FeedbackNotesTable {
  id: Generated<number>;
  comment_id: number;
  author: string;
  at: number;
  text: string;
}
/** One alert or digest to one channel: sent, or to be tried again at `next_attempt_at`. */
export interface DeliveriesTable {
  key: string;
  channel: 'email' | 'webhook';
  attempts: Generated<number>;
  next_attempt_at: number;
  sent_at: number | null;
  last_error: string | null;
}
export interface InboxVisitsTable {
  person_id: number;
  visited_at: number;
}
/** Who did what, when: appended, never changed; pruned after KB_AUDIT_RETENTION_DAYS. */
export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  /** An email, "admin token" or "system". */
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
}
export interface RevisionsTable {
  id: Generated<number>;
  article_id: number;
  revision: string;
  first_seen_at: number;
}
export interface QueriesTable {
  id: Generated<number>;
  text: string;
}
export interface SessionsTable {
  id: Generated<number>;
  /** The browser's session id while the session is open; null once it is closed (idle for two days). */
  key: string | null;
  started_at: number;
  last_seen_at: number;
  views: Generated<number>;
  searches: Generated<number>;
  contacts: Generated<number>;
  up_votes: Generated<number>;
  down_votes: Generated<number>;
  first_contact_at: number | null;
  /** The reference the session's contact links carry to the help desk; forgotten with the key. */
  ref: string | null;
}
export interface SessionArticlesTable {
  session_id: number;
  article_id: number;
  day: string;
  first_view_at: number | null;
  last_view_at: number | null;
  views: Generated<number>;
  escalated: Generated<number>;
  vote: 'up' | 'down' | null;
  reason: string | null;
  vote_at: number | null;
  vote_day: string | null;
  /** The revision of the final vote. */
  revision_id: number | null;
  steps_reached: Generated<number>;
  /** The revision of the first view. */
  read_revision_id: number | null;
}
/** The articles a closed session viewed: all that is kept of its session_articles rows. */
export interface SessionReadsTable {
  session_id: number;
  article_id: number;
}
export interface SessionQueriesTable {
  session_id: number;
  query_id: number;
  day: string;
  searched_at: number;
  /** What the reader was shown: a corrected search's correction's results. */
  results: number;
  clicked: Generated<number>;
  escalated: Generated<number>;
}
export interface ArticleDailyTable {
  article_id: number;
  day: string;
  views: Generated<number>;
  view_sessions: Generated<number>;
  escalations: Generated<number>;
  contacts: Generated<number>;
  search_clicks: Generated<number>;
  up: Generated<number>;
  down: Generated<number>;
  outdated: Generated<number>;
  unclear: Generated<number>;
  didnt_solve: Generated<number>;
  product_issue: Generated<number>;
  other: Generated<number>;
  /** Comments written that day (by the comment's time), whatever the vote became later. */
  comments: Generated<number>;
}
/** The same counters per month: `day` is the month's first day (YYYY-MM-01). */
export type ArticleMonthlyTable = ArticleDailyTable;
/** The same counters per ISO week: `day` is the week's Monday (UTC). */
export type ArticleWeeklyTable = ArticleDailyTable;
/** The same counters per quarter: `day` is the quarter's first day (YYYY-01-01, -04-01, -07-01, -10-01). */
export type ArticleQuarterlyTable = ArticleDailyTable;
/** The same counters per year: `day` is the year's first day (YYYY-01-01). */
export type ArticleYearlyTable = ArticleDailyTable;
export interface QueryDailyTable {
  query_id: number;
  day: string;
  searches: Generated<number>;
  zero_results: Generated<number>;
  clicked: Generated<number>;
  escalated: Generated<number>;
}
/** The same counters per month: `day` is the month's first day (YYYY-MM-01). */
export type QueryMonthlyTable = QueryDailyTable;
/** The same counters per ISO week: `day` is the week's Monday (UTC). */
export type QueryWeeklyTable = QueryDailyTable;
/** The same counters per quarter: `day` is the quarter's first day. */
export type QueryQuarterlyTable = QueryDailyTable;
/** The same counters per year: `day` is the year's first day. */
export type QueryYearlyTable = QueryDailyTable;
/**
 * Per revision: sessions' final votes by the vote's day (votes without a revision are not counted here) and their down
 * votes' outdated and unclear reasons; readers by the day and revision of their first view; contacts from its page.
 */
export interface RevisionVotesDailyTable {
  day: string;
  article_id: number;
  revision_id: number;
  up: Generated<number>;
  down: Generated<number>;
  view_sessions: Generated<number>;
  contacts: Generated<number>;
  outdated: Generated<number>;
  unclear: Generated<number>;
}
/** The same counters per month: `day` is the month's first day (YYYY-MM-01). */
export type RevisionVotesMonthlyTable = RevisionVotesDailyTable;
/** The same counters per ISO week: `day` is the week's Monday (UTC). */
export type RevisionVotesWeeklyTable = RevisionVotesDailyTable;
/** The same counters per quarter: `day` is the quarter's first day. */
export type RevisionVotesQuarterlyTable = RevisionVotesDailyTable;
/** The same counters per year: `day` is the year's first day. */
export type RevisionVotesYearlyTable = RevisionVotesDailyTable;
/**
 * Help-center sessions (a view or a search) by the day they started; a session's day never changes. A day's row exists
 * once a session started that day.
 */
export interface SessionDailyTable {
  day: string;
  kb_sessions: Generated<number>;
  escalated: Generated<number>;
  confirmed: Generated<number>;
  searches: Generated<number>;
  /**
   * The smallest and largest id of the sessions that started that day. Ids follow arrival order, so a day's
   * sessions lie in a narrow id range: reports filtered by category scan it instead of an index on the day.
   */
  first_session_id: number | null;
  last_session_id: number | null;
}
/**
 * Closed sessions by the day they started and by each category or product area (`kind`) they read an article of,
 * with the categories the articles had when the session closed. Open sessions are counted from session_articles.
 */
export interface SessionScopeDailyTable {
  kind: 'category' | 'product_area';
  name: string;
  /** Days since 1970-01-01 (UTC): started_at / 86,400,000. */
  day_number: number;
  kb_sessions: Generated<number>;
  escalated: Generated<number>;
  confirmed: Generated<number>;
  searches: Generated<number>;
}
export interface QueryArticleDailyTable {
  article_id: number;
  query_id: number;
  day: string;
  clicks: Generated<number>;
}
export interface TutorialStepDailyTable {
  article_id: number;
  day: string;
  step: number;
  /** The largest step count seen for the tutorial that day. */
  steps: number;
  sessions: Generated<number>;
}
/** The same counters per month: `day` is the month's first day (YYYY-MM-01). */
export type TutorialStepMonthlyTable = TutorialStepDailyTable;
/** The same counters per ISO week: `day` is the week's Monday (UTC). */
export type TutorialStepWeeklyTable = TutorialStepDailyTable;
/** The same counters per quarter: `day` is the quarter's first day. */
export type TutorialStepQuarterlyTable = TutorialStepDailyTable;
/** The same counters per year: `day` is the year's first day. */
export type TutorialStepYearlyTable = TutorialStepDailyTable;
export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  session_id: number;
  revision_id: number | null;
  ts: number;
  vote: 'up' | 'down';
  reason: string | null;
  comment: string;
}
export interface EventsTable {
  id: Generated<number>;
  ts: number;
  type: number;
  session_id: number;
  article_id: number | null;
  revision_id: number | null;
  query_id: number | null;
  n1: number | null;
  n2: number | null;
  /** A search's correction: the query whose results were shown instead (n2 is how many). */
  corrected_query_id: number | null;
}

/** Settled searches per typed query and day that showed the results of a correction instead. */
export interface QueryCorrectionDailyTable {
  day: string;
  query_id: number;
  corrected_query_id: number;
  searches: Generated<number>;
}
/** Sessions in which a search showed nothing and the reader then opened the article, by the search's day. */
export interface QueryFollowupDailyTable {
  day: string;
  query_id: number;
  article_id: number;
  sessions: Generated<number>;
}
/** A search term of a build: an alias, a pinned query, a synonym or a title, by its near-duplicate key. */
export interface SearchTermsTable {
  kind: 'alias' | 'pin' | 'synonym' | 'title';
  key: string;
  /** The term as the build first had it. */
  text: string;
  /** The article an alias, pin or title leads to; null for a synonym. */
  article: string | null;
  /** The day (UTC) this server first saw a build with the term. */
  first_seen_day: string;
}
/** A ticket a help desk reported: never the person's name, email, subject or message. */
export interface TicketsTable {
  id: Generated<number>;
  provider: string;
  external_id: string;
  created_at: number;
  received_at: number;
  ref: string | null;
  session_id: number | null;
  joined_at: number | null;
}
/** A ticket's tags, lower-cased. */
export interface TicketTagsTable {
  ticket_id: number;
  tag: string;
}
/** content/ticket-tags.json of the current build: the product area a ticket tag stands for. */
export interface TicketTagAreasTable {
  tag: string;
  product_area: string;
}
/** The articles a ticket's session first read in the 24 hours before the ticket, with the revision read. */
export interface TicketReadsTable {
  ticket_id: number;
  article_id: number;
  revision_id: number | null;
  read_at: number;
}
/** The queries a ticket's session searched in the 24 hours before the ticket. */
export interface TicketSearchesTable {
  ticket_id: number;
  query_id: number;
  searched_at: number;
}
export interface Database {
  articles: ArticlesTable;
  revisions: RevisionsTable;
  queries: QueriesTable;
  sessions: SessionsTable;
  session_articles: SessionArticlesTable;
  session_queries: SessionQueriesTable;
  session_reads: SessionReadsTable;
  article_daily: ArticleDailyTable;
  article_monthly: ArticleMonthlyTable;
  article_weekly: ArticleWeeklyTable;
  article_quarterly: ArticleQuarterlyTable;
  article_yearly: ArticleYearlyTable;
  query_daily: QueryDailyTable;
  query_monthly: QueryMonthlyTable;
  query_weekly: QueryWeeklyTable;
  query_quarterly: QueryQuarterlyTable;
  query_yearly: QueryYearlyTable;
  tutorial_step_daily: TutorialStepDailyTable;
  tutorial_step_monthly: TutorialStepMonthlyTable;
  tutorial_step_weekly: TutorialStepWeeklyTable;
  tutorial_step_quarterly: TutorialStepQuarterlyTable;
  tutorial_step_yearly: TutorialStepYearlyTable;
  revision_votes_daily: RevisionVotesDailyTable;
  revision_votes_monthly: RevisionVotesMonthlyTable;
  revision_votes_weekly: RevisionVotesWeeklyTable;
  revision_votes_quarterly: RevisionVotesQuarterlyTable;
  revision_votes_yearly: RevisionVotesYearlyTable;
  query_article_daily: QueryArticleDailyTable;
  query_correction_daily: QueryCorrectionDailyTable;
  query_followup_daily: QueryFollowupDailyTable;
  search_terms: SearchTermsTable;
  session_daily: SessionDailyTable;
  session_scope_daily: SessionScopeDailyTable;
  comments: CommentsTable;
  events: EventsTable;
  admin_credentials: AdminCredentialsTable;
  people: PeopleTable;
  person_credentials: PersonCredentialsTable;
  audit_log: AuditLogTable;
  feedback_triage: FeedbackTriageTable;
  feedback_notes: FeedbackNotesTable;
  inbox_visits: InboxVisitsTable;
  deliveries: DeliveriesTable;
  tickets: TicketsTable;
  ticket_tags: TicketTagsTable;
  ticket_tag_areas: TicketTagAreasTable;
  ticket_reads: TicketReadsTable;
  ticket_searches: TicketSearchesTable;
}

export type Session = Selectable<SessionsTable>;
export type SessionArticle = Selectable<SessionArticlesTable>;
export type NewEvent = Insertable<EventsTable>;
export type Comment = Selectable<CommentsTable>;
