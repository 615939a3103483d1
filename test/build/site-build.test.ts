import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, copyContent, scratchDir, ROOT, type BuildResult } from '../helpers/site-build.ts';

const page = (dist: string, path: string) => readFileSync(join(dist, 'client', path, 'index.html'), 'utf8');

describe('building an exported help center that only has titles', () => {
  let build: BuildResult;
  beforeAll(() => {
    build = buildSite(join(ROOT, 'test/fixtures/exported'), scratchDir('exported'));
  });

  test('succeeds without edits to the files', () => {
    expect(build.output).toContain('Complete!');
    expect(build.status).toBe(0);
  });

  test("ends with what was built and its warnings, without the bundler's notes on MDX files", () => {
    expect(build.output).not.toContain('MODULE_LEVEL_DIRECTIVE');
    expect(build.output).toMatch(
      /Built 2 articles and 1 tutorial in [\d.]+ s \(search index: \d+ pages indexed in \d+ ms\)\.\n2 content warnings in 1 file:\n {2}images not found: 1\n/,
    );
  });

  test('derives clean slugs from file names with spaces and punctuation', () => {
    expect(existsSync(join(build.dist, 'client/articles/how-do-i-reset-my-password/index.html'))).toBe(true);
    expect(existsSync(join(build.dist, 'client/articles/run-the-agent-custom-port-v2/index.html'))).toBe(true);
  });

  test('keeps raw HTML and shows angle-bracket placeholders as text', () => {
    const reset = page(build.dist, 'articles/how-do-i-reset-my-password');
    expect(reset).toContain('<kbd>Ctrl</kbd>');
    expect(reset).toMatch(/<table>\s*<tr><th>Browser<\/th>/);
    expect(reset).toContain('<img src="https://example.com/reset.png" alt="The reset form"');
    const port = page(build.dist, 'articles/run-the-agent-custom-port-v2');
    expect(port).toContain('replacing &lt;PORT&gt; with the port you chose and &lt;YOUR_API_KEY&gt; with your key');
  });

  test('takes the category from the folder and the description from the first paragraph', () => {
    const reset = page(build.dist, 'articles/how-do-i-reset-my-password');
    expect(reset).toContain('<a href="/categories/account-and-security/">Account &amp; Security</a>');
    expect(reset).toContain(
      '<meta name="description" content="If you forgot your password, open the sign-in page and choose Forgot password. We send a reset link that works for 60 minutes.">',
    );
  });

  test('marks every article and tutorial page with its slug for the tracker', () => {
    expect(page(build.dist, 'articles/how-do-i-reset-my-password')).toContain(
      '<meta name="kb-article" content="how-do-i-reset-my-password">',
    );
    expect(page(build.dist, 'tutorials/first-steps')).toContain('<meta name="kb-article" content="first-steps">');
  });

  test('redirects the old address listed in redirect_from', () => {
    const old = page(build.dist, 'hc/en-us/articles/360001234-How-do-I-reset-my-password');
    expect(old).toContain('url=/articles/how-do-i-reset-my-password/');
  });

  test('writes the Pagefind index for the pages', () => {
    const entry = JSON.parse(readFileSync(join(build.dist, 'client/pagefind/pagefind-entry.json'), 'utf8'));
    expect(Object.keys(entry.languages)).toEqual(['en']);
    expect(entry.languages.en.page_count).toBe(3);
  });

  test('writes a manifest of published slugs with a revision of each source', () => {
    const manifest = JSON.parse(readFileSync(join(build.dist, 'client/kb-manifest.json'), 'utf8'));
    expect(Object.keys(manifest.articles).sort()).toEqual(['first-steps', 'how-do-i-reset-my-password', 'run-the-agent-custom-port-v2']);
    expect(manifest.articles['first-steps']).toMatchObject({ kind: 'tutorial', steps: 2, url: '/tutorials/first-steps/' });
    expect(manifest.articles['how-do-i-reset-my-password'].revision).toMatch(/^[0-9a-f]{12}$/);
  });

  test('writes an empty list of pinned answers when the content has no pins file', () => {
    expect(JSON.parse(readFileSync(join(build.dist, 'client/search-pins.json'), 'utf8'))).toEqual({ pins: [] });
  });

  test('lists a broken image and a broken link as warnings naming the file', () => {
    const file = 'test/fixtures/exported/articles/Getting Started/Run the agent: custom port (v2).md';
    expect(build.output).toContain('2 content warnings');
    expect(build.output).toContain(`${file}: image not found: ./images/does-not-exist.png`);
    expect(build.output).toContain(`${file}: link target not found: /articles/no-such-article/`);
  });

  test('renders the alt text where an image is missing', () => {
    expect(page(build.dist, 'articles/run-the-agent-custom-port-v2')).toContain('>Missing screenshot</span>');
  });
});

describe('a content problem that must stop the build', () => {
  function buildWith(name: string, files: Record<string, string>, env: Record<string, string> = {}): BuildResult {
    const dir = scratchDir(name);
    const content = copyContent('exported', dir);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(content, path, '..'), { recursive: true });
      writeFileSync(join(content, path), text);
    }
    return buildSite(content, dir, env);
  }

  test('fails on a bad frontmatter value, naming the file, the field and the problem', () => {
    const result = buildWith('bad-date', { 'articles/billing/refunds.md': '---\ntitle: Refunds\nupdated: someday\n---\n\nText.\n' });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('articles/billing/refunds.md');
    expect(result.output).toMatch(/updated: must be a date like 2026-10-14/);
  });

  test('fails on an unknown related slug, naming the file and the field', () => {
    const result = buildWith('bad-related', {
      'articles/billing/refunds.md': '---\ntitle: Refunds\nrelated: [no-such-article]\n---\n\nText.\n',
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(
      /articles\/billing\/refunds\.md: related: no published article or tutorial has the slug "no-such-article"/,
    );
  });

  test('fails on a synonym group of one term, naming the file and the group', () => {
    const result = buildWith('bad-synonyms', { 'synonyms.json': '[["sign in", "log in"], ["refund"]]' });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/content\/synonyms\.json: \[1\]: a group needs at least 2 terms/);
  });

  test('fails on a pin without queries, naming the file and the pin', () => {
    const result = buildWith('bad-pins', { 'pins.json': '[{"queries": [], "article": "how-do-i-reset-my-password"}]' });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/content\/pins\.json: \[0\]\.queries: must list at least one query/);
  });

  test('fails on a pin to a slug nothing published has, naming the file and the pin', () => {
    const result = buildWith('unknown-pin', {
      'pins.json':
        '[{"queries": ["reset"], "article": "how-do-i-reset-my-password"}, {"queries": ["refund"], "article": "no-such-article"}]',
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/content\/pins\.json: \[1\]\.article: no published article or tutorial has the slug "no-such-article"/);
  });

  test('fails on a slug two files set, naming both files', () => {
    const result = buildWith('duplicate', {
      'articles/billing/refunds.md': '---\ntitle: Refunds\nslug: money-back\n---\n\nText.\n',
      'articles/payments/returns.md': '---\ntitle: Returns\nslug: money-back\n---\n\nText.\n',
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(
      /articles\/payments\/returns\.md: slug: slug "money-back" is already set by .*articles\/billing\/refunds\.md/,
    );
  });

  test('fails on tutorial steps that do not match its headings', () => {
    const result = buildWith('bad-steps', {
      'tutorials/broken.md': '---\ntitle: Broken\nsteps: ["One", "Two"]\n---\n\n## One\n\n## Three\n',
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/tutorials\/broken\.md: steps: the "## " headings of the body must equal the steps/);
  });

  test('turns content warnings into a failure when KB_STRICT_CONTENT is set', () => {
    const result = buildWith('strict', {}, { KB_STRICT_CONTENT: '1' });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('KB_STRICT_CONTENT is set, so content warnings fail the build');
  });
});
