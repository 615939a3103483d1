/** One transaction of the write path: the events written, then the dimension ids it created remembered. */
import type { EventStore } from '../../db/client.ts';
import type { PreparedEvent } from './validate-batch.ts';
import type { EventWriter } from './write-group.ts';

export async function commitEvents(store: EventStore, writer: EventWriter, events: PreparedEvent[]): Promise<void> {
  await store.db.transaction().execute((trx) => writer.write(trx, events));
  writer.commitCaches();
}
