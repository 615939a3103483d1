/**
 * A fast, seeded stream of realistic help-center events for benchmarks: the same options always give the same events.
 */
import { normalizeQuery } from '../../src/domain/normalize-query.ts';
import type { PreparedEvent } from '../../src/ingest/validate-batch.ts';
import { REASONS } from '../../src/domain/event-kinds.ts';
import { DAY_MS, seeded, SYNTHETIC_DEFAULTS, type SyntheticArticle, type SyntheticCatalog } from './synthetic-catalog.ts';

export { DAY_MS, SYNTHETIC_DEFAULTS, seeded, syntheticCatalog, type SyntheticArticle, type SyntheticCatalog } from './synthetic-catalog.ts';

const COMMENTS = [
  'The screenshots do not match what I see.',
  'Step 3 is missing for the new settings page.',
  'Worked, thanks!',
  'Please add an example.',
  'This did not fix my problem.',
  'Too long, I just needed the button name.',
  'The link at the bottom is broken.',
  'Clear and quick.',
  'Outdated since the redesign.',
  'Does this apply to the mobile app too?',
];
/** Relative chance that a session starts in each UTC hour: quiet at night, busy in office hours. */
const HOURS = [0.2, 0.15, 0.12, 0.12, 0.15, 0.25, 0.45, 0.7, 0.95, 1, 1, 1, 0.95, 1, 1, 0.95, 0.85, 0.7, 0.55, 0.45, 0.4, 0.35, 0.3, 0.25];

export interface StreamOptions {
  events: number;
  days?: number;
  /** The last day, YYYY-MM-DD (UTC): no event falls after it. */
  end?: string;
  seed?: number;
}

/**
 * Exactly `events` events over the days ending `end`, in time order as the API would receive them (sessions
 * interleave).
 * Traffic grows 30% over the year and dips at weekends; one product area's traffic rises over the last six weeks.
 * Every session lasts well under a day, which lets the raw-event queries bound their scans by a one-day margin.
 */
export function* syntheticEvents(catalog: SyntheticCatalog, options: StreamOptions): Generator<PreparedEvent> {
  const { days = SYNTHETIC_DEFAULTS.days, end = SYNTHETIC_DEFAULTS.end, seed = SYNTHETIC_DEFAULTS.seed } = options;
  const r = seeded(seed);
  const first = Date.parse(`${end}T00:00:00Z`) - (days - 1) * DAY_MS;
  const weights = Array.from(
    { length: days },
    (_, d) => ([0, 6].includes(new Date(first + d * DAY_MS).getUTCDay()) ? 0.6 : 1) * (1 + (0.3 * d) / days) * (0.9 + 0.2 * r()),
  );
  const total = weights.reduce((a, b) => a + b, 0);
  const sessions = new Sessions(catalog, r, first, days);
  let produced = 0;
  let cumulative = 0;
  let carry: PreparedEvent[] = [];
  for (let d = 0; d < days; d++) {
    cumulative += weights[d]!;
    const quota = d === days - 1 ? options.events : Math.round((options.events * cumulative) / total);
    const events = carry;
    while (produced < quota) {
      const session = sessions.next(d);
      const take = Math.min(session.length, options.events - produced);
      for (let i = 0; i < take; i++) events.push(session[i]!);
      produced += take;
    }
    // Stable sort: a session's events keep their order; sessions that run past midnight finish the next day.
    events.sort((a, b) => a.ts - b.ts);
    const dayEnd = first + (d + 1) * DAY_MS;
    let split = events.length;
    while (split > 0 && events[split - 1]!.ts >= dayEnd) split--;
    carry = events.slice(split);
    for (let i = 0; i < split; i++) yield events[i]!;
  }
  if (carry.length) throw new Error('synthetic events fell after the last day');
}

const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/**
 * One reader's visit: land on an article or search first, read one to four articles, maybe vote, step through a
 * tutorial, or contact support.
 */
class Sessions {
  private count = 0;
  private readonly hours: number[];
  private readonly dayNames: string[];
  private readonly c: SyntheticCatalog;
  private readonly r: () => number;
  private readonly first: number;
  private readonly days: number;

  constructor(catalog: SyntheticCatalog, r: () => number, first: number, days: number) {
    this.c = catalog;
    this.r = r;
    this.first = first;
    this.days = days;
    let acc = 0;
    const sum = HOURS.reduce((a, b) => a + b, 0);
    this.hours = HOURS.map((w) => (acc += w / sum));
    this.dayNames = Array.from({ length: days + 1 }, (_, d) => new Date(first + d * DAY_MS).toISOString().slice(0, 10));
  }

  private int = (min: number, max: number) => min + Math.floor(this.r() * (max - min + 1));
  private pick = <T>(list: readonly T[]) => list[Math.floor(this.r() * list.length)]!;
  private cumulative(cdf: ArrayLike<number>): number {
    const u = this.r();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private landing(day: number): SyntheticArticle {
    const rise = day - (this.days - 42);
    if (rise > 0 && this.r() < (0.06 * rise) / 42) return this.pick(this.c.rising);
    return this.c.articles[this.cumulative(this.c.popularity)]!;
  }

  private search(a: SyntheticArticle): { query: string; results: number } {
    const u = this.r();
    if (u < 0.07) return { query: this.pick(this.c.zeroQueries), results: 0 };
    const text = this.pick(a.queries);
    if (u < 0.12) {
      const at = this.int(1, text.length - 2);
      return { query: text.slice(0, at) + text.slice(at + 1), results: this.r() < 0.6 ? 0 : this.int(1, 4) };
    }
    // Some readers type capitals or stray spaces: the normalized query is what gets counted.
    const typed = this.r() < 0.12 ? ` ${text[0]!.toUpperCase()}${text.slice(1).replace(' ', '  ')}` : text;
    return { query: typed, results: text === a.queries[3] ? this.int(10, 40) : this.int(1, 15) };
  }

  next(day: number): PreparedEvent[] {
    const { r, int } = this;
    const out: PreparedEvent[] = [];
    // As long as the browser's keys (16 random bytes in base64url: 22 characters), so sessions take their real room.
    let key = `s${(this.count++).toString(36).padStart(7, '0')}`;
    for (let i = 0; i < 14; i++) key += KEY_CHARS[Math.floor(r() * 64)];
    const dayStart = this.first + day * DAY_MS;
    const latest = day === this.days - 1 ? DAY_MS - 4 * 3_600_000 : DAY_MS - 1;
    let t = dayStart + Math.min(latest, this.cumulative(this.hours) * 3_600_000 + Math.floor(r() * 3_600_000));
    const wait = (min: number, max: number) => (t += int(min, max) * 1000);
    const stamp = () => ({ session: key, ts: t, day: this.dayNames[Math.floor((t - this.first) / DAY_MS)]! });
    const about = (a: SyntheticArticle) => ({
      article: a.slug,
      revision: a.editedOn !== null && (t - this.first) / DAY_MS >= a.editedOn ? a.entry.revision : a.firstRevision,
    });
    const view = (a: SyntheticArticle) => out.push({ type: 'view', ...stamp(), ...about(a), normalizedQuery: null });
    const sibling = (a: SyntheticArticle) => this.pick(this.c.byCategory[a.category]!);

    const landing = this.landing(day);
    let current: SyntheticArticle | null = null;
    let failed: string | null = null;
    if (r() < 0.45) {
      for (let attempt = 0; attempt < 2 && !current; attempt++) {
        const { query, results } = this.search(landing);
        out.push({ type: 'search', ...stamp(), query, results, revision: null, normalizedQuery: normalizeQuery(query) });
        wait(2, 20);
        if (results > 0 && r() < 0.68) {
          const position = Math.min(results, r() < 0.55 ? 1 : r() < 0.45 ? 2 : int(3, 10));
          current = position === 1 || r() < 0.5 ? landing : sibling(landing);
          out.push({ type: 'search_click', ...stamp(), query, ...about(current), position, normalizedQuery: normalizeQuery(query) });
          wait(1, 3);
          view(current);
        } else if (results === 0) failed = query;
        if (r() < 0.6) break;
      }
    } else {
      current = landing;
      view(current);
    }
    for (let reads = 0; current && reads < 4; reads++) {
      const a: SyntheticArticle = current;
      if (a.entry.kind === 'tutorial') {
        for (let step = 1; step <= a.entry.steps!; step++) {
          out.push({ type: 'tutorial_step', ...stamp(), ...about(a), step, steps: a.entry.steps!, normalizedQuery: null });
          wait(30, 150);
          if (r() > (step === a.hardStep ? 0.45 : 0.9)) break;
        }
      } else wait(15, 300);
      if (r() < 0.06) view(a); // back to the same page within minutes: deduped by the write path
      if (r() < 0.14) this.vote(a, out, stamp, about, wait);
      if (r() < a.escalation) {
        wait(5, 60);
        out.push({ type: 'contact', ...stamp(), ...about(a), normalizedQuery: null });
        return out;
      }
      current = r() < 0.3 ? sibling(a) : null;
      if (current) view(current);
    }
    if (failed !== null && r() < 0.12) {
      wait(5, 60);
      out.push({ type: 'contact', ...stamp(), query: failed, revision: null, normalizedQuery: normalizeQuery(failed) });
    }
    return out;
  }

  /**
   * As the widget sends it: the vote at once, then (often for a down vote) the same vote again with a reason or
   * comment; sometimes changed later.
   */
  private vote(
    a: SyntheticArticle,
    out: PreparedEvent[],
    stamp: () => { session: string; ts: number; day: string },
    about: (a: SyntheticArticle) => { article: string; revision: string },
    wait: (min: number, max: number) => number,
  ): void {
    const r = this.r;
    const edited = a.editedOn !== null && (stamp().ts - this.first) / DAY_MS >= a.editedOn;
    let vote: 'up' | 'down' = r() < Math.min(0.97, a.quality + (edited ? 0.15 : 0)) ? 'up' : 'down';
    for (let round = 0; round < 2; round++) {
      out.push({ type: 'feedback', ...stamp(), ...about(a), vote, normalizedQuery: null });
      wait(10, 90);
      if (r() < (vote === 'down' ? 0.6 : 0.1)) {
        const reason = vote === 'down' && r() < 0.8 ? REASONS[this.cumulative(a.reasons)]! : undefined;
        const comment = r() < 0.3 ? this.pick(COMMENTS) : undefined;
        if (reason || comment) {
          out.push({
            type: 'feedback',
            ...stamp(),
            ...about(a),
            vote,
            ...(reason && { reason }),
            ...(comment && { comment }),
            normalizedQuery: null,
          });
          wait(5, 60);
        }
      }
      if (r() > 0.04) return;
      vote = vote === 'up' ? 'down' : 'up';
    }
  }
}
