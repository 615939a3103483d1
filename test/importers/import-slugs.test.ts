import { expect, test } from 'vitest';
import type { ImportedArticle, ImportedFolder } from '../../src/importers/help-center-source.ts';
import { articleSlugs, folderPaths, slugOf } from '../../src/importers/import-slugs.ts';

const article = (key: string, title: string): ImportedArticle => ({
  key,
  title,
  description: undefined,
  html: '',
  folderKey: null,
  tags: [],
  updated: undefined,
  draft: false,
  url: undefined,
  locale: undefined,
});
const folder = (key: string, title: string, parentKey: string | null = null): ImportedFolder => ({
  key,
  id: key.replace(/\D/g, ''),
  title,
  description: undefined,
  parentKey,
});
const atRoot = () => '';

test('slugs a title, cut at a hyphen to 80 characters, or falls back when nothing is left', () => {
  expect(slugOf('Error: "Address could not be verified"', 'x')).toBe('error-address-could-not-be-verified');
  const long = slugOf('Why does the label I printed yesterday show a different service than the one I chose at checkout today', 'x');
  expect(long).toBe('why-does-the-label-i-printed-yesterday-show-a-different-service-than-the-one-i');
  expect(long.length).toBeLessThanOrEqual(80);
  expect(slugOf('???', 'article-42')).toBe('article-42');
});

test('gives the later of two same slugs, by id whatever the order of the export, its id', () => {
  const slugs = articleSlugs([article('1000', 'FAQ'), article('999', 'FAQ'), article('5', 'Other')], atRoot, new Map());
  expect(Object.fromEntries(slugs)).toEqual({ '999': 'faq', '1000': 'faq-1000', '5': 'other' });
});

test('tells an article apart from a file already in the content folder, unless that file is where it would be written', () => {
  const existing = new Map([
    ['reset-your-password', 'articles/account/reset-your-password'],
    ['billing-faq', 'articles/billing-faq'],
  ]);
  const slugs = articleSlugs([article('7', 'Reset your password'), article('8', 'Billing FAQ')], atRoot, existing);
  expect(Object.fromEntries(slugs)).toEqual({ '7': 'reset-your-password-7', '8': 'billing-faq' });
});

test('nests folders under their parents, siblings of the same name told apart by id', () => {
  const paths = folderPaths([
    folder('c1', 'Shipping'),
    folder('s3', 'Customs forms', 's2'),
    folder('s2', 'International', 'c1'),
    folder('s4', 'FAQ', 'c1'),
    folder('s5', 'FAQ', 'c1'),
    folder('c6', 'Billing'),
    folder('s7', 'FAQ', 'c6'),
  ]);
  expect(Object.fromEntries(paths)).toEqual({
    c1: 'shipping',
    s2: 'shipping/international',
    s3: 'shipping/international/customs-forms',
    s4: 'shipping/faq',
    s5: 'shipping/faq-5',
    c6: 'billing',
    s7: 'billing/faq',
  });
});
