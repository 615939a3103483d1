/** Numbers in evidence sentences, written the way a person reads them: "1,401", "38%", "+240%". */
import type { Interval } from './wilson.ts';

// One formatter for every number: toLocaleString builds one per call, and a report writes thousands of sentences.
const NUMBER = new Intl.NumberFormat('en-US');
export const count = (n: number) => NUMBER.format(n);
export const percent = (share: number) => `${Math.round(share * 100)}%`;
export const signedPercent = (change: number) => `${change >= 0 ? '+' : '−'}${Math.round(Math.abs(change) * 100)}%`;

export function helpfulSentence(up: number, n: number, interval: Interval | null): string {
  if (n === 0 || !interval) return 'no votes';
  return `helpful ${percent(up / n)} [${Math.round(interval.lower * 100)}–${percent(interval.upper)}] n=${count(n)}`;
}
