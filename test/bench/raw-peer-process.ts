/**
 * The raw peer of the reports benchmark in a child process, so a raw query can be stopped: over 365 days one takes
 * 30–80 s, and timing it to the end would spend minutes of the run's budget to learn only how much more than the
 * cap it takes. With a cap, a query still running when the cap passes is killed with its process and recorded as
 * "more than the cap", a lower bound for its time and for the ratio to the report.
 * Run as a script, this file is that child: it opens the store and answers one case per message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createDb } from '../../db/client.ts';
import type { ReportName, ReportParams } from '../../src/schemas/report-params.ts';
import { rawRuns, time, type Timing } from './bench-timing.ts';
import { RawQueries, rawReport, type Headline } from './raw-report-queries.ts';

export interface RawCase {
  report: ReportName;
  params: ReportParams;
  slug?: string | undefined;
  budgetMs: number;
}

/**
 * A measured raw case; `capped` means the first run was stopped at the cap, so `timing` holds the cap (a lower bound)
 * and there is no headline.
 */
export type RawMeasure = { timing: Timing; first: Headline; capped: false } | { timing: Timing; first: null; capped: true };

type ChildMessage = { ready: true } | { warm: true } | { done: { timing: Timing; first: Headline } } | { error: string };

export class RawPeerProcess {
  private child: Promise<ChildProcess> | undefined;
  private readonly dbPath: string;

  constructor(dbPath: string) {
    this.dbPath = dbPath;
  }

  /** The child, once it has opened the store: its start-up is not part of the first case's time. */
  private start(): Promise<ChildProcess> {
    this.child ??= new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [fileURLToPath(import.meta.url), this.dbPath], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.once('message', () => resolve(child));
      child.once('exit', (code) => reject(new Error(`raw peer process exited (code ${code}) before it was ready`)));
    });
    return this.child;
  }

  /** Times one case; `capMs` 0: no cap. */
  async measure(c: RawCase, capMs: number): Promise<RawMeasure> {
    const child = await this.start();
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const onMessage = (m: ChildMessage) => {
        if ('warm' in m) return clearTimeout(timer);
        if ('ready' in m) return;
        finish();
        if ('error' in m) reject(new Error(`raw peer: ${m.error}`));
        else resolve({ ...m.done, capped: false });
      };
      const onExit = (code: number | null) => {
        finish();
        this.child = undefined;
        reject(new Error(`raw peer process exited (code ${code}) during ${c.report}`));
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      if (capMs > 0) {
        timer = setTimeout(() => {
          finish();
          child.kill('SIGKILL');
          this.child = undefined;
          resolve({ timing: { p50: capMs, p95: capMs, runs: 0 }, first: null, capped: true });
        }, capMs);
      }
      child.send(c);
    });
  }

  close(): void {
    void this.child?.then((child) => child.kill());
    this.child = undefined;
  }
}

function serve(dbPath: string): void {
  const store = createDb(dbPath);
  const raw = new RawQueries(store.sqlite);
  process.on('message', async (c: RawCase) => {
    const reply = (m: ChildMessage) => process.send!(m);
    try {
      // The parent's cap is on the warm-up: once it has answered, the runs after it fit the budget.
      const warmed = () => new Promise<void>((resolve) => process.send!({ warm: true } satisfies ChildMessage, () => resolve()));
      reply({ done: await time(() => rawReport(raw, c.report, c.params, c.slug), rawRuns(c.budgetMs), warmed) });
    } catch (error) {
      reply({ error: (error as Error).stack ?? String(error) });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send!({ ready: true } satisfies ChildMessage);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) serve(process.argv[2]!);
