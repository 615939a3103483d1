/**
 * The SQLite write path on a thread of its own (started by WriterThread): it opens the store as the server does,
 * group-commits what it is sent and answers each submission once its transaction is on disk.
 */
import { parentPort } from 'node:worker_threads';
import { openConfiguredStore } from '../server/open-store.ts';
import { parseEnv } from '../schemas/env.ts';
import { commitEvents } from './commit-transaction.ts';
import { GroupCommit } from './commit-queue.ts';
import type { PreparedEvent } from './validate-batch.ts';
import { EventWriter } from './write-group.ts';
import type { WriterReply, WriterRequest } from './commit-thread.ts';

const port = parentPort!;
const store = openConfiguredStore(parseEnv());
const writer = new EventWriter(store.dialect);
// No window: what arrived while the last commit ran is already queued, and waiting longer only adds latency.
const committer = new GroupCommit<PreparedEvent>((events) => commitEvents(store, writer, events), 0);

port.on('message', ({ id, events }: WriterRequest) => {
  committer.submit(events).then(
    () => port.postMessage({ id } satisfies WriterReply),
    (error: unknown) => {
      const { message, code } = error as { message?: unknown; code?: unknown };
      port.postMessage({ id, error: { message: String(message ?? error), code: typeof code === 'string' ? code : undefined } } satisfies WriterReply);
    },
  );
});
