import { expect, test } from 'vitest';
import { synonymsFor } from '../../src/content-model/search-synonyms.ts';

const GROUPS = [
  ['sign in', 'log in', 'login'],
  ['refund', 'money back'],
  ['invoice', 'bill'],
  ['two-factor authentication', '2fa', 'mfa'],
];

test('gives a page that uses a term the other terms of its group', () => {
  expect(synonymsFor('Send a refund to your customer.', GROUPS)).toEqual(['money back']);
});

test('leaves out the terms the page uses itself', () => {
  expect(synonymsFor('Sign in with your login and password.', GROUPS)).toEqual(['log in']);
});

test('gives nothing for a page that uses no term of any group', () => {
  expect(synonymsFor('Track the mileage of your business trips.', GROUPS)).toEqual([]);
});

test('finds a term written with another ending, in capitals or with a hyphen', () => {
  expect(synonymsFor('Invoicing made simple', GROUPS)).toEqual(['bill']);
  expect(synonymsFor('Refunded payments', GROUPS)).toEqual(['money back']);
  expect(synonymsFor('Turn on Two-Factor Authentication', GROUPS)).toEqual(['2fa', 'mfa']);
  expect(synonymsFor('Trouble signing in', GROUPS)).toEqual(['log in', 'login']);
});

test('finds a phrase only with its words together, and a word only whole', () => {
  expect(synonymsFor('Sign the form in ink.', GROUPS)).toEqual([]);
  expect(synonymsFor('We rebill monthly.', GROUPS)).toEqual([]);
});

test('lists each term once, however many groups and words lead to it', () => {
  expect(synonymsFor('refund, refunds, refunded', [...GROUPS, ['refund', 'money back', 'reimbursement']])).toEqual([
    'money back',
    'reimbursement',
  ]);
});
