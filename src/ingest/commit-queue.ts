/**
 * Group commit: every batch that arrives while the previous transaction is running (or within the window
 * after the first) is written in one transaction, and each request is answered after it commits. A window
 * of 0 commits once the submissions already queued (a worker's pending messages) are in.
 */
/** One committed (or failed) group: how many items, how long its transaction took. */
export interface GroupCommitted {
  items: number;
  seconds: number;
  ok: boolean;
}
export type GroupObserver = (group: GroupCommitted) => void;

export interface CommitQueueOptions {
  /** Milliseconds to wait after the first submission before committing (0: the submissions already queued). */
  windowMs?: number;
  /** false commits every submission in a transaction of its own: the naive design, kept to be measured against. */
  grouped?: boolean;
  /** Told each group's size and time. */
  onGroup?: GroupObserver;
}

export class CommitQueue<T> {
  private pending: { items: T[]; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  private running = false;
  private readonly commit: (items: T[]) => Promise<void>;
  private readonly windowMs: number;
  private readonly grouped: boolean;
  private readonly onGroup: GroupObserver;

  constructor(commit: (items: T[]) => Promise<void>, options: CommitQueueOptions = {}) {
    this.commit = commit;
    this.windowMs = options.windowMs ?? 1;
    this.grouped = options.grouped ?? true;
    this.onGroup = options.onGroup ?? (() => {});
  }

  /** Resolves once `items` are committed; rejects (for every request in the group) if the commit fails. */
  submit(items: T[]): Promise<void> {
    if (!this.grouped) return this.timed(items);
    return new Promise((resolve, reject) => {
      this.pending.push({ items, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    if (this.windowMs === 0) setImmediate(() => void this.flush());
    else setTimeout(() => void this.flush(), this.windowMs);
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    this.running = true;
    const group = this.pending;
    this.pending = [];
    try {
      await this.timed(group.flatMap((g) => g.items));
      for (const g of group) g.resolve();
    } catch (error) {
      for (const g of group) g.reject(error);
    } finally {
      this.running = false;
      if (this.pending.length) this.schedule();
    }
  }

  private async timed(items: T[]): Promise<void> {
    const started = performance.now();
    let ok = false;
    try {
      await this.commit(items);
      ok = true;
    } finally {
      this.onGroup({ items: items.length, seconds: (performance.now() - started) / 1000, ok });
    }
  }
}
