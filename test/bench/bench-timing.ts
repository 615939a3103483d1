/** Timing for the reports benchmark: one warm-up, then as many runs as a policy allows; p50/p95 by nearest rank. */
export interface Timing {
  p50: number;
  p95: number;
  /** Timed runs; 1 with no run after the warm-up means the warm-up itself was the only sample. */
  runs: number;
}

/** Nearest-rank percentile: with 3 runs, p95 is the slowest. */
export function percentile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

/**
 * Warms up once (and keeps that result), then runs as many times as `runsFor` allows for how slow the first run was;
 * 0 runs keeps the warm-up as the one sample (for raw queries that take many seconds, where caches matter little).
 */
export async function time<T>(
  fn: () => T | Promise<T>,
  runsFor: (warmMs: number) => number,
  afterWarmUp?: () => Promise<void>,
): Promise<{ timing: Timing; first: T }> {
  let started = performance.now();
  const first = await fn();
  const warm = performance.now() - started;
  await afterWarmUp?.();
  const runs = runsFor(warm);
  const samples: number[] = runs === 0 ? [warm] : [];
  for (let i = 0; i < runs; i++) {
    started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { timing: { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), runs: samples.length }, first };
}

const clamp = (n: number, min: number, max: number) => Math.max(min, Math.min(max, n));
/** Reports: 20 runs, fewer (down to 3) when one run takes over a second. */
export const rollupRuns = (warm: number) => (warm <= 1000 ? 20 : clamp(Math.floor(20_000 / warm), 3, 20));
/**
 * Raw queries: as many as fit a time budget (at most 20); the warm-up alone when one run takes longer than the budget.
 */
export const rawRuns = (budgetMs: number) => (warm: number) => (warm > budgetMs / 2 ? 0 : clamp(Math.floor(budgetMs / warm), 1, 20));

/**
 * The machine's own spread, timed like a report: a fixed CPU-only loop (no I/O, no allocation), one warm-up and 20
 * runs. On a shared host its p95 lies well above its p50, and a report's p95 over 20 runs carries the same spread.
 */
export async function hostSpread(): Promise<Timing> {
  const data = Float64Array.from({ length: 1 << 16 }, (_, i) => i);
  // Summed in a local (a captured variable would hold its number on the heap, one allocation per step) and returned,
  // so that the work is neither allocating nor dropped as unused.
  const { timing, first } = await time(
    () => {
      let sum = 0;
      for (let k = 0; k < 40; k++) for (let i = 0; i < data.length; i++) sum += data[i]! * 1.0000001;
      return sum;
    },
    () => 20,
  );
  if (!(first > 0)) throw new Error(`host spread loop summed to ${first}`);
  return timing;
}
