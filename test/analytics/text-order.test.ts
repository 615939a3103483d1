import fc from 'fast-check';
import { expect, test } from 'vitest';
import { byText } from '../../src/analytics/text-order.ts';

const collator = new Intl.Collator();
const sign = (n: number) => Math.sign(n);
// Mostly what normalized queries are made of, with some characters that must go to the collator.
const queryText = fc.string({ unit: fc.constantFrom(...'abcdehiyz019 '.split(''), '-', '_', 'é', 'E', '中', '\u00a0'), maxLength: 12 });

test('byText orders any two texts as the collator does', () => {
  fc.assert(
    fc.property(queryText, queryText, (a, b) => {
      expect(sign(byText(a, b))).toBe(sign(collator.compare(a, b)));
    }),
    { numRuns: 20_000 },
  );
});

test('byText sorts a list of queries into the collator’s order', () => {
  const queries = ['vat number', 'vat', 'vat 2', 'vat-number', 'vatnumber', 'Vat', 'vät', 'a b', 'ab', 'a1', ''];
  expect([...queries].sort(byText)).toEqual([...queries].sort(collator.compare));
});
