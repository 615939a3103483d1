/**
 * What is worth telling the team at once, from the last 7 days: a friction flag newly raised, an edit judged worse,
 * and a content gap whose searches that showed nothing reach a threshold (with no fix served yet). Each has a key, so
 * it is sent once, its evidence sentence and a link to the dashboard. Every rule already waits for enough data.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { getFriction } from '../analytics/friction.ts';
import { revisionRatings } from '../analytics/ratings.ts';
import { getSearch } from '../analytics/search.ts';
import { queryGroupKey } from '../domain/query-group-key.ts';
import { addDays, utcDay } from '../domain/utc-day.ts';

export interface Alert {
  /** Never sent twice: the same key is the same alert. */
  key: string;
  title: string;
  evidence: string;
  link: string;
}

export interface AlertSettings {
  /** Where the dashboard is, for the links. */
  origin: string;
  minZeroResults: number;
}

/** The week up to `now`'s day. */
export const lastWeek = (now: number) => ({ from: addDays(utcDay(now), -6), to: utcDay(now) });

export async function findAlerts(db: Kysely<Database>, settings: AlertSettings, now = Date.now()): Promise<Alert[]> {
  const week = lastWeek(now);
  const range = `from=${week.from}&to=${week.to}`;
  const friction = await getFriction(db, week);
  const alerts: Alert[] = [...friction.content, ...friction.product].map((flag) => {
    const target = flag.slug ?? flag.productArea!;
    return {
      key: `friction:${flag.kind}:${target}:${[...flag.signals].sort().join('+')}`,
      title: `${flag.kind === 'content' ? 'Content' : 'Product'} friction: ${flag.title ?? target}`,
      evidence: flag.evidence,
      link: `${settings.origin}/reports/friction?${range}`,
    };
  });
  for (const r of await revisionRatings(db, week))
    if (r.change?.verdict === 'worse')
      alerts.push({
        key: `edit:${r.slug}:${r.revision}`,
        title: `An edit made ${r.slug} worse`,
        evidence: r.change.sentence,
        link: `${settings.origin}/reports/articles/${r.slug}?${range}`,
      });
  for (const gap of (await getSearch(db, week)).contentGaps)
    if (gap.zeroResults >= settings.minZeroResults && gap.change === null)
      alerts.push({
        key: `gap:${queryGroupKey(gap.query)}`,
        title: `Readers search for “${gap.query}” and find nothing`,
        evidence: `${gap.zeroResults} searches showed nothing this week${gap.variants.length > 1 ? ` (${gap.variants.length} wordings)` : ''}; ${gap.fix.line ? `a fix: ${gap.fix.line} in ${gap.fix.file}` : 'review what the search shows for it'}`,
        link: `${settings.origin}/reports/search?${range}`,
      });
  return alerts;
}
