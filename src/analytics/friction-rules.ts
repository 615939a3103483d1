/**
 * The thresholds behind every friction flag, in one place so the README, the dashboard and the tests agree.
 * A flag needs both a material gap and enough data: a 95% bound alone flags about one healthy article in forty.
 */
export const FRICTION_RULES = {
  /** Content: the helpfulness interval's upper bound is at least this far below the site's median helpfulness. */
  ratingGap: 0.05,
  minVotes: 10,
  /** Content: escalation at least this many times the site median, and its Wilson lower bound above the median. */
  escalationFactor: 2,
  minViewSessions: 30,
  /** Content: `outdated` + `unclear` down votes at least this many, and this share of all the article's votes. */
  minStaleReasons: 5,
  staleReasonShare: 0.15,
  /** Product: views at least this many times the median (articles), or per article the median (product areas). */
  heavyArticleFactor: 3,
  heavyAreaFactor: 2,
  minViews: 200,
  /** Product: views up at least this share vs the previous equal period, and beyond chance (Poisson z ≥ 3). */
  risingChange: 0.5,
  risingZ: 3,
  minRisingViews: 100,
  /** Product, supporting: `product_issue` at least this share of down votes (and 3 or more). */
  productIssueShare: 0.2,
  /** Product, supporting: a tutorial step in the area loses at least this share of its readers (20 or more). */
  tutorialDropOff: 0.5,
  minDropOffReaders: 20,
  /** Product, supporting: readers filing a ticket within a day above the site median, beyond chance (5 or more). */
  minTicketSessions: 5,
  /** Each supporting signal raises a product flag's score by this share. */
  supportWeight: 0.25,
} as const;

export const FRICTION_SCORING = {
  content:
    'score = readers who viewed the article × the largest gap among its signals (median helpfulness − helpfulness; escalation rate − median escalation rate; share of votes saying outdated or unclear)',
  product:
    'score = excess views (views minus what a typical article or area of the same size had, or minus the previous period, whichever is larger) × (1 + 0.25 per supporting signal: product_issue reasons, escalation above the median, a tutorial step losing half its readers, readers filing tickets above the median)',
} as const;

/** z of a change between two Poisson counts; large when the rise is unlikely to be noise. */
export function poissonZ(current: number, previous: number): number {
  return current + previous === 0 ? 0 : (current - previous) / Math.sqrt(current + previous);
}
