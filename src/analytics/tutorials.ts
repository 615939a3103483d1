/** Tutorial funnels: sessions that reached each step, completion rate, and the step that loses the most readers. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportParams } from '../schemas/report-params.ts';
import { articleScope } from './article-scope.ts';
import { column, defineTable, type Table } from './report-table.ts';
import { inBucket, overBuckets, rollupTable, signed } from './rollup-buckets.ts';
import { rate } from './wilson.ts';

export interface TutorialFunnel {
  slug: string;
  steps: number;
  /** Sessions that reached step 1, 2, … (index 0 is step 1). */
  reached: number[];
  completionRate: number | null;
  /** The step after which the largest share of readers stopped, with that share; null without readers. */
  largestDropOff: { afterStep: number; lost: number; share: number } | null;
}

export async function getTutorials(db: Kysely<Database>, params: ReportParams): Promise<TutorialFunnel[]> {
  const steps = overBuckets(params, (b) =>
    db
      .selectFrom(rollupTable('tutorial_step', b))
      .select(['article_id', 'step', 'steps', signed(b, 'sessions')])
      .where(inBucket(b)),
  );
  const rows = await db
    .selectFrom(steps.as('t'))
    .innerJoin('articles as a', 'a.id', 't.article_id')
    .select(['a.slug', 't.step', sql<number>`max(t.steps)`.as('steps'), sql<number>`sum(t.sessions)`.as('sessions')])
    .where(articleScope(params))
    .groupBy(['a.slug', 't.step'])
    .having(sql`sum(t.sessions)`, '<>', 0)
    .execute();
  const bySlug = new Map<string, { steps: number; counts: Map<number, number> }>();
  for (const r of rows) {
    const entry = bySlug.get(r.slug) ?? { steps: 0, counts: new Map() };
    entry.steps = Math.max(entry.steps, Number(r.steps));
    entry.counts.set(r.step, Number(r.sessions));
    bySlug.set(r.slug, entry);
  }
  return [...bySlug]
    .map(([slug, { steps, counts }]) => {
      const reached = Array.from({ length: steps }, (_, i) => counts.get(i + 1) ?? 0);
      let largestDropOff: TutorialFunnel['largestDropOff'] = null;
      for (let i = 0; i + 1 < reached.length; i++) {
        const lost = reached[i]! - reached[i + 1]!;
        const share = rate(lost, reached[i]!);
        if (share !== null && lost > 0 && (!largestDropOff || share > largestDropOff.share))
          largestDropOff = { afterStep: i + 1, lost, share };
      }
      return { slug, steps, reached, completionRate: rate(reached.at(-1) ?? 0, reached[0] ?? 0), largestDropOff };
    })
    .sort((a, b) => (a.completionRate ?? 1) - (b.completionRate ?? 1) || a.slug.localeCompare(b.slug));
}

/** One row per tutorial: the sessions per step as "120 → 80 → 45", and its largest drop-off. */
export function tutorialsTables(funnels: TutorialFunnel[]): Table[] {
  const columns = [
    column('slug'),
    column('steps', 'count'),
    column('reached'),
    column('completion_rate', 'rate'),
    column('drop_off_after_step', 'count'),
    column('drop_off_lost', 'count'),
    column('drop_off_share', 'rate'),
  ];
  const rows = funnels.map((t) => ({
    slug: t.slug,
    steps: t.steps,
    reached: t.reached.join(' → '),
    completion_rate: t.completionRate,
    drop_off_after_step: t.largestDropOff?.afterStep ?? null,
    drop_off_lost: t.largestDropOff?.lost ?? null,
    drop_off_share: t.largestDropOff?.share ?? null,
  }));
  return [defineTable('funnels', columns, rows)];
}
