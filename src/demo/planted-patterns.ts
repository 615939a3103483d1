/**
 * The problems the demo history plants on purpose, with their numbers, so the summary and the tests can name what each
 * report should find.
 */
import type { Manifest } from '../schemas/manifest.ts';
import type { REASONS } from '../domain/event-kinds.ts';

export type Reason = (typeof REASONS)[number];
export type ReasonMix = Readonly<Record<Reason, number>>;

/** How every article that is not planted behaves: the same for all, so no report flags one by accident. */
export const HEALTHY = {
  helpfulness: 0.85,
  escalation: 0.04,
  reasons: { unclear: 0.3, didnt_solve: 0.3, other: 0.3, outdated: 0.05, product_issue: 0.05 },
  /** Popularity is drawn per article in this range: no long tail that would look like an outlier. */
  weight: [0.7, 1.4],
} as const satisfies { reasons: ReasonMix } & Record<string, unknown>;

export const SURGE = {
  slug: 'bank-feed-stopped-updating',
  weight: 1.5,
  factor: 5,
  lastDays: 14,
  helpfulness: 0.35,
  escalation: 0.25,
  reasons: { product_issue: 0.65, didnt_solve: 0.25, unclear: 0.05, other: 0.05, outdated: 0 },
} as const;

export const HEAVY_AREA = {
  productArea: 'invoices',
  factor: 3,
  /** A little more in the last 28 days, so the area is also rising. */
  recentFactor: 3.6,
  recentDays: 28,
  hotSlug: 'set-up-recurring-invoices',
  hotFactor: 6,
  helpfulness: 0.9,
  escalation: 0.04,
} as const;

export const MISSING_TOPIC = {
  queries: ['payroll', 'run payroll', 'payroll taxes', 'pay employees', 'payrol', 'employee payroll'],
  share: 0.02,
  contact: 0.5,
} as const;

/**
 * A gap a writer closed: readers search "close my account", find nothing and browse to the article, until the alias is
 * added part-way through the period; from then on the search finds it.
 */
export const CLOSED_GAP = {
  slug: 'delete-your-account',
  queries: ['close my account', 'close account'],
  alias: 'close my account',
  share: 0.004,
  /** Share of the period, from its start, before the build with the alias. */
  addedAt: 0.5,
  /** Before the alias: readers who browse to the article after the search found nothing, and who contact support. */
  browse: 0.6,
  contact: 0.2,
} as const;

export const OUTDATED = {
  slug: 'connect-shopify',
  weight: 1.2,
  helpfulness: 0.3,
  escalation: 0.08,
  reasons: { outdated: 0.75, didnt_solve: 0.1, unclear: 0.1, other: 0.05, product_issue: 0 },
} as const;

export const DROP_OFF = {
  slug: 'connect-your-bank-and-reconcile',
  continuation: 0.92,
  /** The step readers fail to reach: 3 → 4 ("Set up matching rules"). */
  step: 4,
  stepContinuation: 0.35,
} as const;

export const REVISION_CHANGE = {
  slug: 'invoice-emails-not-delivered',
  /** Share of the period, from its start, during which the article still had its old text. */
  editedAt: 0.6,
  helpfulnessBefore: 0.4,
  reasonsBefore: { unclear: 0.7, didnt_solve: 0.2, other: 0.1, outdated: 0, product_issue: 0 },
  helpfulnessAfter: 0.85,
} as const;

/** An edit that made a good article worse, a month before the end: enough votes on each side for a verdict. */
export const WORSE_EDIT = {
  slug: 'keyboard-shortcuts',
  /** Read more than most (below the heavy-traffic bar), so both revisions get enough votes for a verdict. */
  weight: 2.5,
  /** Share of the period, from its start, before the edit. */
  editedAt: 0.7,
  helpfulnessAfter: 0.35,
  reasonsAfter: { unclear: 0.5, outdated: 0.3, didnt_solve: 0.2, other: 0, product_issue: 0 },
} as const;

/**
 * The help desk's tickets: most readers who click "Contact support" file one a few minutes later, a few file one
 * without clicking (a copied contact link keeps the reference), and tickets without a reference (email, the in-app
 * chat) arrive beside them.
 */
export const TICKETS = {
  /** Readers who click "Contact support" and then file a ticket; the rest click and never file. */
  afterClick: 0.6,
  /** Readers who did not click and file a ticket anyway, with the reference of a copied contact link. */
  withoutClick: 0.015,
  /** Tickets without a reference, per ticket with one: half by email, half from the app's chat. */
  withoutReference: 0.4,
  /** Tickets whose reference was copied with a slip, so no session has it. */
  mistyped: 0.01,
  /** Tickets whose agent added a tag no product area maps ("urgent"), beside the mapped ones. */
  extraTag: 0.1,
  /** Tickets tagged only with such a tag. */
  onlyUnmappedTag: 0.05,
} as const;

/**
 * Readers of the heavy area's hot article find it helpful and still file tickets: the feature, not the article, is
 * the problem. Its readers who do not click "Contact support" file at this rate.
 */
export const TICKETS_AFTER_READING = {
  slug: HEAVY_AREA.hotSlug,
  withoutClick: 0.08,
} as const;

/** Two hostile comments, once each, late in the period: the reports must show them as text, never run them. */
export const HOSTILE_COMMENTS = [
  { preferredSlug: 'reset-your-password', daysBeforeEnd: 3, comment: '<script>alert("x")</script> the steps did not work' },
  { preferredSlug: 'export-your-data', daysBeforeEnd: 2, comment: '=HYPERLINK("http://example.com","click") for my screenshot' },
] as const;

const pct = (p: number) => `${Math.round(p * 100)}%`;

export const PLANTED = [
  {
    id: SURGE.slug,
    kind: 'surge',
    slug: SURGE.slug,
    description: `traffic ×${SURGE.factor} over the last ${SURGE.lastDays} days, ${pct(SURGE.helpfulness)} helpful, mostly product_issue reasons, ${pct(SURGE.escalation)} of readers contact support`,
    report: 'friction',
  },
  {
    id: HEAVY_AREA.productArea,
    kind: 'heavy-area',
    productArea: HEAVY_AREA.productArea,
    slug: HEAVY_AREA.hotSlug,
    description: `product area "${HEAVY_AREA.productArea}": ×${HEAVY_AREA.factor} views per article (×${HEAVY_AREA.recentFactor} in the last ${HEAVY_AREA.recentDays} days), ${HEAVY_AREA.hotSlug} ×${HEAVY_AREA.hotFactor}, yet ${pct(HEAVY_AREA.helpfulness)} helpful: product friction with good content`,
    report: 'friction',
  },
  {
    id: 'payroll',
    kind: 'missing-topic',
    queries: MISSING_TOPIC.queries,
    description: `"${MISSING_TOPIC.queries.slice(0, 3).join('", "')}"… return no results in ${pct(MISSING_TOPIC.share)} of sessions, half of them then contact support`,
    report: 'search',
  },
  {
    id: 'close-my-account',
    kind: 'closed-gap',
    slug: CLOSED_GAP.slug,
    description: `"${CLOSED_GAP.queries.join('", "')}" find nothing for the first ${pct(CLOSED_GAP.addedAt)} of the period and ${pct(CLOSED_GAP.browse)} of those readers browse to the article; then a build adds the alias "${CLOSED_GAP.alias}" and the gap closes`,
    report: 'search',
  },
  {
    id: OUTDATED.slug,
    kind: 'outdated',
    slug: OUTDATED.slug,
    description: `${pct(OUTDATED.helpfulness)} helpful, ${pct(OUTDATED.reasons.outdated)} of reasons "outdated" (the Shopify admin changed)`,
    report: 'ratings',
  },
  {
    id: DROP_OFF.slug,
    kind: 'tutorial-drop-off',
    slug: DROP_OFF.slug,
    description: `only ${pct(DROP_OFF.stepContinuation)} of readers go on from step ${DROP_OFF.step - 1} to step ${DROP_OFF.step}, ${pct(DROP_OFF.continuation)} at every other step`,
    report: 'tutorials',
  },
  {
    id: REVISION_CHANGE.slug,
    kind: 'revision-change',
    slug: REVISION_CHANGE.slug,
    description: `${pct(REVISION_CHANGE.helpfulnessBefore)} helpful (mostly "unclear") on its old revision for the first ${pct(REVISION_CHANGE.editedAt)} of the period, ${pct(REVISION_CHANGE.helpfulnessAfter)} after the edit`,
    // The ratings report's "revisions" table shows helpfulness per revision; `article <slug>` lists the comments.
    report: 'ratings',
  },
  {
    id: WORSE_EDIT.slug,
    kind: 'worse-edit',
    slug: WORSE_EDIT.slug,
    description: `${pct(HEALTHY.helpfulness)} helpful until an edit ${pct(1 - WORSE_EDIT.editedAt)} of the period before its end, ${pct(WORSE_EDIT.helpfulnessAfter)} after it (mostly "unclear"): judged worse, and a content-friction flag`,
    report: 'friction',
  },
  {
    id: `${TICKETS_AFTER_READING.slug}-tickets`,
    kind: 'tickets-after-reading',
    slug: TICKETS_AFTER_READING.slug,
    description: `${pct(TICKETS_AFTER_READING.withoutClick)} of its readers who do not click "Contact support" file a ticket anyway (${TICKETS.withoutClick * 100}% elsewhere; ${pct(TICKETS.afterClick)} of those who click, everywhere): well-rated, yet its readers still need the help desk`,
    report: 'friction',
  },
] as const;

export type PlantedPattern = (typeof PLANTED)[number];
export type PlantedKind = PlantedPattern['kind'];

/**
 * Patterns whose article (or product area, or tutorial with enough steps) exists in this manifest; the rest are skipped
 * quietly.
 */
export function activePatterns(manifest: Manifest): PlantedPattern[] {
  const articles = manifest.articles;
  return PLANTED.filter((p) => {
    if (p.kind === 'missing-topic') return true;
    if (p.kind === 'heavy-area') return Object.values(articles).some((e) => e.product_area === p.productArea && e.lang === 'en');
    const entry = articles[p.slug];
    if (!entry) return false;
    return p.kind === 'tutorial-drop-off' ? entry.kind === 'tutorial' && (entry.steps ?? 0) >= DROP_OFF.step : true;
  });
}

/**
 * Sample-content slugs that are deliberately well-behaved: outside every planted pattern and outside the planted areas.
 */
export const WELL_BEHAVED_SLUGS = [
  'reset-your-password',
  'enable-two-factor-authentication',
  'set-up-single-sign-on',
  'team-roles-and-permissions',
  'update-your-sign-in-details',
  'delete-your-account',
  'export-your-data',
  'trouble-signing-in',
  'mobile-app-not-syncing',
  'welcome-to-ledgerly',
  'install-the-mobile-apps',
  'invite-your-team-and-accountant',
  'is-my-data-secure',
  'compare-plans',
  'change-your-plan',
  'cancel-your-subscription',
  'download-your-subscription-invoice',
  'subscription-payment-failed',
  'what-happens-when-you-downgrade',
  'can-i-manage-more-than-one-business',
  'set-up-ledgerly-payments',
  'payment-processing-fees',
  'payouts-and-payout-schedule',
  'refund-a-payment',
  'respond-to-a-dispute',
  'which-payment-methods-can-customers-use',
  'scan-receipts',
  'track-mileage',
  'receipt-scanning-problems',
  'run-a-profit-and-loss-report',
  'export-reports-for-your-accountant',
  'reports-dont-match-bank-balance',
  'api-keys-and-webhooks',
  'automate-with-zapier',
  'back-up-to-google-drive',
  'connect-stripe-and-paypal',
  'set-up-ledgerly-in-30-minutes',
  'prepare-your-year-end-tax-report',
] as const;
