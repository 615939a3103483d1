/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) so the demo history is the same for the same seed on every
 * machine.
 */

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Choices with relative weights, e.g. `[['up', 0.85], ['down', 0.15]]`. */
export type Weighted<T> = readonly (readonly [T, number])[];

/** splitmix32: spreads a small integer seed over the four words sfc32 needs, so seeds 1 and 2 do not start alike. */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const mix = splitmix32(seed);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    // sfc32's first outputs still echo the seed; a few rounds decorrelate them.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1), from sfc32 (passes PractRand; integer-only, so identical on every engine). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** A float in [min, max). */
  float(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick() needs at least one item');
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(choices: Weighted<T>): T {
    let total = 0;
    for (const [, w] of choices) total += w;
    let r = this.next() * total;
    for (const [item, w] of choices) {
      r -= w;
      if (r < 0) return item;
    }
    // Rounding can leave r at exactly 0 after the last choice.
    return choices[choices.length - 1]![0];
  }

  /** Roughly normal (Irwin–Hall sum of four uniforms): bounded, cheap, and free of log/sqrt rounding differences. */
  normal(mean: number, sd: number): number {
    const sum = this.next() + this.next() + this.next() + this.next();
    // The sum of 4 uniforms has mean 2 and variance 4/12.
    return mean + sd * (sum - 2) * Math.sqrt(3);
  }

  /** A random id of `min`–`max` characters from [A-Za-z0-9_-], like the tracker's session ids. */
  key(min: number, max: number): string {
    const length = this.int(min, max);
    let out = '';
    for (let i = 0; i < length; i++) out += KEY_ALPHABET[Math.floor(this.next() * 64)];
    return out;
  }
}
