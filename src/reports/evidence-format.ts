/** Numbers in evidence sentences, written the way a person reads them: "1,401", "38%", "+240%". */
import type { Interval } from './wilson.ts';

export const count = (n: number) => n.toLocaleString('en-US');
export const percent = (share: number) => `${Math.round(share * 100)}%`;
export const signedPercent = (change: number) => `${change >= 0 ? '+' : '−'}${Math.round(Math.abs(change) * 100)}%`;

export function helpfulSentence(up: number, n: number, interval: Interval | null): string {
  if (n === 0 || !interval) return 'no votes';
  return `helpful ${percent(up / n)} [${Math.round(interval.lower * 100)}–${percent(interval.upper)}] n=${count(n)}`;
}
