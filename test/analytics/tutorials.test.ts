import { expect, test } from 'vitest';
import { getTutorials } from '../../src/analytics/tutorials.ts';
import { freshStorePerTest, seed, type SeedEvent } from '../helpers/seed-events.ts';

const store = freshStorePerTest();

const RANGE = { from: '2026-11-01', to: '2026-11-30' };

/** `n` sessions that each reached steps 1..last of a 4-step tutorial. */
function readers(n: number, last: number, prefix: string): SeedEvent[] {
  return Array.from({ length: n }, (_, r) =>
    Array.from({ length: last }, (_, s) => ({
      type: 'tutorial_step' as const,
      session: `${prefix}-${r}`,
      article: 'connect-your-bank-and-reconcile',
      step: s + 1,
      steps: 4,
      at: '2026-11-08T10:00:00Z',
    })),
  ).flat();
}

test('builds the step funnel, the completion rate and the step with the largest drop-off', async () => {
  // 10 readers reach step 1, 9 reach step 2, 3 reach step 3, 3 finish: step 2 loses two thirds.
  await seed(store, [...readers(1, 1, 'one'), ...readers(6, 2, 'two'), ...readers(3, 4, 'all')]);
  expect(await getTutorials(store.db, RANGE)).toEqual([
    {
      slug: 'connect-your-bank-and-reconcile',
      steps: 4,
      reached: [10, 9, 3, 3],
      completionRate: 0.3,
      largestDropOff: { afterStep: 2, lost: 6, share: 6 / 9 },
    },
  ]);
});

test('counts a step reached twice in one session once', async () => {
  await seed(store, [...readers(1, 2, 'again'), ...readers(1, 2, 'again')]);
  const [funnel] = await getTutorials(store.db, RANGE);
  expect(funnel!.reached).toEqual([1, 1, 0, 0]);
});
