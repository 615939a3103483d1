/**
 * What every number the reports and the dashboard show means, in plain words and as a formula: the one source for
 * the dashboard's definitions page, the links beside its numbers, and the README. Thresholds are quoted from the
 * modules that apply them, so the words cannot drift from the rules.
 */
import { FRICTION_RULES as R, FRICTION_SCORING } from './friction-rules.ts';
import { DEFAULT_REVIEW_DAYS } from './content.ts';
import { DEFAULT_MIN_VOTES } from './ratings.ts';
import { GAP_NO_CLICK_SHARE } from './search.ts';
import { MAX_ALIAS_WORDS, MIN_SEARCHES_AFTER } from './gap-fixes.ts';
import { REASONS } from '../domain/event-kinds.ts';

export interface MetricDefinition {
  /** Kebab-case; the anchor on the definitions page. */
  id: string;
  title: string;
  /** The section of the definitions page it is listed under. */
  section: (typeof METRIC_SECTIONS)[number];
  definition: string;
  /** How it is computed; null when the words say it all. */
  formula: string | null;
}

export const METRIC_SECTIONS = [
  'Sessions and traffic',
  'Deflection',
  'Ratings',
  'Search',
  'Friction',
  'Content health',
  'Tutorials',
  'Feedback inbox',
] as const;

const pct = (share: number) => `${Math.round(share * 100)}%`;
const MEDIANS = `site-wide medians over the range: helpfulness of the articles with at least ${R.minVotes} votes, escalation rate of the articles with at least ${R.minViewSessions} readers, views of the published articles, views per article of the product areas, and the share of readers who filed a ticket within a day among the articles with at least ${R.minViewSessions} readers`;

export const METRIC_DEFINITIONS = [
  {
    id: 'kb-session',
    section: 'Sessions and traffic',
    title: 'Help-center session (KB session)',
    definition:
      'A session with at least one article view or search in the range. A session is anonymous: an id made in the browser, which ends when the tab closes or after 30 minutes of inactivity. With a category or product-area filter, only the sessions that read an article in that scope count; a closed session stays counted under the categories its articles had when it closed.',
    formula: 'sessions with ≥ 1 view or search',
  },
  {
    id: 'article-views',
    section: 'Sessions and traffic',
    title: 'Views',
    definition: 'An article or tutorial page shown. Repeated views of one article in one session within 30 minutes count once.',
    formula: null,
  },
  {
    id: 'readers',
    section: 'Sessions and traffic',
    title: 'Readers',
    definition:
      'The sessions that viewed an article (or the articles of a group) in the range: each session counts once however often it came back.',
    formula: 'sessions with ≥ 1 view of the article',
  },
  {
    id: 'period-change',
    section: 'Sessions and traffic',
    title: 'Change vs the previous period',
    definition:
      'Each headline number beside the same number over the equal period just before the range. Counts and ratios change by a share of the previous value; rates change by percentage points. Empty when either side is empty or the previous count is 0.',
    formula: 'counts, ratios: (value − previous) / previous; rates: value − previous (points)',
  },
  {
    id: 'escalated-session',
    section: 'Deflection',
    title: 'Escalated session',
    definition: 'A help-center session in which the reader clicked “Contact support”.',
    formula: 'KB sessions with ≥ 1 contact',
  },
  {
    id: 'deflection-rate',
    section: 'Deflection',
    title: 'Deflection rate',
    definition: 'The share of help-center sessions that did not escalate to support.',
    formula: '(KB sessions − escalated KB sessions) / KB sessions',
  },
  {
    id: 'contact-rate',
    section: 'Deflection',
    title: 'Contact rate',
    definition: 'The share of help-center sessions that escalated to support: the other side of the deflection rate.',
    formula: 'escalated KB sessions / KB sessions = 1 − deflection rate',
  },
  {
    id: 'self-service-score',
    section: 'Deflection',
    title: 'Self-service score',
    definition:
      'Help-center sessions per escalated session, shown as a ratio such as “12.4 : 1”. Zendesk’s self-service score divides help-center users by users with tickets; Lantern counts sessions, since it has no accounts. When nothing escalated it is “∞”, shown with the counts.',
    formula: 'KB sessions / escalated sessions',
  },
  {
    id: 'confirmed-deflection',
    section: 'Deflection',
    title: 'Confirmed deflection',
    definition: 'A help-center session in which the reader voted an article up and did not contact support.',
    formula: 'KB sessions with ≥ 1 up vote and no contact',
  },
  {
    id: 'article-escalation-rate',
    section: 'Deflection',
    title: 'Escalation rate per article',
    definition:
      'Of the sessions that viewed an article, the share that contacted support later in the same session, counted on the day they first read it.',
    formula: 'sessions that viewed the article, then contacted support / sessions that viewed it',
  },
  {
    id: 'query-escalation',
    section: 'Deflection',
    title: 'Escalation per query',
    definition:
      'The settled searches of a query followed by a contact in the same session, and their share of the query’s searches. Queries belong to no category: these lists use the date range only.',
    formula: 'searches followed by a contact / settled searches of the query',
  },
  {
    id: 'ticket-session',
    section: 'Deflection',
    title: 'Session with a ticket',
    definition:
      'A help-center session whose reference came back on a ticket from the help desk. The “Contact support” links carry the session’s reference (a random code, not the session id); the help desk’s contact form puts it on the ticket and its webhook sends it to Lantern, which joins the ticket to the session when the session was active in the day before the ticket. Counted on the day the session started, like every session; a session with two tickets counts once. With a category or product-area filter, the sessions whose writer read an article of that scope in the day before the ticket.',
    formula: 'KB sessions with ≥ 1 ticket carrying their reference',
  },
  {
    id: 'ticket-deflection-rate',
    section: 'Deflection',
    title: 'Ticket deflection rate',
    definition:
      'The share of help-center sessions that did not go on to file a ticket: deflection counted from real tickets rather than from clicks on “Contact support”. Shown once the help desk has sent a ticket.',
    formula: '(KB sessions − sessions with a ticket) / KB sessions',
  },
  {
    id: 'ticket-self-service-score',
    section: 'Deflection',
    title: 'Self-service score (tickets)',
    definition:
      'Help-center sessions per session with a ticket: Zendesk’s self-service score (help-center users per user with a ticket), counted in sessions since Lantern has no accounts. “∞” when no session filed a ticket.',
    formula: 'KB sessions / sessions with a ticket',
  },
  {
    id: 'tickets-after-reading',
    section: 'Deflection',
    title: 'Tickets after reading',
    definition:
      'Per article, revision or query: the sessions that read it (first view) or searched it and filed a ticket within the next day, and their share of its readers or searches. Tickets are joined when they arrive, to the reads and searches of the 24 hours before them.',
    formula: 'sessions that read it, then filed a ticket within a day / sessions that read it',
  },
  {
    id: 'tickets-received',
    section: 'Deflection',
    title: 'Tickets received',
    definition:
      'Tickets the help desk reported as created in the range (the same ticket delivered twice counts once): after reading (joined to a help-center session), without a reference (they did not come through the help center’s contact links: an email, the app), or with a reference no session had in the day before (a copied link used later, or a session whose events have not arrived yet). No filter applies to them.',
    formula: 'tickets = after reading + without a reference + unmatched reference',
  },
  {
    id: 'clicks-and-tickets',
    section: 'Deflection',
    title: 'Clicks and tickets',
    definition:
      'Help-center sessions by what they did: clicked “Contact support” and filed a ticket; clicked and never filed (perhaps the contact form’s own suggestions helped, perhaps they gave up); filed without clicking (a link copied or opened another way, or a ticket from the app with the reference).',
    formula: 'clicked and not filed = escalated sessions − sessions that clicked and filed',
  },
  {
    id: 'tickets-by-product-area',
    section: 'Deflection',
    title: 'Tickets per product area',
    definition:
      'Tickets created in the range by the product area their tags stand for in content/ticket-tags.json (a ticket whose tags name two areas counts in each; one with no mapped tag is listed apart), with or without a reference.',
    formula: null,
  },
  {
    id: 'final-votes',
    section: 'Ratings',
    title: 'Votes (n)',
    definition:
      'Answers to “Was this article helpful?”: one vote per session per article, the session’s final one (a changed vote replaces the earlier one), dated by the vote. Every rate is shown with its n.',
    formula: 'n = up + down',
  },
  {
    id: 'helpfulness',
    section: 'Ratings',
    title: 'Helpfulness',
    definition: 'The share of final votes that are up. By category and by product area, the votes of their articles are added up first.',
    formula: 'up / (up + down)',
  },
  {
    id: 'wilson-interval',
    section: 'Ratings',
    title: 'Wilson score interval (95%)',
    definition:
      'The range the true helpfulness lies in with 95% confidence, given n votes (Wilson, 1927): wide for a handful of votes, narrow for many. Shown as “95% low” and “95% high”.',
    formula: 'p = up / n, z = 1.96: (p + z²/2n ∓ z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)',
  },
  {
    id: 'wilson-ranking',
    section: 'Ratings',
    title: 'Ranking by the interval',
    definition:
      'Articles are ranked by their Wilson interval, never by the raw percentage. Worst first is by the upper bound, so an article is called bad only when even its best case is bad; articles with enough votes come before those without.',
    formula: 'worst first: ascending upper bound, then more votes first',
  },
  {
    id: 'minimum-votes',
    section: 'Ratings',
    title: 'Not enough votes',
    definition: `An article with fewer than ${DEFAULT_MIN_VOTES} votes in the range is marked “not enough votes”: a handful of votes proves nothing.`,
    formula: `enough votes: n ≥ ${DEFAULT_MIN_VOTES}`,
  },
  {
    id: 'down-vote-reasons',
    section: 'Ratings',
    title: 'Down-vote reasons and comments',
    definition: `The reason a reader may give with a vote, counted per article: ${REASONS.map((r) => `\`${r}\``).join(', ')}. Comments are listed with their vote, reason and revision.`,
    formula: null,
  },
  {
    id: 'article-revision',
    section: 'Ratings',
    title: 'Revision (before and after an edit)',
    definition:
      'A hash of the article’s source at build time, stamped on each of its events, so ratings can be compared before and after an edit. Only articles whose votes span more than one revision are listed.',
    formula: 'helpfulness over the final votes given to each revision',
  },
  {
    id: 'edit-verdict',
    section: 'Ratings',
    title: 'Did the edit help? (verdict and p)',
    definition:
      'Each revision’s helpfulness against the revision before it, both with their 95% Wilson interval and number of votes. "Better" or "worse" when a two-sided two-proportion z-test gives p < 0.05; "no clear change" otherwise; "no clear change yet (n too small)" while either revision has fewer than 30 votes. p is the chance of a difference at least this large if the edit changed nothing.',
    formula: 'z = (p₂ − p₁) ÷ √(p̂(1 − p̂)(1/n₁ + 1/n₂)), p̂ = (up₁ + up₂) ÷ (n₁ + n₂); p = 2(1 − Φ(|z|))',
  },
  {
    id: 'revision-outcomes',
    section: 'Ratings',
    title: 'Readers, contacts and reasons per revision',
    definition:
      'For each revision of an article: its readers (sessions whose first view of the article was this revision), the share of them who contacted support from its page, and the share of its final votes that were down votes saying outdated or unclear. Together with helpfulness they tell whether an edit helped.',
    formula: 'contact rate = contacts from the page ÷ readers; outdated/unclear share = (outdated + unclear) ÷ final votes',
  },
  {
    id: 'settled-search',
    section: 'Search',
    title: 'Settled search',
    definition:
      'A search counted once the reader paused typing, pressed Enter or opened a result, never once per keystroke. A query counts once per session, so searches of a query are also its sessions.',
    formula: null,
  },
  {
    id: 'zero-result-rate',
    section: 'Search',
    title: 'Zero-result rate',
    definition:
      'The share of settled searches that showed the reader nothing. A misspelt search whose correction found articles showed them: it is not counted (the corrections table lists them).',
    formula: 'settled searches that showed 0 results (the correction’s when there was one) / settled searches',
  },
  {
    id: 'click-through-rate',
    section: 'Search',
    title: 'Click-through rate',
    definition: 'The share of settled searches followed by at least one opened result for the same query: a share, never above 100%.',
    formula: 'settled searches followed by ≥ 1 search click on the same query / settled searches',
  },
  {
    id: 'search-clicks',
    section: 'Search',
    title: 'Search clicks',
    definition:
      'A search result opened, with its query and position. On an article’s page, the searches that led to it are counted by these clicks.',
    formula: null,
  },
  {
    id: 'content-gaps',
    section: 'Search',
    title: 'Content gaps',
    definition: `Normalized queries (trimmed, lower-cased, whitespace collapsed) that some searches found nothing for, or where at least ${pct(GAP_NO_CLICK_SHARE)} of the searches led to no click. Near-duplicate wordings (the same words in another order or form, or one typo apart) are grouped, and groups are ranked by their sessions without a click.`,
    formula: 'without a click = settled searches − searches followed by a click (zero-result ones included)',
  },
  {
    id: 'corrected-search',
    section: 'Search',
    title: 'Corrected search',
    definition:
      'A settled search with a misspelt word, whose results were those of the corrected query (“Showing results for …”). Both queries are kept: the one typed and the one searched instead.',
    formula: null,
  },
  {
    id: 'gap-fix',
    section: 'Search',
    title: 'Gap fix and whether it closed the gap',
    definition: `What would close a content gap, with the line a writer adds: a synonym when the article readers opened after the search that showed nothing is titled with the gap's words but one; an alias (up to ${MAX_ALIAS_WORDS} words) or a pin to that article otherwise; when nobody found one, a new article if some searches showed nothing, or a review of the titles and descriptions the search shows if every search showed results nobody opened. “Read after” counts the sessions that opened that article after such a search. Once a build has a title, alias, pin or synonym matching the gap, the gap's zero-result rate before the day the server first saw that build and since are shown with their searches. Closed: at least ${MIN_SEARCHES_AFTER} searches since, and the 95% Wilson intervals of the rate before and since apart, the later one below; not closed: the rate since is no lower, or the term was served from before the range and searches since still find nothing; otherwise too few searches to tell.`,
    formula: 'zero-result rate before = zero-result searches before the change / searches before; after likewise from the change’s day on',
  },
  {
    id: 'site-medians',
    section: 'Friction',
    title: 'Site medians',
    definition: `The baselines every friction rule compares with: ${MEDIANS}. They are site-wide, so a filter narrows the list of flags without changing what counts as unusual.`,
    formula: null,
  },
  {
    id: 'content-friction',
    section: 'Friction',
    title: 'Content friction',
    definition: `The article fails its readers; action: rewrite it. Raised when its helpfulness interval’s upper bound is at least ${Math.round(R.ratingGap * 100)} points below the site median (with at least ${R.minVotes} votes); or its escalation rate is at least ${R.escalationFactor}× the site median with its Wilson lower bound above the median (at least ${R.minViewSessions} readers); or \`outdated\` + \`unclear\` votes are at least ${R.minStaleReasons} and ${pct(R.staleReasonShare)} of its votes. A flag that rests on too little data is not raised; flags are ranked by their friction score.`,
    formula: null,
  },
  {
    id: 'product-friction',
    section: 'Friction',
    title: 'Product friction',
    definition: `Readers need help with a feature at an unusual rate; action: fix the product or its onboarding, the article may be fine. Raised when an article’s views are at least ${R.heavyArticleFactor}× the median article’s, or a product area’s views per article at least ${R.heavyAreaFactor}× the median area’s (at least ${R.minViews} views); or views rose at least ${pct(R.risingChange)} against the previous equal period, beyond chance (Poisson z ≥ ${R.risingZ}, at least ${R.minRisingViews} views). Made stronger by \`product_issue\` reasons (at least ${pct(R.productIssueShare)} of down votes, and 3 or more), escalation above the site median, and a tutorial step in the area losing at least ${pct(R.tutorialDropOff)} of its readers (${R.minDropOffReaders} or more), and readers filing a ticket within a day above the site median, the interval’s lower bound above it too (${R.minTicketSessions} or more). Flags are ranked by their friction score.`,
    formula: null,
  },
  {
    id: 'friction-score',
    section: 'Friction',
    title: 'Friction score',
    definition: `What flags are ranked by, highest first. Content: the readers it failed, weighted by the largest gap. Product: the views beyond the usual, each supporting signal adding ${pct(R.supportWeight)}. Every flag says why in numbers, with its sample sizes.`,
    formula: `content: ${FRICTION_SCORING.content.replace(/^score = /, '')}; product: ${FRICTION_SCORING.product.replace(/^score = /, '')}`,
  },
  {
    id: 'stale-content',
    section: 'Content health',
    title: 'Stale',
    definition: `An article whose \`reviewed\` date is missing or older than the review interval (default ${DEFAULT_REVIEW_DAYS} days, the \`review_days\` parameter), measured at the end of the range.`,
    formula: 'days since review = end of range − reviewed > review interval',
  },
  {
    id: 'never-viewed',
    section: 'Content health',
    title: 'Never viewed',
    definition: 'A published article that nobody viewed in the range.',
    formula: 'views = 0',
  },
  {
    id: 'low-rated',
    section: 'Content health',
    title: 'Low rated',
    definition: `A published article with at least ${R.minVotes} votes whose helpfulness interval’s upper bound is at least ${Math.round(R.ratingGap * 100)} points below the site’s median helpfulness: the same test as the content-friction rating signal.`,
    formula: `upper bound ≤ site median − ${Math.round(R.ratingGap * 100)} points, n ≥ ${R.minVotes}`,
  },
  {
    id: 'missing-description',
    section: 'Content health',
    title: 'Missing description',
    definition:
      'A published article without a `description` in its frontmatter: search results and link previews then fall back to its first paragraph.',
    formula: null,
  },
  {
    id: 'tutorial-completion',
    section: 'Tutorials',
    title: 'Tutorial completion',
    definition:
      'Per tutorial, the sessions that reached step 1, each step and the last step (a step counts once per session); completion is the share of those who started that reached the last step.',
    formula: 'sessions that reached the last step / sessions that reached step 1',
  },
  {
    id: 'tutorial-drop-off',
    section: 'Tutorials',
    title: 'Largest drop-off',
    definition: 'The step after which the largest share of the readers who reached it did not reach the next one.',
    formula: 'max over steps k of (reached k − reached k+1) / reached k',
  },
  {
    id: 'feedback-item',
    section: 'Feedback inbox',
    title: 'Feedback item',
    definition:
      'One comment a reader wrote, or one down vote with a reason, kept exactly as sent with its article, revision and time. Items are new until someone triages them (acknowledged, planned, done, won’t fix); they are never deleted. Unassigned items go to the person the article’s frontmatter names as owner, when they are on the team. Notes are internal: readers never see them.',
    formula: null,
  },
] as const satisfies readonly MetricDefinition[];

export type MetricId = (typeof METRIC_DEFINITIONS)[number]['id'];

const BY_ID = new Map<string, MetricDefinition>(METRIC_DEFINITIONS.map((d) => [d.id, d]));

export function metricDefinition(id: MetricId): MetricDefinition {
  return BY_ID.get(id)!;
}

/** Where a definition is on the dashboard. */
export const definitionHref = (id: MetricId) => `/reports/definitions#${id}`;

/** Report table columns (each report's tables) by key, to the definition of what their cells count. */
export const COLUMN_DEFINITIONS = {
  kb_sessions: 'kb-session',
  escalated_sessions: 'escalated-session',
  deflection_rate: 'deflection-rate',
  self_service_score: 'self-service-score',
  confirmed_deflections: 'confirmed-deflection',
  views: 'article-views',
  previous_views: 'article-views',
  view_sessions: 'readers',
  escalations: 'article-escalation-rate',
  escalation_rate: 'article-escalation-rate',
  up: 'final-votes',
  down: 'final-votes',
  n: 'final-votes',
  votes: 'final-votes',
  helpfulness: 'helpfulness',
  lower: 'wilson-interval',
  upper: 'wilson-interval',
  enough_votes: 'minimum-votes',
  outdated: 'down-vote-reasons',
  unclear: 'down-vote-reasons',
  didnt_solve: 'down-vote-reasons',
  product_issue: 'down-vote-reasons',
  other: 'down-vote-reasons',
  comments: 'down-vote-reasons',
  revision: 'article-revision',
  searches: 'settled-search',
  zero_results: 'zero-result-rate',
  zero_result_rate: 'zero-result-rate',
  clicked: 'click-through-rate',
  click_through_rate: 'click-through-rate',
  clicks: 'search-clicks',
  escalated: 'query-escalation',
  sessions: 'content-gaps',
  without_click: 'content-gaps',
  read_after: 'gap-fix',
  zero_result_rate_before: 'gap-fix',
  searches_before: 'gap-fix',
  zero_result_rate_after: 'gap-fix',
  searches_after: 'gap-fix',
  variants: 'content-gaps',
  score: 'friction-score',
  days_since_review: 'stale-content',
  reached: 'tutorial-completion',
  completion_rate: 'tutorial-completion',
  drop_off_after_step: 'tutorial-drop-off',
  drop_off_lost: 'tutorial-drop-off',
  drop_off_share: 'tutorial-drop-off',
  ticket_sessions: 'tickets-after-reading',
  ticket_rate: 'tickets-after-reading',
  ticket_deflection_rate: 'ticket-deflection-rate',
  ticket_self_service_score: 'ticket-self-service-score',
  tickets: 'tickets-received',
  after_reading: 'tickets-received',
  without_reference: 'tickets-received',
  unmatched_reference: 'tickets-received',
  clicked_and_filed: 'clicks-and-tickets',
  clicked_not_filed: 'clicks-and-tickets',
  filed_without_clicking: 'clicks-and-tickets',
} as const satisfies Record<string, MetricId>;

/** A key that means something else in one table: `<table>.<key>`. */
export const TABLE_COLUMN_DEFINITIONS = {
  // Deflection's articles: readers who contacted support after reading, not escalated sessions as a whole.
  'articles.escalated_sessions': 'article-escalation-rate',
  'queries.escalation_rate': 'query-escalation',
  'corrections.searches': 'corrected-search',
  'revisions.p': 'edit-verdict',
  'revisions.view_sessions': 'revision-outcomes',
  'revisions.contact_rate': 'revision-outcomes',
  'revisions.outdated_unclear_share': 'revision-outcomes',
  'items.id': 'feedback-item',
  'items.notes': 'feedback-item',
  'statuses.items': 'feedback-item',
  'summary.ticket_sessions': 'ticket-session',
  'days.ticket_sessions': 'ticket-session',
  'weeks.ticket_sessions': 'ticket-session',
  'ticket-areas.tickets': 'tickets-by-product-area',
} as const satisfies Record<string, MetricId>;

/** The definition behind a column of a report table, if its cells are a metric. */
export function columnDefinition(table: string, key: string): MetricId | undefined {
  const specific: Record<string, MetricId> = TABLE_COLUMN_DEFINITIONS;
  const general: Record<string, MetricId> = COLUMN_DEFINITIONS;
  return specific[`${table}.${key}`] ?? general[key];
}
