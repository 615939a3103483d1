import { expect, test } from 'vitest';
import { readGeneratorFrontmatter, sitePath } from '../../src/content-model/generator-frontmatter.ts';

test('reads Jekyll permalinks, redirect_from as a string, nav titles and space-separated tags', () => {
  const read = readGeneratorFrontmatter({
    layout: 'page',
    nav_title: 'Export data',
    permalink: '/privacy/export/',
    redirect_from: '/old/export.html',
    tags: 'privacy export',
  });
  expect(read.data).toMatchObject({ redirect_from: ['/old/export.html', '/privacy/export/'], tags: ['privacy', 'export'] });
  expect(read.data.title).toBeUndefined();
  expect(read.label).toBe('Export data');
});

test('turns a Jekyll redirect stub into a redirect_to', () => {
  expect(readGeneratorFrontmatter({ layout: 'redirect', redirect: '/', permalink: '/old-faq/' }).data).toMatchObject({
    redirect_to: '/',
    redirect_from: ['/old-faq/'],
  });
  expect(readGeneratorFrontmatter({ title: 'Moved', redirect_to: 'https://example.com/new' }).data.redirect_to).toBe(
    'https://example.com/new',
  );
});

test('reads Hugo aliases, weight and lastmod, and sets aside a type that is not one of ours', () => {
  const read = readGeneratorFrontmatter({
    title: 'Install',
    aliases: ['/docs/old-install/', '/install.html'],
    weight: 20,
    lastmod: '2026-03-04',
    type: 'docs',
  });
  expect(read.data).toMatchObject({ redirect_from: ['/docs/old-install/', '/install.html'], order: 20, updated: '2026-03-04' });
  expect(read.data.type).toBeUndefined();
  expect(read.dropped).toEqual([{ field: 'type', problem: '"docs" is not one of how-to, troubleshooting, faq, reference, announcement' }]);
});

test("keeps Hugo's path-like aliases as redirects and makes the other aliases names the search finds the page by", () => {
  const read = readGeneratorFrontmatter({
    title: 'Refund a payment',
    aliases: ['/docs/old-refunds/', 'payments/refunds', 'refunds.html', 'money back', 'chargeback refund'],
  });
  expect(read.data.redirect_from).toEqual(['/docs/old-refunds/', '/payments/refunds', '/refunds.html']);
  expect(read.data.aliases).toEqual(['money back', 'chargeback refund']);
  expect(read.dropped).toEqual([]);
});

test('leaves no aliases when every alias is an old path, and reads a single alias written as text', () => {
  expect(readGeneratorFrontmatter({ title: 'Install', aliases: ['/install.html'] }).data).not.toHaveProperty('aliases');
  expect(readGeneratorFrontmatter({ title: 'Refunds', aliases: 'money back' }).data).toMatchObject({ aliases: ['money back'] });
});

test('sets aside an alias that is neither a name nor a path', () => {
  const read = readGeneratorFrontmatter({ title: 'x', aliases: ['refunds', { url: '/a' }, 1099] });
  expect(read.data.aliases).toEqual(['refunds', '1099']);
  expect(read.dropped).toEqual([{ field: 'aliases', problem: '{"url":"/a"} is neither a name nor a path' }]);
});

test('reads Docusaurus ids, path slugs, sidebar labels and positions', () => {
  const read = readGeneratorFrontmatter({ id: 'custom-id', slug: '/guides/getting-started', sidebar_label: 'Setup', sidebar_position: 2 });
  expect(read.slugName).toBe('custom-id');
  expect(read.label).toBe('Setup');
  expect(read.data).toMatchObject({ redirect_from: ['/guides/getting-started'], order: 2 });
  expect(read.data.slug).toBeUndefined();
  expect(readGeneratorFrontmatter({ slug: 'intro' }).data.slug).toBe('intro');
});

test('reads Starlight sidebar order and label, and the first of a category list', () => {
  const read = readGeneratorFrontmatter({ title: 'Hi', sidebar: { order: 3, label: 'Hello' }, categories: ['billing', 'invoices'] });
  expect(read.data).toMatchObject({ order: 3, category: 'billing' });
  expect(read.label).toBe('Hello');
});

test('leaves Lantern frontmatter as it is', () => {
  const fields = {
    title: 'Reset your password',
    category: 'account',
    type: 'how-to',
    tags: ['login'],
    aliases: ['log in', 'sign in problems'],
    draft: false,
    redirect_from: ['/old/'],
  };
  expect(readGeneratorFrontmatter(fields)).toEqual({ data: fields, label: undefined, slugName: undefined, dropped: [] });
});

test('makes site paths of full URLs and relative paths, and sets aside what is not a path', () => {
  expect(sitePath('https://help.example.com/hc/en-us/articles/1-Reset?x=1#top')).toBe('/hc/en-us/articles/1-Reset');
  expect(sitePath('docs/a')).toBe('/docs/a');
  expect(sitePath('two words')).toBeUndefined();
  expect(readGeneratorFrontmatter({ title: 'x', redirect_from: ['/ok/', 'not ok', 42] }).dropped.map((d) => d.field)).toEqual([
    'redirect_from',
    'redirect_from',
  ]);
});
