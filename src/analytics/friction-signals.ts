/**
 * The friction rules applied to one article's or one product area's totals: which signals fire, the evidence, the
 * score.
 */
import type { ArticleStats } from './article-stats.ts';
import { count, helpfulSentence, percent, signedPercent } from './evidence-format.ts';
import { FRICTION_RULES as R, poissonZ } from './friction-rules.ts';
import type { RevisionComparison } from './revision-verdict.ts';
import { wilsonInterval } from './wilson.ts';

export type Signal =
  | 'low-rating'
  | 'high-escalation'
  | 'outdated-or-unclear'
  | 'worse-after-edit'
  | 'heavy-traffic'
  | 'rising-traffic'
  | 'product-issue-reasons'
  | 'escalation-above-median'
  | 'tutorial-drop-off'
  | 'tickets-after-reading';

export type Totals = Pick<
  ArticleStats,
  'views' | 'viewSessions' | 'escalations' | 'up' | 'down' | 'outdated' | 'unclear' | 'productIssue' | 'ticketSessions'
>;

export interface Baselines {
  days: number;
  medianHelpfulness: number | null;
  medianEscalationRate: number | null;
  /** Among articles with enough readers: the share of readers who filed a ticket within a day. */
  medianTicketRate: number | null;
  medianArticleViews: number | null;
  medianAreaViewsPerArticle: number | null;
}

interface Finding {
  signals: Signal[];
  evidence: string;
  score: number;
}

function escalationAboveMedian(t: Totals, b: Baselines, factor: number): boolean {
  if (b.medianEscalationRate === null || t.viewSessions < R.minViewSessions) return false;
  const lower = wilsonInterval(t.escalations, t.viewSessions)!.lower;
  return t.escalations / t.viewSessions >= factor * b.medianEscalationRate && lower > b.medianEscalationRate;
}

/** Readers who filed tickets after reading, above the site's median share with the interval's lower bound above it too. */
function ticketsAboveMedian(t: Totals, b: Baselines): boolean {
  if (b.medianTicketRate === null || t.viewSessions < R.minViewSessions || t.ticketSessions < R.minTicketSessions) return false;
  return wilsonInterval(t.ticketSessions, t.viewSessions)!.lower > b.medianTicketRate;
}

/** Enough votes, and even the best case of the interval is materially below the site's median. */
export function isLowRated(up: number, n: number, medianHelpfulness: number | null): boolean {
  return medianHelpfulness !== null && n >= R.minVotes && wilsonInterval(up, n)!.upper <= medianHelpfulness - R.ratingGap;
}

const escalationSentence = (t: Totals) =>
  `${percent(t.escalations / t.viewSessions)} of ${count(t.viewSessions)} readers contacted support`;

/** Content friction: the article fails its readers, or its last edit made it worse (`edit`: its latest verdict). */
export function contentSignals(t: Totals, b: Baselines, edit: RevisionComparison | null = null): Finding | null {
  const n = t.up + t.down;
  const signals: Signal[] = [];
  const words: string[] = [];
  const gaps: number[] = [];
  const interval = wilsonInterval(t.up, n);
  if (isLowRated(t.up, n, b.medianHelpfulness)) {
    signals.push('low-rating');
    words.push(`${helpfulSentence(t.up, n, interval)} vs site median ${percent(b.medianHelpfulness!)}`);
    gaps.push(b.medianHelpfulness! - t.up / n);
  }
  if (escalationAboveMedian(t, b, R.escalationFactor)) {
    signals.push('high-escalation');
    words.push(`${escalationSentence(t)} (site median ${percent(b.medianEscalationRate!)})`);
    gaps.push(t.escalations / t.viewSessions - b.medianEscalationRate!);
  }
  const stale = t.outdated + t.unclear;
  if (n > 0 && stale >= R.minStaleReasons && stale / n >= R.staleReasonShare) {
    signals.push('outdated-or-unclear');
    words.push(`${count(stale)} of ${count(n)} votes say outdated (${count(t.outdated)}) or unclear (${count(t.unclear)})`);
    gaps.push(stale / n);
  }
  if (edit?.verdict === 'worse') {
    signals.push('worse-after-edit');
    words.push(`an edit made it worse: ${edit.sentence}`);
    gaps.push(edit.before.helpfulness! - edit.after.helpfulness!);
  }
  if (signals.length === 0) return null;
  return { signals, evidence: words.join('; '), score: Math.round(t.viewSessions * Math.max(...gaps)) };
}

export interface ProductContext {
  kind: 'article' | 'area';
  /** Median views of an article, or median views per article of a product area. */
  baseline: number | null;
  articles: number;
  dropOff: { afterStep: number; lost: number; share: number } | null;
}

/** Product friction: readers need help here at an unusual rate; the article itself may be fine. */
export function productSignals(t: Totals, previousViews: number, c: ProductContext, b: Baselines): Finding | null {
  const signals: Signal[] = [];
  const words: string[] = [];
  const excess: number[] = [];
  const perArticle = t.views / c.articles;
  const factor = c.kind === 'article' ? R.heavyArticleFactor : R.heavyAreaFactor;
  if (c.baseline !== null && c.baseline > 0 && t.views >= R.minViews && perArticle >= factor * c.baseline) {
    signals.push('heavy-traffic');
    const what =
      c.kind === 'article'
        ? `views ${(perArticle / c.baseline).toFixed(1)}× the median article (${count(t.views)} vs ${count(Math.round(c.baseline))})`
        : `views per article ${(perArticle / c.baseline).toFixed(1)}× the median product area (${count(Math.round(perArticle))} vs ${count(Math.round(c.baseline))}; ${count(t.views)} views over ${c.articles} article${c.articles === 1 ? '' : 's'})`;
    words.push(what);
    excess.push(t.views - c.baseline * c.articles);
  }
  // Without views before, there is no trend to speak of: a new article, or history that starts in this range.
  const change = previousViews > 0 ? (t.views - previousViews) / previousViews : null;
  if (change !== null && t.views >= R.minRisingViews && change >= R.risingChange && poissonZ(t.views, previousViews) >= R.risingZ) {
    signals.push('rising-traffic');
    words.push(`views ${signedPercent(change)} vs previous ${b.days} days (${count(previousViews)} → ${count(t.views)})`);
    excess.push(t.views - previousViews);
  }
  if (signals.length === 0) return null;

  let supports = 0;
  const n = t.up + t.down;
  if (n > 0) words.push(helpfulSentence(t.up, n, wilsonInterval(t.up, n)));
  if (t.productIssue >= 3 && t.productIssue / t.down >= R.productIssueShare) {
    signals.push('product-issue-reasons');
    words.push(`${count(t.productIssue)} of ${count(t.down)} down votes say it is a product issue`);
    supports += 1;
  }
  if (escalationAboveMedian(t, b, 1)) {
    signals.push('escalation-above-median');
    words.push(`${escalationSentence(t)} (site median ${percent(b.medianEscalationRate!)})`);
    supports += 1;
  }
  if (ticketsAboveMedian(t, b)) {
    signals.push('tickets-after-reading');
    words.push(
      `${percent(t.ticketSessions / t.viewSessions)} of ${count(t.viewSessions)} readers filed a ticket within a day (${count(t.ticketSessions)}; site median ${percent(b.medianTicketRate!)})`,
    );
    supports += 1;
  }
  if (c.dropOff && c.dropOff.share >= R.tutorialDropOff && c.dropOff.lost >= R.minDropOffReaders) {
    signals.push('tutorial-drop-off');
    words.push(
      `a tutorial loses ${percent(c.dropOff.share)} of its readers after step ${c.dropOff.afterStep} (${count(c.dropOff.lost)} readers)`,
    );
    supports += 1;
  }
  return { signals, evidence: words.join('; '), score: Math.round(Math.max(...excess) * (1 + R.supportWeight * supports)) };
}
