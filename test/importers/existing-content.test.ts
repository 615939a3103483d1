import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, expect, test } from 'vitest';
import { ContentFolderError, readExistingContent } from '../../src/importers/existing-content.ts';
import { scratchDir } from '../helpers/site-build.ts';

let dir: string;
beforeEach(() => {
  dir = scratchDir('existing-content');
});

const put = (path: string, text: string) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};

test('reads an empty or missing folder as English with no slugs taken', () => {
  expect(readExistingContent(join(dir, 'nothing-here'))).toEqual({ defaultLang: 'en', slugs: new Map() });
});

test('reads the site language and the slugs of articles and tutorials, from their file names', () => {
  put('site.json', JSON.stringify({ defaultLang: 'de' }));
  put('articles/Account & Security/How do I reset my password?.md', '---\ntitle: x\n---\n');
  put('tutorials/first-steps.mdx', '---\ntitle: x\n---\n');
  put('articles/notes.txt', 'not an article');
  expect(readExistingContent(dir)).toEqual({
    defaultLang: 'de',
    slugs: new Map([
      ['how-do-i-reset-my-password', 'articles/Account & Security/How do I reset my password?'],
      ['first-steps', 'tutorials/first-steps'],
    ]),
  });
});

test('stops on a categories.json the build would refuse, naming the field', () => {
  put('categories.json', JSON.stringify([{ id: 'Billing Stuff', title: 'Billing' }]));
  expect(() => readExistingContent(dir)).toThrow(ContentFolderError);
  expect(() => readExistingContent(dir)).toThrow(
    `${join(dir, 'categories.json')}: [0].id: must be a lowercase slug like "reset-your-password"`,
  );
});

test('stops on a site.json that is not JSON', () => {
  put('site.json', '{ "defaultLang": ');
  expect(() => readExistingContent(dir)).toThrow(/site\.json is not valid JSON/);
});
