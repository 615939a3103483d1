/**
 * Draws that follow their rate closely instead of by pure chance. With ~50 healthy articles, independent coin flips
 * would make one or two look "failing" or "surging" by luck alone; the demo must flag only what it planted.
 */
import type { Random, Weighted } from './random.ts';

/** Yes/no at a rate, by error diffusion: after n draws the yeses are within one of n × rate. */
export class SteadyRate {
  private credit: number;

  constructor(rng: Random) {
    // A random start, so articles with the same rate do not all say yes on the same draw.
    this.credit = rng.next();
  }

  next(rate: number): boolean {
    this.credit += rate;
    if (this.credit < 1) return false;
    this.credit -= 1;
    return true;
  }
}

/** One of several choices in proportion to their weights (smooth weighted round-robin): every share stays on target. */
export class SteadyMix<T> {
  private readonly current = new Map<T, number>();

  constructor(rng: Random, choices: Weighted<T>) {
    for (const [item] of choices) this.current.set(item, rng.next());
  }

  next(choices: Weighted<T>): T {
    let total = 0;
    let best: T = choices[0]![0];
    let bestValue = -Infinity;
    for (const [item, weight] of choices) {
      if (weight <= 0) continue;
      total += weight;
      const value = (this.current.get(item) ?? 0) + weight;
      this.current.set(item, value);
      if (value > bestValue) {
        best = item;
        bestValue = value;
      }
    }
    this.current.set(best, bestValue - total);
    return best;
  }
}

/**
 * Picks in proportion to their weights, day after day: each choice gets its due count, and what rounding leaves
 * out today is carried to tomorrow, so over any run of days every choice is within one of its share.
 */
export class SteadyShares<T> {
  private readonly owed = new Map<T, number>();
  private readonly rng: Random;

  constructor(rng: Random) {
    this.rng = rng;
  }

  /** About `n` picks (rounding carried over may add or drop one or two), grouped by choice: shuffle them before use. */
  take(choices: Weighted<T>, n: number): T[] {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    const picks: T[] = [];
    if (n <= 0 || total <= 0) return picks;
    for (const [item, weight] of choices) {
      // A random first remainder, so choices with equal shares do not all round the same way on day one.
      const due = (n * weight) / total + (this.owed.get(item) ?? this.rng.next());
      const count = Math.floor(due);
      this.owed.set(item, due - count);
      for (let i = 0; i < count; i++) picks.push(item);
    }
    return picks;
  }
}

/** Fisher–Yates, in place. */
export function shuffle<T>(items: T[], rng: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
