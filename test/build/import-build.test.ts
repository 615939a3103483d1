import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, ROOT, scratchDir, type BuildResult } from '../helpers/site-build.ts';

const page = (dist: string, path: string) => readFileSync(join(dist, 'client', path, 'index.html'), 'utf8');

/** The highlighted code blocks of a page: the language Astro's highlighter was given, and the text without its markup. */
const codeBlocks = (html: string) =>
  [...html.matchAll(/<pre[^>]*data-language="([^"]*)"[^>]*>([\s\S]*?)<\/pre>/g)].map(([, language, code]) => ({
    language,
    text: code!.replace(/<[^>]+>/g, ''),
  }));

/** Links to /articles/… and /categories/… on the article pages that lead to no page of the build. */
function brokenSiteLinks(dist: string): string[] {
  const client = join(dist, 'client');
  const broken = new Set<string>();
  for (const slug of readdirSync(join(client, 'articles'))) {
    for (const [, href] of page(dist, `articles/${slug}`).matchAll(/href="(\/(?:articles|categories)\/[^"#?]*)/g)) {
      if (!existsSync(join(client, href!, 'index.html'))) broken.add(href!);
    }
  }
  return [...broken].sort();
}

/** Imports a fixture export into a fresh content folder with `npm run import`, then builds that folder. */
function importAndBuild(provider: string, fixture: string): BuildResult {
  const dir = scratchDir(`import-${provider}`);
  const content = join(dir, 'content');
  const imported = spawnSync(process.execPath, ['src/cli/import.ts', provider, join('test/fixtures/imports', fixture), '--to', content], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (imported.status !== 0) throw new Error(`the import failed:\n${imported.stderr}`);
  return buildSite(content, dir);
}

describe('building a help center imported from Zendesk', () => {
  let build: BuildResult;
  beforeAll(() => {
    build = importAndBuild('zendesk', 'zendesk-export.json');
  });

  test('succeeds without edits to the imported files', () => {
    expect(build.output).toContain('Complete!');
    expect(build.status).toBe(0);
  });

  test('renders a converted article with its table and code block', () => {
    const csv = page(build.dist, 'articles/import-orders-from-a-csv-file');
    expect(csv).toMatch(/<table>\s*<thead>\s*<tr>\s*<th>Column<\/th>/);
    expect(csv).toContain('<td><code>order_number</code></td>');
    expect(codeBlocks(csv)).toEqual([{ language: 'plaintext', text: expect.stringContaining('order_number,name,address1,city') }]);
    expect(codeBlocks(page(build.dist, 'articles/connect-a-woocommerce-store'))).toEqual([
      { language: 'bash', text: expect.stringContaining('wp plugin install parcelpoint-shipping --activate\n') },
    ]);
  });

  test('renders callouts and the text MDX had to escape', () => {
    const shopify = page(build.dist, 'articles/connect-a-shopify-store');
    expect(shopify).toContain('<aside class="callout callout-warning" aria-label="Warning">');
    expect(shopify).toContain('<strong>Disconnecting removes unshipped orders.</strong>');
    const order = page(build.dist, 'articles/print-the-order-on-your-labels');
    expect(order).toContain('<aside class="callout callout-tip" aria-label="Tip">');
    expect(order).toContain('for example {{order.number}} for the order number');
    expect(order).toContain('labels &lt; 4 × 6 inches');
  });

  test('redirects the old Zendesk addresses to the new pages', () => {
    expect(page(build.dist, 'hc/en-us/articles/4404033456706-Connect-a-Shopify-store')).toContain('url=/articles/connect-a-shopify-store/');
    expect(page(build.dist, 'hc/fr/articles/4404033456726-Expédier-vers-le-Canada')).toContain('url=/articles/expedier-vers-le-canada/');
  });

  test('files the articles under the categories of the export', () => {
    expect(page(build.dist, 'articles/fill-in-a-customs-declaration')).toContain(
      '<a href="/categories/shipping-and-labels/">Shipping and labels</a>',
    );
  });

  test('leaves the drafts unpublished', () => {
    expect(existsSync(join(build.dist, 'client/articles/schedule-a-pickup/index.html'))).toBe(false);
    expect(existsSync(join(build.dist, 'client/articles/remove-a-team-member/index.html'))).toBe(false);
  });

  test('makes every rewritten link lead to a page the build made, but the one to a draft', () => {
    expect(['/articles/remove-a-team-member/']).toEqual(expect.arrayContaining(brokenSiteLinks(build.dist)));
  });
});

describe('building a help center imported from Intercom', () => {
  let build: BuildResult;
  beforeAll(() => {
    build = importAndBuild('intercom', 'intercom-export.json');
  });

  test('succeeds without edits to the imported files', () => {
    expect(build.output).toContain('Complete!');
    expect(build.status).toBe(0);
  });

  test('renders a converted article with its table, and a callout', () => {
    expect(page(build.dist, 'articles/keyboard-shortcuts')).toMatch(/<th><strong>Action<\/strong><\/th>/);
    expect(page(build.dist, 'articles/import-notes-from-evernote')).toContain(
      '<aside class="callout callout-warning" aria-label="Warning">',
    );
  });

  test('makes every rewritten link lead to a page the build made', () => {
    expect(brokenSiteLinks(build.dist)).toEqual([]);
  });

  test('redirects the old Intercom address to the new page', () => {
    expect(page(build.dist, 'en/articles/8123405-sync-conflicts-which-version-wins')).toContain(
      'url=/articles/sync-conflicts-which-version-wins/',
    );
  });
});
