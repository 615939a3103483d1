/** Turns a request body into events ready to store, or into issues naming each bad event's index and field. */
import { EventBatchSchema, type Event } from '../schemas/events.ts';
import { formatPath, type Issue } from '../schemas/issues.ts';
import type { PublishedArticles } from './published-articles.ts';
import { normalizedQueries } from '../domain/normalize-query.ts';
import { utcDay } from '../domain/utc-day.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export type PreparedEvent = Event & {
  ts: number;
  day: string;
  /** The article's revision at the time the event arrived, for article events. */
  revision: string | null;
  /** The normalized query, for events that carry one. */
  normalizedQuery: string | null;
  /** The normalized correction of a search's query, when its results were the correction's. */
  normalizedCorrection?: string;
};

export type Validation = { ok: true; events: PreparedEvent[] } | { ok: false; code: 'invalid-json' | 'invalid-event'; issues: Issue[] };

/** A missing, future, or more than a day old client time is replaced by the server's time. */
export function clampTimestamp(ts: number | undefined, now: number): number {
  return ts === undefined || ts > now || ts < now - DAY_MS ? now : ts;
}

export function validateBatch(body: string, published: PublishedArticles, now: number): Validation {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, code: 'invalid-json', issues: [{ path: '', message: 'the body is not valid JSON' }] };
  }
  const parsed = EventBatchSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
    return { ok: false, code: 'invalid-event', issues };
  }
  const issues: Issue[] = [];
  const events = parsed.data.events.map((event, index): PreparedEvent => {
    const slug = 'article' in event ? event.article : undefined;
    const entry = slug === undefined ? undefined : published.get(slug);
    if (slug !== undefined && !entry) {
      issues.push({ path: `events[${index}].article`, message: `no published article or tutorial has the slug "${slug}"` });
    }
    if (event.type === 'tutorial_step' && entry) {
      if (entry.kind !== 'tutorial') issues.push({ path: `events[${index}].article`, message: `"${slug}" is not a tutorial` });
      else if (event.steps !== entry.steps) {
        issues.push({ path: `events[${index}].steps`, message: `the tutorial has ${entry.steps} steps` });
      }
    }
    const ts = clampTimestamp(event.ts, now);
    return { ...event, ts, day: utcDay(ts), revision: entry?.revision ?? null, ...normalizedQueries(event) };
  });
  return issues.length ? { ok: false, code: 'invalid-event', issues } : { ok: true, events };
}
