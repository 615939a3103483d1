/** The write path behind POST /api/events: bot filter, rate limit, validation, group commit. */
import { isbot } from 'isbot';
import type { EventStore } from '../../db/client.ts';
import type { Dialect } from '../../db/dialect-sql.ts';
import type { Issue } from '../server/http.ts';
import { commitEvents } from './commit-transaction.ts';
import { GroupCommit } from './commit-queue.ts';
import type { PublishedArticles } from './published-articles.ts';
import { RateLimiter } from '../server/rate-limit.ts';
import { isStoreUnavailable } from '../../db/store-errors.ts';
import { validateBatch, type PreparedEvent } from './validate-batch.ts';
import { EventWriter } from './write-group.ts';

export type RecordResult =
  | { kind: 'accepted'; count: number; stored: boolean }
  | { kind: 'invalid'; code: 'invalid-json' | 'invalid-event'; issues: Issue[] }
  | { kind: 'rate-limited'; retryAfter: number }
  | { kind: 'unavailable'; retryAfter: number }
  | { kind: 'not-built' };

export interface EventsServiceOptions {
  store: EventStore;
  dialect: Dialect;
  /** undefined while the site has not been built: there is nothing to check slugs against. */
  published: () => PublishedArticles | undefined;
  ratePerMinute: number;
  now?: () => number;
  /** false: one transaction per request (the naive design, for the ingest benchmark). */
  groupCommit?: boolean;
  /** Commits elsewhere (the SQLite writer thread) instead of in this thread; it group-commits itself. */
  committer?: Committer;
}

interface Committer {
  /** Resolves once the events are committed. */
  submit(events: PreparedEvent[]): Promise<void>;
}

function inThisThread(options: EventsServiceOptions): Committer {
  const writer = new EventWriter(options.dialect);
  return new GroupCommit((events) => commitEvents(options.store, writer, events), 1, options.groupCommit ?? true);
}

export interface IncomingBatch {
  body: string;
  clientAddress: string;
  userAgent: string;
}

export class EventsService {
  private readonly options: EventsServiceOptions;
  private readonly limiter: RateLimiter;
  private readonly committer: Committer;

  constructor(options: EventsServiceOptions) {
    this.options = options;
    this.limiter = new RateLimiter({ burst: Math.max(10, Math.ceil(options.ratePerMinute / 6)), perSecond: options.ratePerMinute / 60 });
    this.committer = options.committer ?? inThisThread(options);
  }

  async record(batch: IncomingBatch): Promise<RecordResult> {
    const wait = this.limiter.take(batch.clientAddress);
    if (wait > 0) return { kind: 'rate-limited', retryAfter: wait };
    const published = this.options.published();
    if (!published) return { kind: 'not-built' };
    const now = this.options.now?.() ?? Date.now();
    const validation = validateBatch(batch.body, published, now);
    if (!validation.ok) return { kind: 'invalid', code: validation.code, issues: validation.issues };
    // Crawlers get the same answer as people, so they have no reason to retry, but nothing is stored.
    if (isbot(batch.userAgent)) return { kind: 'accepted', count: validation.events.length, stored: false };
    try {
      await this.committer.submit(validation.events);
    } catch (error) {
      if (isStoreUnavailable(error)) {
        console.error('event store unavailable:', (error as Error).message);
        return { kind: 'unavailable', retryAfter: 5 };
      }
      throw error;
    }
    return { kind: 'accepted', count: validation.events.length, stored: true };
  }
}
