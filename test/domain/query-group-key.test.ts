import { expect, test } from 'vitest';
import { queryGroupKey } from '../../src/domain/query-group-key.ts';
import { queryGroupKey as reportsQueryGroupKey } from '../../src/analytics/query-groups.ts';

test('gives near-duplicate queries one key: word order, plurals and common words aside', () => {
  expect(queryGroupKey('Password resets')).toBe(queryGroupKey('how do I reset my password'));
  expect(queryGroupKey('refunds')).toBe('refund');
});

test('is the key the search reports group queries by', () => {
  expect(reportsQueryGroupKey).toBe(queryGroupKey);
});
