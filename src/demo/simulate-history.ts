/**
 * A deterministic history of help-center traffic for a manifest, and the tickets its readers file with the help desk:
 * the same options always give exactly the same events and tickets.
 */
import type { PreparedEvent } from '../ingest/validate-batch.ts';
import type { Manifest, SearchTerm } from '../schemas/manifest.ts';
import { utcDay } from '../domain/utc-day.ts';
import { buildProfiles, type ArticleProfile } from './article-profiles.ts';
import { CLOSED_GAP, HOSTILE_COMMENTS, MISSING_TOPIC, TICKETS_AFTER_READING, activePatterns } from './planted-patterns.ts';
import { Random, type Weighted } from './random.ts';
import { SteadyMix, SteadyShares, shuffle } from './steady-draws.ts';
import { SESSION_MS, SessionEvents } from './session-events.ts';
import { OTHER_LANGUAGE_SHARE, UNCOVERED_SHARE, simulateSession, type SiteDay, type Visit } from './reader-journeys.ts';
import { TicketDesk, type DemoTicket } from './demo-tickets.ts';

export interface HistoryOptions {
  days: number;
  /** The last simulated day, YYYY-MM-DD (UTC). */
  end: string;
  seed: number;
  sessionsPerDay: number;
}

const DAY_MS = 86_400_000;
const WEEKEND = 0.6;
/** Sessions by UTC hour: quiet at night, busy in office hours. */
const HOURS: Weighted<number> = [
  0.2, 0.15, 0.12, 0.12, 0.15, 0.25, 0.45, 0.7, 0.95, 1, 1, 1, 0.95, 1, 1, 0.95, 0.85, 0.7, 0.55, 0.45, 0.4, 0.35, 0.3, 0.25,
].map((w, hour) => [hour, w] as const);

/** The first simulated day, as epoch ms at 00:00 UTC. */
export function firstDayStart(options: Pick<HistoryOptions, 'days' | 'end'>): number {
  return Date.parse(`${options.end}T00:00:00Z`) - (options.days - 1) * DAY_MS;
}

/** The day (from 0) the planted closed gap's alias is first served. */
const closedGapDay = (days: number) => Math.floor(days * CLOSED_GAP.addedAt);

/**
 * The build's search terms by the day the demo's server first saw them: all from the first day, but for the alias
 * that closes the planted gap, added part-way through.
 */
export function servedSearchTerms(
  manifest: Manifest,
  options: Pick<HistoryOptions, 'days' | 'end'>,
): { day: string; terms: SearchTerm[] }[] {
  const first = firstDayStart(options);
  const planted = (t: SearchTerm) => t.kind === 'alias' && t.article === CLOSED_GAP.slug && t.text === CLOSED_GAP.alias;
  return [
    { day: utcDay(first), terms: manifest.search_terms.filter((t) => !planted(t)) },
    { day: utcDay(first + closedGapDay(options.days) * DAY_MS), terms: manifest.search_terms.filter(planted) },
  ];
}

/** One simulated day: its events in time order, and the tickets its readers filed, in the order they were created. */
export interface SimulatedDay {
  day: string;
  events: PreparedEvent[];
  tickets: DemoTicket[];
}

/** The events of the history, in time order (its tickets are left out: see simulateDays). */
export function* simulateHistory(manifest: Manifest, options: HistoryOptions): Generator<PreparedEvent> {
  for (const { events } of simulateDays(manifest, options)) yield* events;
}

/** The history day by day, with the tickets: a day's tickets follow its events, and none is later than its day. */
export function* simulateDays(manifest: Manifest, options: HistoryOptions): Generator<SimulatedDay> {
  const { days, seed, sessionsPerDay } = options;
  const rng = new Random(seed);
  const { english, otherLanguages } = buildProfiles(manifest, { days, seed }, rng);
  if (english.length === 0) return;
  const active = activePatterns(manifest);
  const payroll = active.some((p) => p.kind === 'missing-topic');
  const gapArticle = active.some((p) => p.kind === 'closed-gap') ? english.find((p) => p.slug === CLOSED_GAP.slug) : undefined;
  const desk = new TicketDesk(
    manifest,
    seed,
    active.some((p) => p.kind === 'tickets-after-reading') ? TICKETS_AFTER_READING.slug : undefined,
  );
  const kindShares: Weighted<Visit['kind']> = [
    ['payroll', payroll ? MISSING_TOPIC.share : 0],
    ['uncovered', UNCOVERED_SHARE],
    ['other-language', otherLanguages.length ? OTHER_LANGUAGE_SHARE : 0],
    ['closed-gap', gapArticle ? CLOSED_GAP.share : 0],
    ['article', 1 - MISSING_TOPIC.share - UNCOVERED_SHARE - OTHER_LANGUAGE_SHARE - CLOSED_GAP.share],
  ];
  const aliasDay = closedGapDay(days);
  const visitKinds = new SteadyShares<Visit['kind']>(rng);
  const articleShares = new SteadyShares<ArticleProfile>(rng);
  const nextMixes = new Map<string, SteadyMix<ArticleProfile>>();
  const first = firstDayStart(options);
  // Weekdays carry more so that the average over a week is sessionsPerDay.
  const weekday = sessionsPerDay / ((5 + 2 * WEEKEND) / 7);
  // Planted surges add readers on top of the usual ones, so healthy articles stay flat.
  const baseline = sum(english.map((p) => p.on(-Infinity).weight));

  for (let day = 0; day < days; day++) {
    const dayStart = first + day * DAY_MS;
    const weights = english.map((p) => [p, p.on(day).weight] as const);
    const weekend = [0, 6].includes(new Date(dayStart).getUTCDay()) ? WEEKEND : 1;
    const sessions = Math.round(weekday * weekend * rng.float(0.9, 1.1) * (sum(weights.map(([, w]) => w)) / baseline));
    // Exact shares, not coin flips: with ~50 articles, chance alone would make one look like a surge.
    const kinds = visitKinds.take(kindShares, sessions);
    const articles = articleShares.take(weights, kinds.filter((k) => k === 'article').length);
    const visits: Visit[] = [
      ...articles.map((article) => ({ kind: 'article' as const, article })),
      ...kinds.flatMap((kind) => (kind === 'article' ? [] : [{ kind }])),
    ];
    const site = siteDay(english, otherLanguages, day, nextMixes, rng);
    if (gapArticle) site.closedGap = { article: gapArticle, aliasServed: day >= aliasDay };
    const events: PreparedEvent[] = [];
    const play = (session: SessionEvents | undefined) => {
      if (!session) return;
      desk.afterSession(session, dayStart);
      events.push(...session.events);
    };
    for (const visit of shuffle(visits, rng)) play(simulateSession(site, rng, sessionStart(rng, dayStart), visit, desk.newRef()));
    for (const hostile of HOSTILE_COMMENTS) {
      if (day === days - 1 - hostile.daysBeforeEnd) play(hostileSession(site, english, rng, dayStart, hostile, desk.newRef()));
    }
    // Stable: events of one session at the same millisecond keep their order.
    events.sort((a, b) => a.ts - b.ts);
    yield { day: utcDay(dayStart), events, tickets: desk.takeDay() };
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** A start time on this day that leaves the whole 30-minute session inside it. */
function sessionStart(rng: Random, dayStart: number): number {
  const hour = rng.weighted(HOURS);
  const offset = Math.min(hour * 3_600_000 + Math.floor(rng.float(0, 3_600_000)), DAY_MS - SESSION_MS);
  return dayStart + offset;
}

/** The day's behaviours, and where readers go next: steady round-robins that persist across days, one per category. */
function siteDay(
  english: ArticleProfile[],
  otherLanguages: ArticleProfile[],
  day: number,
  mixes: Map<string, SteadyMix<ArticleProfile>>,
  rng: Random,
): SiteDay {
  const behaviour = new Map(english.map((p) => [p, p.on(day)] as const));
  // Troubled articles are nobody's next article (see ArticleProfile.troubled).
  const open = english.filter((p) => !p.troubled);
  const pool = open.length ? open : english;
  const nextArticle = (category: string | undefined, seen: Set<ArticleProfile>) => {
    const choices = pool
      .filter((p) => !seen.has(p) && (category === undefined || p.entry.category === category))
      .map((p) => [p, behaviour.get(p)!.weight] as const);
    if (choices.length === 0) return undefined;
    const key = category ?? '*';
    const mix = mixes.get(key) ?? new SteadyMix(rng, choices);
    mixes.set(key, mix);
    return mix.next(choices);
  };
  return { behaviour, nextArticle, otherLanguages };
}

/** A reader who pastes markup or a spreadsheet formula into the comment box, on an ordinary article. */
function hostileSession(
  site: SiteDay,
  english: ArticleProfile[],
  rng: Random,
  dayStart: number,
  hostile: (typeof HOSTILE_COMMENTS)[number],
  ref: string,
): SessionEvents | undefined {
  const article =
    english.find((p) => p.slug === hostile.preferredSlug && !p.troubled) ?? english.find((p) => !p.troubled && p.entry.kind === 'article');
  if (!article) return undefined;
  const revision = site.behaviour.get(article)!.revision;
  const s = new SessionEvents(rng, dayStart + 14 * 3_600_000 + Math.floor(rng.float(0, 3_600_000)), ref);
  s.view(article.slug, revision);
  s.wait(60, 180).feedback(article.slug, revision, 'down', 'other', hostile.comment);
  return s;
}
