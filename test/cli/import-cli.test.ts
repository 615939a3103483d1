import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { ROOT, scratchDir } from '../helpers/site-build.ts';

const ZENDESK = 'test/fixtures/imports/zendesk-export.json';
const SHOPIFY = 'articles/getting-started/connect-your-store/connect-a-shopify-store.mdx';

function runImport(args: string[]) {
  const result = spawnSync(process.execPath, ['src/cli/import.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

let dir: string;
let content: string;
beforeAll(() => {
  dir = scratchDir('import-cli');
  content = join(dir, 'content');
});

test('prints its usage with --help', () => {
  const { status, out } = runImport(['--help']);
  expect(status).toBe(0);
  expect(out).toContain('Usage: npm run import -- <zendesk|intercom> <export.json> [options]');
  expect(out).toContain('--force');
});

test('refuses a file that is not a valid export, naming the field', () => {
  const bad = join(dir, 'bad-export.json');
  const raw = JSON.parse(readFileSync(join(ROOT, ZENDESK), 'utf8'));
  delete raw.articles[2].html_url;
  writeFileSync(bad, JSON.stringify(raw));
  const { status, err } = runImport(['zendesk', bad, '--to', content]);
  expect(status).toBe(1);
  expect(err).toContain(
    `${bad} is not a valid Zendesk export:\n  articles[2].html_url: Invalid input: expected string, received undefined`,
  );
});

test('converts an export with a progress bar and prints what it wrote, with the warnings under their article', () => {
  const { status, out, err } = runImport(['zendesk', ZENDESK, '--to', content]);
  expect(status).toBe(0);
  expect(err).toContain('Converting 33 Zendesk articles…');
  expect(err).toContain('Converting: 100% (33 of 33 articles');
  const shown = (path: string) => join(content, path).slice(ROOT.length + 1);
  expect(out).toContain(`Imported 33 articles from Zendesk into ${shown('articles')} (4 as MDX, for their callouts).`);
  expect(out).toContain(`  categories  3 (3 added to ${shown('categories.json')})\n  sections    8\n  drafts      2`);
  expect(out).toContain(
    `5 warnings:\n  ${shown('articles/getting-started/set-up-your-account/tour-of-the-dashboard.md')}\n    image stays on images.parcelpoint-cdn.example:`,
  );
  expect(readFileSync(join(content, SHOPIFY), 'utf8')).toContain('<Callout type="warning">');
});

test('refuses a second run into the same folder, naming the files, and replaces them with --force', () => {
  writeFileSync(join(content, SHOPIFY), 'edited by hand');
  const refused = runImport(['zendesk', ZENDESK, '--to', content]);
  expect(refused.status).toBe(1);
  expect(refused.err).toMatch(/already has 33 of the files this import would write:\n( {2}\S+\.mdx?\n){5} {2}… and 28 more\n/);
  expect(refused.err).toContain('Nothing was written. Run again with --force to replace them');
  expect(readFileSync(join(content, SHOPIFY), 'utf8')).toBe('edited by hand');

  const forced = runImport(['zendesk', ZENDESK, '--to', content, '--force']);
  expect(forced.status).toBe(0);
  expect(forced.out).toContain('categories  3 (0 added to');
  expect(readFileSync(join(content, SHOPIFY), 'utf8')).toContain('<Callout type="warning">');
});
