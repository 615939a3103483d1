/** Loads many prepared events through the same writer as the API, a few thousand per transaction (demo history, benchmarks, imports). */
import type { Store } from '../../db/client.ts';
import type { Dialect } from '../../db/dialect-sql.ts';
import type { PreparedEvent } from './validate-batch.ts';
import { EventWriter } from './write-events.ts';

export interface BulkLoadOptions {
  dialect?: Dialect;
  /** Events per transaction: large enough to amortize the commit, small enough to keep memory flat. */
  batchSize?: number;
  onProgress?: (written: number) => void;
}

/** Writes events in order; each transaction is all-or-nothing, like a group commit. Returns how many were written. */
export async function bulkLoad(store: Store, events: Iterable<PreparedEvent> | AsyncIterable<PreparedEvent>, options: BulkLoadOptions = {}): Promise<number> {
  const writer = new EventWriter(options.dialect ?? 'sqlite');
  const size = options.batchSize ?? 5000;
  let batch: PreparedEvent[] = [];
  let written = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    await store.db.transaction().execute((trx) => writer.write(trx, events));
    writer.commitCaches();
    written += events.length;
    options.onProgress?.(written);
  };
  for await (const event of events) {
    batch.push(event);
    if (batch.length >= size) await flush();
  }
  await flush();
  return written;
}
