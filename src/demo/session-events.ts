/**
 * Builds one simulated session's events: a clock that only moves forward, and events stamped as the API would stamp
 * them.
 */
import type { PreparedEvent } from '../ingest/validate-batch.ts';
import type { Event } from '../schemas/events.ts';
import { normalizeQuery, normalizedQueries } from '../domain/normalize-query.ts';
import { utcDay } from '../domain/utc-day.ts';
import type { Reason } from './planted-patterns.ts';
import type { Random } from './random.ts';

/** A session ends after 30 minutes; every event stays inside that window. */
export const SESSION_MS = 30 * 60 * 1000;

/** An event as a journey describes it; the session, time, day and stamps are added here. */
type EventBody = Event extends infer E ? (E extends Event ? Omit<E, 'session' | 'ts'> : never) : never;

export class SessionEvents {
  readonly events: PreparedEvent[] = [];
  readonly key: string;
  /** The reference the tracker sends on every event and puts into the contact links (see src/domain/ticket-ref.ts). */
  readonly ref: string;
  private readonly rng: Random;
  private readonly last: number;
  private now: number;
  /** Normalized queries already searched: the API counts a query once per session, so the demo never repeats one. */
  private readonly searched = new Set<string>();

  constructor(rng: Random, start: number, ref: string) {
    this.rng = rng;
    this.key = rng.key(16, 24);
    this.ref = ref;
    this.now = start;
    this.last = start + SESSION_MS - 1000;
  }

  /** Moves the clock on by `min`–`max` seconds, never past the session's end. */
  wait(min: number, max: number): this {
    this.now = Math.min(this.last, this.now + Math.round(this.rng.float(min, max) * 1000));
    return this;
  }

  hasSearched(query: string): boolean {
    return this.searched.has(normalizeQuery(query));
  }

  private push(event: EventBody, revision: string | null = null): void {
    const e = { ...event, session: this.key, ref: this.ref } as Event;
    this.events.push({ ...e, ts: this.now, day: utcDay(this.now), revision, ...normalizedQueries(e) });
  }

  view(article: string, revision: string): void {
    this.push({ type: 'view', article }, revision);
  }

  /** A settled search; `corrected`, when a word was misspelt and the results shown were those of the correction. */
  search(query: string, results: number, corrected?: { query: string; results: number }): void {
    this.searched.add(normalizeQuery(query));
    this.push(corrected ? { type: 'search', query, results, corrected } : { type: 'search', query, results });
  }

  click(query: string, article: string, position: number, revision: string): void {
    this.push({ type: 'search_click', query, article, position }, revision);
  }

  feedback(article: string, revision: string, vote: 'up' | 'down', reason?: Reason, comment?: string): void {
    this.push({ type: 'feedback', article, vote, ...(reason ? { reason } : {}), ...(comment ? { comment } : {}) }, revision);
  }

  contactFromArticle(article: string, revision: string): void {
    this.push({ type: 'contact', article }, revision);
  }

  contactFromSearch(query: string): void {
    this.push({ type: 'contact', query });
  }

  tutorialStep(article: string, step: number, steps: number, revision: string): void {
    this.push({ type: 'tutorial_step', article, step, steps }, revision);
  }
}
