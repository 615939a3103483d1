import { expect, test } from 'vitest';
import { PAGE, queryTotals } from '../../src/analytics/query-totals.ts';
import { freshStorePerTest, seed } from '../helpers/seed-events.ts';

const store = freshStorePerTest();

test('reads every query of a year once, in id order, when the year holds more queries than one page', async () => {
  const n = PAGE + 50;
  // Query i is searched by i % 3 + 1 readers, in one session each, spread over the year.
  const events = Array.from({ length: n }, (_, i) =>
    Array.from({ length: (i % 3) + 1 }, (_, r) => ({
      type: 'search' as const,
      session: `session-q${i}-${r}`,
      query: `query number ${i}`,
      results: 1,
      at: new Date(Date.UTC(2026, i % 12, 1 + (r % 28), 10)).toISOString(),
    })),
  ).flat();
  await seed(store, events);
  const ids = await store.db.selectFrom('queries').select(['id', 'text']).orderBy('id').execute();
  const q = await queryTotals(store.db, { from: '2026-01-01', to: '2026-12-31' });
  expect(q.length).toBe(n);
  expect([...q.ids]).toEqual(ids.map((r) => r.id));
  expect([...q.searches]).toEqual(ids.map((r) => (Number(r.text.split(' ').at(-1)) % 3) + 1));
});
