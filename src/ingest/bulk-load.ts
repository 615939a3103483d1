/**
 * Loads many prepared events through the same writer as the API, a few thousand per transaction (demo history,
 * benchmarks, imports).
 */
import type { EventStore, Store } from '../../db/client.ts';
import { sqliteBulkSettings } from '../../db/dialect-sql.ts';
import type { PreparedEvent } from './validate-batch.ts';
import { GroupWriter } from './write-group.ts';
import { commitTransaction } from './commit-transaction.ts';
import { closeIdleSessions } from './close-sessions.ts';
import { DAY_MS } from '../domain/utc-day.ts';

export interface BulkLoadOptions {
  /** Events per transaction: large enough to amortize each statement and commit, small enough to keep memory flat. */
  batchSize?: number;
  onProgress?: (written: number) => void;
  /**
   * Runs after each transaction, with the time of the latest event written, and before idle sessions are closed: what
   * needs a session still open (joining a help-desk ticket to it, e.g. the demo's) can be done here.
   */
  afterCommit?: (latest: number) => Promise<void>;
}

/**
 * Writes events in time order; each transaction is all-or-nothing, like a group commit. Returns how many were written.
 * Sessions idle for two days before the latest event loaded are closed as the load goes (and at its end), as the
 * server closes them while it runs: the pages their rows free are reused by the rest of the load.
 */
export async function bulkLoad(
  store: EventStore,
  events: Iterable<PreparedEvent> | AsyncIterable<PreparedEvent>,
  options: BulkLoadOptions = {},
): Promise<number> {
  const writer = new GroupWriter(store.dialect);
  const size = options.batchSize ?? 10_000;
  let batch: PreparedEvent[] = [];
  let written = 0;
  let latest = -Infinity;
  let closedAt = -Infinity;
  const closeIdle = async () => {
    closedAt = latest;
    await closeIdleSessions(store.db, store.dialect, latest);
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    await commitTransaction(store, writer, events);
    written += events.length;
    options.onProgress?.(written);
    await options.afterCommit?.(latest);
    if (latest - closedAt >= DAY_MS) await closeIdle();
  };
  const restore = store.dialect === 'sqlite' ? sqliteBulkSettings((store as Store).sqlite) : () => undefined;
  try {
    for await (const event of events) {
      batch.push(event);
      if (event.ts > latest) latest = event.ts;
      if (batch.length >= size) await flush();
    }
    await flush();
    if (written > 0) await closeIdle();
  } finally {
    restore();
  }
  return written;
}
