import { expect, test } from 'vitest';
import { queryNames } from '../../src/reports/query-catalog.ts';
import { freshStorePerTest, seed } from '../helpers/seed-events.ts';

const store = freshStorePerTest();
const at = '2026-11-12T10:00:00Z';

test('gives each id its text in the order asked, for ids in any order and some of them read before', async () => {
  await seed(store, ['payroll', 'refund', 'vat number', 'export invoices'].map((query, i) => ({ type: 'search' as const, session: `session-c${i}`, query, results: 1, at })));
  const ids = Object.fromEntries((await store.db.selectFrom('queries').select(['id', 'text']).execute()).map((q) => [q.text, q.id]));
  const texts = async (...list: string[]) => (await queryNames(store.db, Int32Array.from(list, (t) => ids[t]!))).texts;
  expect(await texts('vat number', 'payroll')).toEqual(['vat number', 'payroll']);
  expect(await texts('export invoices', 'payroll', 'refund', 'vat number')).toEqual(['export invoices', 'payroll', 'refund', 'vat number']);
  expect(await texts('payroll', 'refund', 'refund')).toEqual(['payroll', 'refund', 'refund']);
});
