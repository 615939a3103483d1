/**
 * One simulated reader's visit: search or land on an article, read, maybe vote, maybe read on, maybe contact support.
 */
import type { ArticleProfile, DayBehaviour } from './article-profiles.ts';
import { pickWording, resultsFor, uncoveredQuery } from './demo-queries.ts';
import { commentFor } from './feedback-comments.ts';
import { CLOSED_GAP, HEALTHY, MISSING_TOPIC, type Reason } from './planted-patterns.ts';
import type { Random, Weighted } from './random.ts';
import { SessionEvents } from './session-events.ts';

/** One day of the site: each article's behaviour that day, and where readers go after their first article. */
export interface SiteDay {
  behaviour: Map<ArticleProfile, DayBehaviour>;
  /**
   * The next article a reader opens, from `category` or from anywhere, never one in `seen`; undefined if none is left.
   */
  nextArticle(category: string | undefined, seen: Set<ArticleProfile>): ArticleProfile | undefined;
  otherLanguages: readonly ArticleProfile[];
  /** The article of the planted closed gap, and whether that day's build has its alias. */
  closedGap?: { article: ArticleProfile; aliasServed: boolean };
}

/** What a session comes for; the day's mix is planned in simulate-history.ts. */
export type Visit = { kind: 'article'; article: ArticleProfile } | { kind: 'payroll' | 'uncovered' | 'other-language' | 'closed-gap' };

/** Searches for other topics the site lacks, and readers of the few non-English pages: 1% of sessions each. */
export const UNCOVERED_SHARE = 0.01;
export const OTHER_LANGUAGE_SHARE = 0.01;

const POSITIONS: Weighted<number> = [
  [1, 0.75],
  [2, 0.18],
  [3, 0.07],
];
const VOTE_SHARE = 0.18;
const REASON_SHARE = 0.7;

/** Plays one visit by a reader with the help-desk reference `ref`; returns the session's events in time order. */
export function simulateSession(site: SiteDay, rng: Random, start: number, visit: Visit, ref: string): SessionEvents {
  const s = new SessionEvents(rng, start, ref);
  if (visit.kind === 'article') articleVisit(s, rng, site, visit.article);
  else if (visit.kind === 'payroll') failedSearch(s, rng, [...MISSING_TOPIC.queries], MISSING_TOPIC.contact);
  else if (visit.kind === 'uncovered') failedSearch(s, rng, [uncoveredQuery(rng)], 0.15);
  else if (visit.kind === 'closed-gap') closedGapVisit(s, rng, site);
  else otherLanguage(s, rng, site);
  return s;
}

/** Searches for a topic the help center lacks: no results, no click; some readers give up and contact support. */
function failedSearch(s: SessionEvents, rng: Random, wordings: string[], contact: number): void {
  const first = rng.pick(wordings);
  s.wait(2, 12).search(first, 0);
  let last = first;
  const second = rng.pick(wordings);
  if (rng.chance(0.4) && !s.hasSearched(second)) s.wait(4, 20).search((last = second), 0);
  if (rng.chance(contact)) s.wait(5, 40).contactFromSearch(last);
}

/**
 * The planted closed gap: before the build with the alias the search finds nothing and some readers browse to the
 * article (what the search report suggests an alias from); after it, the search finds the article.
 */
function closedGapVisit(s: SessionEvents, rng: Random, site: SiteDay): void {
  const gap = site.closedGap;
  if (!gap) return;
  const { article, aliasServed } = gap;
  const revision = site.behaviour.get(article)!.revision;
  const query = rng.pick(CLOSED_GAP.queries);
  if (aliasServed) {
    s.wait(2, 12).search(query, resultsFor(query));
    s.wait(3, 20).click(query, article.slug, 1, revision);
    s.wait(1, 2).view(article.slug, revision);
  } else {
    s.wait(2, 12).search(query, 0);
    if (rng.chance(CLOSED_GAP.browse)) s.wait(10, 60).view(article.slug, revision);
    else if (rng.chance(CLOSED_GAP.contact)) s.wait(5, 40).contactFromSearch(query);
  }
}

function otherLanguage(s: SessionEvents, rng: Random, site: SiteDay): void {
  const article = rng.pick(site.otherLanguages);
  s.view(article.slug, article.entry.revision);
  s.wait(30, 240);
  if (rng.chance(VOTE_SHARE))
    s.feedback(article.slug, article.entry.revision, article.draws.helpful.next(HEALTHY.helpfulness) ? 'up' : 'down');
}

function articleVisit(s: SessionEvents, rng: Random, site: SiteDay, first: ArticleProfile): void {
  const searched = rng.chance(0.55);
  if (searched) {
    // Few refine: every refined-away wording is a search without a click, and none should look like a content gap.
    if (!searchAndOpen(s, rng, site, first, rng.chance(0.25) ? 2 : 1)) return;
  } else {
    s.view(first.slug, site.behaviour.get(first)!.revision);
  }
  if (read(s, rng, site, first, true)) return;
  // A quarter read on, a few of those further still; the next article is usually from the same category,
  // except after a planted one, whose extra readers would otherwise lift its healthy neighbours.
  const seen = new Set([first]);
  let previous = first;
  for (let more = 0.25; seen.size < 4 && previous.draws.readOn.next(more); more = 0.2) {
    const sameCategory = !previous.planted && previous.draws.sameCategory.next(0.7);
    const next = site.nextArticle(sameCategory ? previous.entry.category : undefined, seen) ?? site.nextArticle(undefined, seen);
    if (!next) return;
    seen.add(next);
    s.wait(10, 60);
    if (rng.chance(0.3)) {
      if (!searchAndOpen(s, rng, site, next, 1)) return;
    } else {
      s.view(next.slug, site.behaviour.get(next)!.revision);
    }
    if (read(s, rng, site, next, false)) return;
    previous = next;
  }
}

/** A search for the article: a misspelt wording finds nothing as typed and shows its correction's results. */
function settle(s: SessionEvents, article: ArticleProfile, query: string): void {
  const corrected = article.wordings.corrections.get(query);
  if (corrected === undefined) s.search(query, resultsFor(query));
  else s.search(query, 0, { query: corrected, results: resultsFor(corrected) });
}

/**
 * One or two settled searches for the article, then (usually) a click on it and its page view; false if the reader
 * left.
 */
function searchAndOpen(s: SessionEvents, rng: Random, site: SiteDay, article: ArticleProfile, searches: number): boolean {
  const revision = site.behaviour.get(article)!.revision;
  let query = pickWording(article.wordings, rng);
  if (s.hasSearched(query)) {
    // Searching the same words again would not count again: this reader follows a link instead.
    s.view(article.slug, revision);
    return true;
  }
  settle(s.wait(2, 15), article, query);
  if (searches > 1) {
    // A refined wording: the first one found nothing worth opening.
    const refined = pickWording(article.wordings, rng, query);
    if (!s.hasSearched(refined)) settle(s.wait(5, 25), article, (query = refined));
  }
  if (rng.chance(0.06)) return false;
  s.wait(3, 20).click(query, article.slug, Math.min(rng.weighted(POSITIONS), resultsFor(query)), revision);
  s.wait(1, 2).view(article.slug, revision);
  return true;
}

/**
 * Reads the article (or works through the tutorial), may vote, may contact support; true if the session ends in a
 * contact.
 */
function read(s: SessionEvents, rng: Random, site: SiteDay, article: ArticleProfile, mayVote: boolean): boolean {
  const b = site.behaviour.get(article)!;
  const { slug } = article;
  const steps = article.entry.kind === 'tutorial' ? (article.entry.steps ?? 0) : 0;
  if (steps > 0) {
    s.wait(5, 20).tutorialStep(slug, 1, steps, b.revision);
    for (let step = 1; step < steps && rng.chance(article.continuation(step)); step++)
      s.wait(40, 200).tutorialStep(slug, step + 1, steps, b.revision);
  } else {
    s.wait(30, 240);
  }
  if (mayVote && rng.chance(VOTE_SHARE)) {
    const vote = article.draws.helpful.next(b.helpfulness) ? 'up' : 'down';
    const reason =
      vote === 'down' && rng.chance(REASON_SHARE) ? article.draws.reason.next(Object.entries(b.reasons) as [Reason, number][]) : undefined;
    s.wait(2, 10).feedback(slug, b.revision, vote, reason, commentFor(vote, reason, b.topic, rng));
  }
  if (!article.draws.contact.next(b.escalation)) return false;
  s.wait(5, 40).contactFromArticle(slug, b.revision);
  return true;
}
