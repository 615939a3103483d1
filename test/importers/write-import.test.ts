import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, expect, test } from 'vitest';
import type { ImportPlan } from '../../src/importers/import-plan.ts';
import { existingFiles, ImportConflictError, writeImport } from '../../src/importers/write-import.ts';
import { scratchDir } from '../helpers/site-build.ts';

const plan = (files: Record<string, string>, categories: ImportPlan['categories'] = []): ImportPlan => ({
  files: Object.entries(files).map(([path, text]) => ({ path, text })),
  categories,
  counts: { articles: 0, drafts: 0, categories: 0, sections: 0, mdx: 0 },
  warnings: [],
});
const read = (path: string) => readFileSync(join(dir, path), 'utf8');

let dir: string;
beforeEach(() => {
  dir = scratchDir('write-import');
});

test('writes every file in its folder and the new categories to categories.json', () => {
  const result = writeImport(
    plan({ 'articles/billing/refunds.md': 'R', 'articles/billing/plans/compare.mdx': 'C' }, [{ id: 'billing', title: 'Billing' }]),
    dir,
    {
      force: false,
    },
  );
  expect(read('articles/billing/refunds.md')).toBe('R');
  expect(read('articles/billing/plans/compare.mdx')).toBe('C');
  expect(read('categories.json')).toBe('[\n  { "id": "billing", "title": "Billing" }\n]\n');
  expect(result.added).toEqual([{ id: 'billing', title: 'Billing' }]);
});

test('adds only new categories to categories.json, leaving the entries there as they were, byte for byte', () => {
  writeFileSync(join(dir, 'categories.json'), '[\n  {"id": "billing",\n   "title": "Money matters", "icon": "coin"}\n]\n');
  const result = writeImport(
    plan({}, [
      { id: 'billing', title: 'Billing', description: 'From the export.' },
      { id: 'shipping', title: 'Shipping' },
    ]),
    dir,
    { force: false },
  );
  expect(read('categories.json')).toBe(
    '[\n  {"id": "billing",\n   "title": "Money matters", "icon": "coin"},\n  { "id": "shipping", "title": "Shipping" }\n]\n',
  );
  expect(result.added).toEqual([{ id: 'shipping', title: 'Shipping' }]);
});

test('adds to an empty categories.json', () => {
  writeFileSync(join(dir, 'categories.json'), '[]');
  writeImport(plan({}, [{ id: 'shipping', title: 'Shipping', description: 'Labels and carriers.' }]), dir, { force: false });
  expect(read('categories.json')).toBe('[\n  { "id": "shipping", "title": "Shipping", "description": "Labels and carriers." }\n]');
});

test('refuses to replace a file and writes nothing, naming the files that are there', () => {
  mkdirSync(join(dir, 'articles/billing'), { recursive: true });
  writeFileSync(join(dir, 'articles/billing/refunds.md'), 'mine');
  writeFileSync(join(dir, 'articles/billing/plans.md'), 'mine too');
  const second = plan({ 'articles/billing/new.md': 'N', 'articles/billing/refunds.md': 'R', 'articles/billing/plans.mdx': 'P' }, [
    { id: 'billing', title: 'Billing' },
  ]);
  expect(existingFiles(second, dir)).toEqual(['articles/billing/refunds.md', 'articles/billing/plans.md']);
  expect(() => writeImport(second, dir, { force: false })).toThrow(ImportConflictError);
  expect(read('articles/billing/refunds.md')).toBe('mine');
  expect(existsSync(join(dir, 'articles/billing/new.md'))).toBe(false);
  expect(existsSync(join(dir, 'categories.json'))).toBe(false);
});

test('replaces files when forced, removing the .md of an article that is now .mdx', () => {
  mkdirSync(join(dir, 'articles/billing'), { recursive: true });
  writeFileSync(join(dir, 'articles/billing/refunds.md'), 'old');
  writeImport(plan({ 'articles/billing/refunds.mdx': 'new' }), dir, { force: true });
  expect(read('articles/billing/refunds.mdx')).toBe('new');
  expect(existsSync(join(dir, 'articles/billing/refunds.md'))).toBe(false);
});
