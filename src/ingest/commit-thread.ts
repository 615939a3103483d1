/**
 * SQLite commits on a worker thread. better-sqlite3 is synchronous: on the server's own thread every commit (and
 * its fsync, a few milliseconds) stops it from reading, validating and answering other requests. The worker
 * (commit-worker.ts) owns the write path and its group commit; this side sends it validated events and resolves
 * once they are committed, so a 202 still means "on disk". If the worker dies, its pending submissions fail as
 * "store unavailable" (the client retries) and the next submission starts a new one.
 */
import { Worker } from 'node:worker_threads';
import { StoreUnavailableError } from '../../db/store-errors.ts';
import type { PreparedEvent } from './validate-batch.ts';
import type { GroupCommitted, GroupObserver } from './commit-queue.ts';

export interface CommitRequest {
  id: number;
  events: PreparedEvent[];
}
/** A group the worker committed (or failed to), for the server's metrics. */
export interface GroupReport {
  group: GroupCommitted;
}
export interface CommitReply {
  id: number;
  /** The commit failed; `code` is SQLite's (SQLITE_FULL…), so the caller can tell "retry later" from a bug. */
  error?: { message: string; code: string | undefined };
}

interface Pending {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class CommitThread {
  private readonly script: string;
  private current: { worker: Worker; pending: Map<number, Pending> } | undefined;
  private nextId = 0;

  private readonly onGroup: GroupObserver;

  /** `script`: the path of commit-worker.ts; `onGroup` is told of every group the worker commits. */
  constructor(script: string, onGroup: GroupObserver = () => {}) {
    this.script = script;
    this.onGroup = onGroup;
  }

  submit(events: PreparedEvent[]): Promise<void> {
    const { worker, pending } = (this.current ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, events } satisfies CommitRequest);
    });
  }

  private start(): { worker: Worker; pending: Map<number, Pending> } {
    const worker = new Worker(this.script);
    const pending = new Map<number, Pending>();
    const started = { worker, pending };
    // The server's clean stop ends the process; the worker must not keep it running.
    worker.unref();
    worker.on('message', (reply: CommitReply | GroupReport) => {
      if ('group' in reply) return this.onGroup(reply.group);
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (!reply.error) waiting?.resolve();
      else waiting?.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
    });
    const gone = (error: unknown) => {
      if (this.current === started) this.current = undefined;
      for (const waiting of pending.values())
        waiting.reject(new StoreUnavailableError(`the event writer stopped: ${error instanceof Error ? error.message : String(error)}`));
      pending.clear();
    };
    worker.on('error', (error) => {
      console.error('event writer failed:', error);
      gone(error);
    });
    worker.on('exit', (code) => gone(`exit code ${code}`));
    return started;
  }
}
