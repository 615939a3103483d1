/** The Wilson score interval for a share of up votes (Wilson 1927): honest bounds for small samples. */

export interface Interval {
  lower: number;
  upper: number;
}

/** 95% interval (z = 1.96) for `up` successes out of `n`; null when there are no votes. */
export function wilsonInterval(up: number, n: number, z = 1.96): Interval | null {
  if (n === 0) return null;
  const p = up / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  return { lower: (centre - spread) / denominator, upper: (centre + spread) / denominator };
}

/** A rate whose denominator may be zero: null, never NaN. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
