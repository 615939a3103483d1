import { expect, test } from 'vitest';
import { nearDuplicateSignatures, queryGroupKey } from '../../src/analytics/query-groups.ts';
import { sharedSignatures } from '../../src/analytics/query-signatures.ts';

/** For each query, the others it shares a signature with, found by comparing the signatures' texts. */
function neighboursByText(queries: string[]): number[][] {
  const holders = new Map<string, number[]>();
  queries.forEach((q, i) => nearDuplicateSignatures(queryGroupKey(q)).forEach((s) => holders.set(s, [...(holders.get(s) ?? []), i])));
  const found = queries.map(() => new Set<number>());
  for (const list of holders.values()) for (const i of list) for (const j of list) if (i !== j) found[i]!.add(j);
  return found.map((s) => [...s].sort((a, b) => a - b));
}

/** The same from the ids `sharedSignatures` gives. */
function neighboursById(lists: Int32Array[]): number[][] {
  const holders = new Map<number, number[]>();
  lists.forEach((list, i) => list.forEach((id) => holders.set(id, [...(holders.get(id) ?? []), i])));
  const found = lists.map(() => new Set<number>());
  for (const list of holders.values()) for (const i of list) for (const j of list) if (i !== j) found[i]!.add(j);
  return found.map((s) => [...s].sort((a, b) => a - b));
}

test('shares a signature id between exactly the queries whose signatures match, over a hundred thousand signatures', () => {
  // Seeded words of 6 to 11 letters, each also searched with one letter dropped: far more signatures than the table
  // starts with.
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const word = () =>
    Array.from({ length: 6 + Math.floor(next() * 6) }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(next() * 26)]).join('');
  const queries: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const [a, b] = [word(), word()];
    const cut = Math.floor(next() * a.length);
    queries.push(`${a} ${b}`, `${a.slice(0, cut)}${a.slice(cut + 1)} ${b}`);
  }
  const { lists, ids } = sharedSignatures(queries);
  expect(neighboursById(lists)).toEqual(neighboursByText(queries));
  expect(Math.max(...lists.map((l) => Math.max(-1, ...l)))).toBeLessThan(ids);
  expect(queries.reduce((n, q) => n + nearDuplicateSignatures(queryGroupKey(q)).length, 0)).toBeGreaterThan(100_000);
});
