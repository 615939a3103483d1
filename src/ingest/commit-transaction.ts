/** One transaction of the write path: the events written, then the dimension ids it created remembered. */
import type { EventStore } from '../../db/client.ts';
import type { PreparedEvent } from './validate-batch.ts';
import type { GroupWriter } from './write-group.ts';

export async function commitTransaction(store: EventStore, writer: GroupWriter, events: PreparedEvent[]): Promise<void> {
  const remember = await store.db.transaction().execute((trx) => writer.write(trx, events));
  remember();
}
