/**
 * The write path's first step, behind POST /api/events: rate limit, validation against the published articles
 * (validate-batch.ts), the bot filter, then the commit: commit-queue.ts groups the requests that arrive together,
 * commit-thread.ts runs SQLite's commits on a worker (commit-worker.ts), commit-transaction.ts is one transaction,
 * write-group.ts reads the group's state and writes its rows, decide-events.ts decides what each event changes,
 * and rollup-deltas.ts turns that into the counters the reports read.
 */
import { isbot } from 'isbot';
import type { EventStore } from '../../db/client.ts';
import type { Dialect } from '../../db/dialect-sql.ts';
import type { Issue } from '../schemas/issues.ts';
import { commitTransaction } from './commit-transaction.ts';
import { CommitQueue, type GroupObserver } from './commit-queue.ts';
import type { PublishedArticles } from './published-articles.ts';
import { isStoreUnavailable } from '../../db/store-errors.ts';
import { validateBatch, type PreparedEvent } from './validate-batch.ts';
import { GroupWriter } from './write-group.ts';

export type RecordResult =
  | { kind: 'accepted'; count: number; stored: boolean }
  | { kind: 'invalid'; code: 'invalid-json' | 'invalid-event'; issues: Issue[] }
  | { kind: 'rate-limited'; retryAfter: number }
  | { kind: 'unavailable'; retryAfter: number }
  | { kind: 'not-built' };

export interface EventsIntakeOptions {
  store: EventStore;
  dialect: Dialect;
  /** undefined while the site has not been built: there is nothing to check slugs against. */
  published: () => PublishedArticles | undefined;
  /** Seconds the client address must wait before it may send again; 0 when it may send now. */
  limit: (clientAddress: string) => number;
  now?: () => number;
  /** false: one transaction per request (the naive design, for the ingest benchmark). */
  groupCommit?: boolean;
  /** Commits elsewhere (the SQLite writer thread) instead of in this thread; it group-commits itself. */
  committer?: Committer;
  /** Told of each group committed in this thread, and of how long each request waited for its commit. */
  onGroup?: GroupObserver;
  onCommitWait?: (seconds: number) => void;
}

interface Committer {
  /** Resolves once the events are committed. */
  submit(events: PreparedEvent[]): Promise<void>;
}

function inThisThread(options: EventsIntakeOptions): Committer {
  const writer = new GroupWriter(options.dialect);
  return new CommitQueue((events) => commitTransaction(options.store, writer, events), {
    grouped: options.groupCommit ?? true,
    onGroup: options.onGroup,
  });
}

export interface IncomingBatch {
  body: string;
  clientAddress: string;
  userAgent: string;
}

export class EventsIntake {
  private readonly options: EventsIntakeOptions;
  private readonly committer: Committer;

  constructor(options: EventsIntakeOptions) {
    this.options = options;
    this.committer = options.committer ?? inThisThread(options);
  }

  async record(batch: IncomingBatch): Promise<RecordResult> {
    const wait = this.options.limit(batch.clientAddress);
    if (wait > 0) return { kind: 'rate-limited', retryAfter: wait };
    const published = this.options.published();
    if (!published) return { kind: 'not-built' };
    const now = this.options.now?.() ?? Date.now();
    const validation = validateBatch(batch.body, published, now);
    if (!validation.ok) return { kind: 'invalid', code: validation.code, issues: validation.issues };
    // Crawlers get the same answer as people, so they have no reason to retry, but nothing is stored.
    if (isbot(batch.userAgent)) return { kind: 'accepted', count: validation.events.length, stored: false };
    try {
      const started = performance.now();
      await this.committer.submit(validation.events);
      this.options.onCommitWait?.((performance.now() - started) / 1000);
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
