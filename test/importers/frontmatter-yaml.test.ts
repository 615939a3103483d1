import { parseFrontmatter } from 'astro/markdown';
import { expect, test } from 'vitest';
import { frontmatterYaml } from '../../src/importers/frontmatter-yaml.ts';

const readBack = (yaml: string) => parseFrontmatter(`---\n${yaml}---\n`).frontmatter;

test('writes plain text plainly and quotes what YAML would read as something else', () => {
  expect(frontmatterYaml({ title: 'Reset your password' })).toBe('title: Reset your password\n');
  expect(frontmatterYaml({ title: 'Error: "Address could not be verified"' })).toBe(
    'title: "Error: \\"Address could not be verified\\""\n',
  );
  expect(frontmatterYaml({ title: 'Print the order # on labels' })).toBe('title: "Print the order # on labels"\n');
});

test('reads back every title as it was, whatever YAML would make of it unquoted', () => {
  const titles = [
    'yes',
    'No',
    'null',
    '1.5',
    '2026-01-01',
    '12:30',
    '- a dash',
    '[draft]',
    '@team',
    'a: b',
    'ends:',
    "It's fine",
    'C# SDK',
    '重置密码',
    'Tab\there',
    ' padded ',
  ];
  for (const title of titles) expect(readBack(frontmatterYaml({ title })).title).toBe(title);
});

test('writes lists in flow style, quoting commas and brackets, and dates and booleans unquoted', () => {
  const yaml = frontmatterYaml({
    tags: ['billing', 'a, b', 'on'],
    updated: new Date('2026-03-02T11:04:47Z'),
    draft: true,
    description: undefined,
    redirect_from: ['/hc/en-us/articles/1-Reset'],
  });
  expect(yaml).toBe('tags: [billing, "a, b", "on"]\nupdated: 2026-03-02\ndraft: true\nredirect_from: [/hc/en-us/articles/1-Reset]\n');
  expect(readBack(yaml)).toEqual({
    tags: ['billing', 'a, b', 'on'],
    updated: new Date('2026-03-02'),
    draft: true,
    redirect_from: ['/hc/en-us/articles/1-Reset'],
  });
});
