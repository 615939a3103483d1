/**
 * Did the edit help? Helpfulness of a revision against the one before it, each with its Wilson interval, and a
 * two-sided two-proportion z-test (pooled share) for the verdict: better, worse, no clear change, or too few votes.
 */
import { wilsonInterval, type Interval } from './wilson.ts';

/** Votes each revision needs before a verdict is given. */
export const MIN_VOTES_FOR_VERDICT = 30;
/** The significance level of "better" and "worse". */
const ALPHA = 0.05;

export type Verdict = 'better' | 'worse' | 'no clear change' | 'too few votes';

export interface RevisionVotes {
  up: number;
  down: number;
}
export interface Side {
  up: number;
  n: number;
  helpfulness: number | null;
  interval: Interval | null;
}
export interface RevisionComparison {
  before: Side;
  after: Side;
  /** The later revision's first day (epoch ms). */
  since: number;
  z: number | null;
  p: number | null;
  verdict: Verdict;
  sentence: string;
}

/** erfc, with a fractional error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit). */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(-x * x + poly);
  return x >= 0 ? value : 2 - value;
}

/** The two-sided p-value of a standard normal statistic `z`. */
export const twoProportionP = (z: number): number => erfc(Math.abs(z) / Math.SQRT2);

const side = (v: RevisionVotes): Side => {
  const n = v.up + v.down;
  return { up: v.up, n, helpfulness: n === 0 ? null : v.up / n, interval: wilsonInterval(v.up, n) };
};

const pct = (share: number) => `${Math.round(share * 100)}%`;
const described = (s: Side) =>
  s.helpfulness === null ? 'no votes' : `${pct(s.helpfulness)} [${Math.round(s.interval!.lower * 100)}–${pct(s.interval!.upper)}] n=${s.n}`;
const day = (ms: number) => new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const pText = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`);

/** `after` is the later revision, `since` its first day. */
export function compareRevisions(before: RevisionVotes, after: RevisionVotes & { since: number }): RevisionComparison {
  const [b, a] = [side(before), side(after)];
  let z: number | null = null;
  let p: number | null = null;
  if (b.n > 0 && a.n > 0) {
    const pooled = (b.up + a.up) / (b.n + a.n);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / b.n + 1 / a.n));
    z = se === 0 ? 0 : (a.helpfulness! - b.helpfulness!) / se;
    p = twoProportionP(z);
  }
  const verdict: Verdict =
    b.n < MIN_VOTES_FOR_VERDICT || a.n < MIN_VOTES_FOR_VERDICT
      ? 'too few votes'
      : p! < ALPHA
        ? z! > 0
          ? 'better'
          : 'worse'
        : 'no clear change';
  const outcome = verdict === 'too few votes' ? 'no clear change yet (n too small)' : `${verdict}, ${pText(p!)}`;
  const sentence = `helpful ${described(b)} → ${described(a)} since the edit of ${day(after.since)}: ${outcome}`;
  return { before: b, after: a, since: after.since, z, p, verdict, sentence };
}
