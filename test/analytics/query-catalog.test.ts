import { expect, test } from 'vitest';
import { queryNames } from '../../src/analytics/query-catalog.ts';
import { sharedSignatures } from '../../src/analytics/query-signatures.ts';
import { freshStorePerTest, seed } from '../helpers/seed-events.ts';

const store = freshStorePerTest();
const at = '2026-11-12T10:00:00Z';

test('gives each id its text in the order asked, for ids in any order and some of them read before', async () => {
  await seed(
    store,
    ['payroll', 'refund', 'vat number', 'export invoices'].map((query, i) => ({
      type: 'search' as const,
      session: `session-c${i}`,
      query,
      results: 1,
      at,
    })),
  );
  const ids = Object.fromEntries((await store.db.selectFrom('queries').select(['id', 'text']).execute()).map((q) => [q.text, q.id]));
  const texts = async (...list: string[]) => {
    const names = await queryNames(
      store.db,
      Int32Array.from(list, (t) => ids[t]!),
    );
    return list.map((_, i) => names.text(i));
  };
  expect(await texts('vat number', 'payroll')).toEqual(['vat number', 'payroll']);
  expect(await texts('export invoices', 'payroll', 'refund', 'vat number')).toEqual(['export invoices', 'payroll', 'refund', 'vat number']);
  expect(await texts('payroll', 'refund', 'refund')).toEqual(['payroll', 'refund', 'refund']);
});

test('keeps the signatures of queries worked out a few at a time as they are worked out all at once', async () => {
  // Long words and every one-letter typo of them: each query shares a dozen signatures, more than the pool first holds.
  const words = [
    'reconciliation',
    'authentication',
    'subscriptions',
    'notifications',
    'integrations',
    'permissions',
    'transactions',
    'documentation',
    'localization',
    'configuration',
  ];
  const queries = [...new Set(words.flatMap((w) => [w, ...Array.from(w, (_, i) => w.slice(0, i) + w.slice(i + 1))]))];
  await seed(
    store,
    queries.map((query, i) => ({ type: 'search' as const, session: `session-p${i}`, query, results: 0, at })),
  );
  const ids = Int32Array.from((await store.db.selectFrom('queries').select('id').orderBy('id').execute()).map((q) => q.id));
  for (let start = 0; start < ids.length; start += 40) {
    const some = ids.slice(start, start + 40);
    (await queryNames(store.db, some)).signatures(some.map((_, k) => some.length - 1 - k));
  }
  const names = await queryNames(store.db, ids);
  const all = names.signatures(ids.map((_, k) => k));
  const texts = Array.from(ids, (_, k) => names.text(k));
  const expected = sharedSignatures(texts);
  expect(all.ids).toBe(expected.ids);
  expect(all.pool.length).toBeGreaterThan(1024);
  texts.forEach((_, k) => expect([...all.pool.subarray(all.from[k]!, all.from[k]! + all.count[k]!)]).toEqual([...expected.lists[k]!]));
});
