import { expect, test } from 'vitest';
import { QueryMemory } from '../../src/analytics/query-memory.ts';
import { nearDuplicateSignatures, queryGroupKey } from '../../src/analytics/query-groups.ts';
import { freshStorePerTest, seed } from '../helpers/seed-events.ts';

const store = freshStorePerTest();
const at = '2026-11-12T10:00:00Z';

const search = (query: string, i: number) => ({ type: 'search' as const, session: `session-m${query.length}-${i}`, query, results: 1, at });
const idsOf = async () =>
  Object.fromEntries((await store.db.selectFrom('queries').select(['id', 'text']).execute()).map((q) => [q.text, q.id]));

test('gives each id its text, for ids learned in any order, some remembered and some written since', async () => {
  await seed(store, ['payroll', 'refund', 'vat number'].map(search));
  const memory = new QueryMemory();
  let ids = await idsOf();
  await memory.learn(store.db, [ids['vat number'], ids.payroll]);
  expect([memory.text(ids['vat number']), memory.text(ids.payroll)]).toEqual(['vat number', 'payroll']);
  await seed(store, ['export invoices'].map(search));
  ids = await idsOf();
  const all = ['export invoices', 'payroll', 'refund', 'vat number'];
  await memory.learn(store.db, all.map((t) => ids[t]).reverse());
  expect(all.map((t) => memory.text(ids[t]))).toEqual(all);
});

test('fails loudly on an id the store has no text for', async () => {
  await expect(new QueryMemory().learn(store.db, [987654])).rejects.toThrow(/Query 987654/);
});

/** For each query, the others it shares a signature with, found by comparing the signatures' texts or their numbers. */
function neighbours<T>(lists: T[][]): number[][] {
  const holders = new Map<T, number[]>();
  lists.forEach((list, i) => list.forEach((s) => holders.set(s, [...(holders.get(s) ?? []), i])));
  const found = lists.map(() => new Set<number>());
  for (const list of holders.values()) for (const i of list) for (const j of list) if (i !== j) found[i].add(j);
  return found.map((s) => [...s].sort((a, b) => a - b));
}

test('numbers signatures so that two queries share a number exactly when they share a signature, asked all at once or a few at a time', async () => {
  // Seeded words of 6 to 11 letters, each also searched with one letter dropped.
  let seeded = 7;
  const next = () => (seeded = (Math.imul(seeded, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const word = () =>
    Array.from({ length: 6 + Math.floor(next() * 6) }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(next() * 26)]).join('');
  const queries: string[] = [];
  for (let i = 0; i < 300; i++) {
    const [a, b] = [word(), word()];
    const cut = Math.floor(next() * a.length);
    queries.push(`${a} ${b}`, `${a.slice(0, cut)}${a.slice(cut + 1)} ${b}`);
  }
  await seed(store, queries.map(search));
  const idOf = await idsOf();
  const ids = queries.map((q) => idOf[q]);
  const byText = neighbours(queries.map((q) => nearDuplicateSignatures(queryGroupKey(q))));
  expect(byText.filter((n) => n.length > 0).length).toBeGreaterThan(500);

  const once = new QueryMemory();
  await once.learn(store.db, ids);
  expect(neighbours(once.signatures(ids))).toEqual(byText);
  const piecemeal = new QueryMemory();
  for (let start = 0; start < ids.length; start += 40) {
    const some = ids.slice(start, start + 40).reverse();
    await piecemeal.learn(store.db, some);
    piecemeal.signatures(some);
  }
  const numbers = piecemeal.signatures(ids);
  expect(neighbours(numbers)).toEqual(byText);
  expect(Math.max(...numbers.flat())).toBe(piecemeal.signatureCount - 1);
});
