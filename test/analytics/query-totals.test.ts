import { expect, test } from 'vitest';
import { queryTotals } from '../../src/analytics/query-totals.ts';
import { freshStorePerTest, seed } from '../helpers/seed-events.ts';

const store = freshStorePerTest();

test('gives every query of the range once, in id order, with its counters summed over the rollup keys read', async () => {
  // Query i is searched by i % 3 + 1 readers, one of them clicking a result, spread over the year.
  const events = Array.from({ length: 60 }, (_, i) =>
    Array.from({ length: (i % 3) + 1 }, (_, r) => {
      const at = new Date(Date.UTC(2026, i % 12, 1 + (r % 28), 10)).toISOString();
      const session = `session-q${i}-${r}`;
      const query = `query number ${i}`;
      return [
        { type: 'search' as const, session, query, results: r, at },
        ...(r === 1 ? [{ type: 'search_click' as const, session, query, article: 'refund-a-payment', position: 1, at }] : []),
      ];
    }).flat(),
  ).flat();
  await seed(store, events);
  const ids = await store.db.selectFrom('queries').select(['id', 'text']).orderBy('id').execute();
  const numberOf = (text: string) => Number(text.split(' ').at(-1));
  const expected = ids.map((q) => {
    const readers = (numberOf(q.text) % 3) + 1;
    return { id: q.id, searches: readers, zeroResults: 1, clicked: readers > 1 ? 1 : 0, escalated: 0 };
  });
  // The calendar year is one key of the yearly rollup; a day less is several keys of finer ones.
  expect(await queryTotals(store.db, { from: '2026-01-01', to: '2026-12-31' })).toEqual(expected);
  expect(await queryTotals(store.db, { from: '2026-01-01', to: '2026-12-30' })).toEqual(expected);
  expect(await queryTotals(store.db, { from: '2026-02-01', to: '2026-02-28' })).toEqual(
    expected.filter((_, k) => numberOf(ids[k].text) % 12 === 1),
  );
});
