/**
 * The SQLite write path on a thread of its own (started by CommitThread): it opens the store as the server does,
 * group-commits what it is sent and answers each submission once its transaction is on disk.
 */
import { parentPort } from 'node:worker_threads';
import { openStore } from '../../db/client.ts';
import { parseEnv } from '../schemas/env.ts';
import { commitTransaction } from './commit-transaction.ts';
import { CommitQueue } from './commit-queue.ts';
import type { PreparedEvent } from './validate-batch.ts';
import { GroupWriter } from './write-group.ts';
import type { CommitReply, CommitRequest, GroupReport } from './commit-thread.ts';

const port = parentPort!;
const env = parseEnv();
const store = openStore({ url: env.KB_DATABASE_URL, path: env.KB_DB_PATH, maxSizeMb: env.KB_DB_MAX_MB });
const writer = new GroupWriter(store.dialect);
// No window: what arrived while the last commit ran is already queued, and waiting longer only adds latency.
const committer = new CommitQueue<PreparedEvent>((events) => commitTransaction(store, writer, events), {
  windowMs: 0,
  onGroup: (group) => port.postMessage({ group } satisfies GroupReport),
});

port.on('message', ({ id, events }: CommitRequest) => {
  committer.submit(events).then(
    () => port.postMessage({ id } satisfies CommitReply),
    (error: unknown) => {
      const { message, code } = error as { message?: unknown; code?: unknown };
      port.postMessage({
        id,
        error: { message: String(message ?? error), code: typeof code === 'string' ? code : undefined },
      } satisfies CommitReply);
    },
  );
});
