/**
 * Content folders as Jekyll, Hugo and Docusaurus help sites have them (test/fixtures/imports/) build without edits:
 * template and section files are skipped, missing titles and clashing slugs get fallbacks, old addresses redirect, and
 * what Lantern cannot use is kept as text with a warning naming the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, scratchDir, ROOT, type BuildResult } from '../helpers/site-build.ts';

const BUILD_TIMEOUT = 240_000;
const fixture = (name: string) => join(ROOT, 'test/fixtures/imports', name);
const hasPage = (dist: string, path: string) => existsSync(join(dist, 'client', path, 'index.html'));
const page = (dist: string, path: string) => readFileSync(join(dist, 'client', path, 'index.html'), 'utf8');
const titleTag = (title: string) => `<title>${title} · Help Center</title>`;

function publishedSlugs(dist: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dist, 'client/kb-manifest.json'), 'utf8'));
  return Object.keys(manifest.articles).sort();
}

/** The slugs a category page lists, in the order it lists them. */
function listedSlugs(dist: string, category: string): string[] {
  const list = /<ul class="doc-list"[^>]*>([\s\S]*?)<\/ul>/.exec(page(dist, `categories/${category}`))?.[1] ?? '';
  return [...list.matchAll(/href="\/articles\/([^/"]+)\/"/g)].map((m) => m[1]!);
}

/**
 * Expects a warning about a file: a line of the output naming it (`…/articles/<path>`) that contains every needle, read
 * together with the heading of its group (the nearest line above it that names no file), as warnings may be listed by
 * kind.
 */
function expectWarning(output: string, path: string, ...needles: (string | RegExp)[]): void {
  const lines = output.split('\n');
  const naming: string[] = [];
  const found = lines.some((line, i) => {
    if (!line.includes(`articles/${path}`)) return false;
    naming.push(line);
    let j = i - 1;
    while (j >= 0 && lines[j]!.includes('articles/')) j--;
    const text = `${j >= 0 ? lines[j] : ''}\n${line}`;
    return needles.every((n) => (typeof n === 'string' ? text.includes(n) : n.test(text)));
  });
  expect(found, `no warning names articles/${path} with ${needles.join(', ')}; lines naming it:\n${naming.join('\n')}`).toBe(true);
}

function expectRedirect(dist: string, from: string, to: string): void {
  expect(hasPage(dist, from), `no redirect page at /${from}/`).toBe(true);
  expect(page(dist, from)).toContain(`content="0;url=${to}"`);
}

function expectStrictFailure(name: string, files: string[]): void {
  const result = buildSite(fixture(name), scratchDir(`import-${name}-strict`), { KB_STRICT_CONTENT: '1' });
  expect(result.status).not.toBe(0);
  const lines = result.output.split('\n');
  for (const file of files) {
    expect(result.output).toContain(`articles/${file}`);
    // One message per file: no two lines start with the same file.
    const starting = lines.filter((line) => line.trimStart().split(/[:\s]/)[0]!.endsWith(`articles/${file}`));
    expect(starting.length, `lines starting with articles/${file}`).toBeLessThanOrEqual(1);
  }
}

describe('building a Jekyll help site as it is', () => {
  let build: BuildResult;
  beforeAll(() => {
    build = buildSite(fixture('jekyll'), scratchDir('import-jekyll'));
  }, BUILD_TIMEOUT);

  // Files whose page needed a fallback: a title from a heading or the file name, Liquid tags kept as text.
  const WARNED = [
    'privacy/data-export.md',
    'privacy/encryption.md',
    'privacy/tracking.md',
    'account/change-email.md',
    'account/two-factor-backup-codes.md',
  ];

  test('succeeds without edits to the files and ends with a summary of the warnings', () => {
    expect(build.output).toContain('Complete!');
    expect(build.status).toBe(0);
    expect(build.output).toMatch(/content warning/);
  });

  test('publishes every page but the template, the include and the redirect stubs', () => {
    expect(publishedSlugs(build.dist)).toEqual([
      'change-email',
      'data-export',
      'delete-account',
      'encryption',
      'invoices',
      'notification-emails',
      'private-sharing',
      'search-history',
      'tracking',
      'two-factor-backup-codes',
    ]);
    for (const slug of ['defaults', 'category-footer-nav', 'old-faq', 'encryption-101', 'close-account']) {
      expect(hasPage(build.dist, `articles/${slug}`), slug).toBe(false);
    }
  });

  test('takes the slug from the file name, not from the permalink', () => {
    expect(page(build.dist, 'articles/encryption')).toContain(titleTag('How your notes are encrypted'));
    expect(page(build.dist, 'articles/delete-account')).toContain(titleTag('Delete your account'));
  });

  test('shows a category written as a name under that name, at its slugified id', () => {
    expect(page(build.dist, 'articles/encryption')).toContain('<a href="/categories/privacy-guides/">Privacy Guides</a>');
    expect(page(build.dist, 'articles/change-email')).toContain('<a href="/categories/account-settings/">Account Settings</a>');
    expect(page(build.dist, 'categories/privacy-guides')).toContain(titleTag('Privacy Guides'));
    expect(listedSlugs(build.dist, 'privacy-guides').sort()).toEqual([
      'data-export',
      'encryption',
      'private-sharing',
      'search-history',
      'tracking',
    ]);
    expect(hasPage(build.dist, 'categories/privacy')).toBe(false);
  });

  test('files a page with a Jekyll categories list and no category under billing', () => {
    expect(page(build.dist, 'articles/invoices')).toContain('<a href="/categories/billing/">');
  });

  test('takes a missing title from the first heading, ahead of nav_title', () => {
    expect(page(build.dist, 'articles/data-export')).toContain(titleTag('Exporting your data'));
  });

  test('takes the file name as the title of a page with no title, heading or nav_title', () => {
    const html = page(build.dist, 'articles/two-factor-backup-codes');
    expect(html).toContain(titleTag('two-factor-backup-codes'));
    expect(html).toMatch(/<h1[^>]*>two-factor-backup-codes<\/h1>/);
  });

  test('shows Liquid tags as text on the page', () => {
    expect(page(build.dist, 'articles/data-export')).toContain('{% include category-footer-nav.md %}');
    expect(page(build.dist, 'articles/change-email')).toContain('{% include category-footer-nav.md %}');
    expect(page(build.dist, 'articles/encryption')).toContain('{{ site.title }}');
    const tracking = page(build.dist, 'articles/tracking');
    expect(tracking).toContain('{% raw %}');
    expect(tracking).toContain('{% endraw %}');
  });

  test('redirects the old permalink and the redirect_from paths, string or list, to the article', () => {
    expectRedirect(build.dist, 'privacy/encryption', '/articles/encryption/');
    expectRedirect(build.dist, 'old/encryption-basics', '/articles/encryption/');
    expectRedirect(build.dist, 'sharing/private-links', '/articles/private-sharing/');
    expectRedirect(build.dist, 'help/share-privately', '/articles/private-sharing/');
    expectRedirect(build.dist, 'account/close', '/articles/delete-account/');
  });

  test('turns each redirect stub into a redirect from its permalink, following an old permalink to its article', () => {
    expectRedirect(build.dist, 'faq', '/');
    expectRedirect(build.dist, 'encryption-101', '/articles/encryption/');
    expectRedirect(build.dist, 'account/cancel', '/articles/delete-account/');
  });

  test('warns about a title taken from a heading or the file name, naming the file', () => {
    expectWarning(build.output, 'privacy/data-export.md', /title|heading/i);
    expectWarning(build.output, 'account/two-factor-backup-codes.md', /title|file name/i);
  });

  test('warns about Liquid tags kept as text, naming the file and the tag', () => {
    expectWarning(build.output, 'privacy/data-export.md', '{% include category-footer-nav.md %}');
    expectWarning(build.output, 'account/change-email.md', '{% include category-footer-nav.md %}');
    expectWarning(build.output, 'privacy/encryption.md', '{{ site.title }}');
    expectWarning(build.output, 'privacy/tracking.md', '{% raw %}');
  });

  test(
    'fails under KB_STRICT_CONTENT, naming each file that has a warning',
    () => {
      expectStrictFailure('jekyll', WARNED);
    },
    BUILD_TIMEOUT,
  );
});

describe('building a Hugo help site as it is', () => {
  let build: BuildResult;
  beforeAll(() => {
    build = buildSite(fixture('hugo'), scratchDir('import-hugo'));
  }, BUILD_TIMEOUT);

  // Files with a warning: a type that is not Lantern's, a shortcode kept as text, a slug made unique.
  const WARNED = [
    'getting-started/install.md',
    'getting-started/second-device.md',
    'getting-started/choose-folders.md',
    'reference/keyboard-shortcuts.md',
    'android/troubleshooting.md',
    'ios/troubleshooting.md',
  ];

  test('succeeds without edits to the files and ends with a summary of the warnings', () => {
    expect(build.output).toContain('Complete!');
    expect(build.status).toBe(0);
    expect(build.output).toMatch(/content warning/);
  });

  test('publishes every page but the _index.md section files and the draft', () => {
    expect(publishedSlugs(build.dist)).toEqual([
      'android-troubleshooting',
      'choose-folders',
      'install',
      'ios-troubleshooting',
      'keyboard-shortcuts',
      'second-device',
    ]);
    expect(hasPage(build.dist, 'articles/index')).toBe(false);
    expect(hasPage(build.dist, 'articles/shared-links-beta')).toBe(false);
  });

  test('publishes two files named troubleshooting.md under their folder names', () => {
    expect(page(build.dist, 'articles/android-troubleshooting')).toContain(titleTag('Fix sync problems on Android'));
    expect(page(build.dist, 'articles/ios-troubleshooting')).toContain(titleTag('Fix sync problems on iOS'));
    expect(hasPage(build.dist, 'articles/troubleshooting')).toBe(false);
  });

  test('lists the articles of a folder by weight, not by title', () => {
    expect(listedSlugs(build.dist, 'getting-started')).toEqual(['install', 'second-device', 'choose-folders']);
  });

  test('redirects every alias to the article', () => {
    expectRedirect(build.dist, 'docs/old-install', '/articles/install/');
    expectRedirect(build.dist, 'install.html', '/articles/install/');
  });

  test('shows shortcodes as text on the page', () => {
    expect(page(build.dist, 'articles/second-device')).toMatch(/\{\{&lt; figure src=.{0,8}\/img\/a\.png.{0,8} &gt;\}\}/);
    const folders = page(build.dist, 'articles/choose-folders');
    expect(folders).toContain('{{% notice tip %}}');
    expect(folders).toContain('{{% /notice %}}');
  });

  test('takes the updated date from lastmod', () => {
    expect(page(build.dist, 'articles/install')).toContain('<time datetime="2026-03-04">');
    expect(page(build.dist, 'articles/keyboard-shortcuts')).toContain('<time datetime="2026-03-04">');
  });

  test('ignores a type that is not a Lantern type and shows the page as a how-to', () => {
    expect(page(build.dist, 'articles/install')).toMatch(/<li[^>]*>How-to<\/li>/);
    expect(page(build.dist, 'articles/keyboard-shortcuts')).toMatch(/<li[^>]*>How-to<\/li>/);
  });

  test('warns about the ignored type, naming the file', () => {
    for (const file of ['getting-started/install.md', 'getting-started/second-device.md', 'reference/keyboard-shortcuts.md']) {
      expectWarning(build.output, file, /\bdocs\b|type/i);
    }
  });

  test('warns about the slugs made unique, naming both troubleshooting.md files', () => {
    expect(build.output).toMatch(
      /android\/troubleshooting\.md[\s\S]*ios\/troubleshooting\.md|ios\/troubleshooting\.md[\s\S]*android\/troubleshooting\.md/,
    );
    expectWarning(build.output, 'android/troubleshooting.md', /slug/i);
    expectWarning(build.output, 'ios/troubleshooting.md', /slug/i);
  });

  test('warns about shortcodes kept as text, naming the file and the shortcode', () => {
    expectWarning(build.output, 'getting-started/second-device.md', '{{< figure src="/img/a.png" >}}');
    expectWarning(build.output, 'getting-started/choose-folders.md', '{{% notice tip %}}');
  });

  test(
    'fails under KB_STRICT_CONTENT, naming each file that has a warning',
    () => {
      expectStrictFailure('hugo', WARNED);
    },
    BUILD_TIMEOUT,
  );
});

describe('building a Docusaurus help site as it is', () => {
  let build: BuildResult;
  beforeAll(() => {
    build = buildSite(fixture('docusaurus'), scratchDir('import-docusaurus'));
  }, BUILD_TIMEOUT);

  // Files with a warning: slugs made unique, a title taken from sidebar_label.
  const WARNED = ['basics/intro.md', 'proxmox/pct-move-volume.md', 'proxmox/pct-move_volume.md', 'configuration/setup.md'];

  test('succeeds without edits to the files and ends with a summary of the warnings', () => {
    expect(build.output).toContain('Complete!');
    expect(build.status).toBe(0);
    expect(build.output).toMatch(/content warning/);
  });

  test('publishes every page, Markdown and MDX, under its expected slug', () => {
    expect(publishedSlugs(build.dist)).toEqual([
      'basics-intro',
      'installation',
      'intro',
      'pause',
      'pct-move-volume-2',
      'percent-encoding',
      'proxmox-pct-move-volume',
      'retention-policies',
      'retries',
      'schedule',
      'setup',
    ]);
    expect(page(build.dist, 'articles/pause')).toContain('Pause a job during maintenance');
  });

  test('takes the slug from the id', () => {
    expect(page(build.dist, 'articles/retention-policies')).toContain(titleTag('How long backups are kept'));
    expect(hasPage(build.dist, 'articles/retention')).toBe(false);
  });

  test('keeps an explicit slug and gives the other intro.md its folder as a prefix', () => {
    expect(page(build.dist, 'articles/intro')).toContain(titleTag('Welcome to Quarry'));
    expect(page(build.dist, 'articles/basics-intro')).toContain(titleTag('Backup basics'));
  });

  test('takes the slug from the file name and redirects a path-like slug to the article', () => {
    expect(page(build.dist, 'articles/installation')).toContain(titleTag('Install Quarry on a server'));
    expectRedirect(build.dist, 'guides/getting-started', '/articles/installation/');
  });

  test('numbers the second of two file names that differ only by punctuation', () => {
    expect(page(build.dist, 'articles/proxmox-pct-move-volume')).toContain(titleTag('Move a container volume'));
    expect(page(build.dist, 'articles/pct-move-volume-2')).toContain(titleTag('Move a volume between storages (older releases)'));
    expect(hasPage(build.dist, 'articles/pct-move-volume')).toBe(false);
  });

  test('takes the slug from the title when the file name has no letters or digits', () => {
    expect(page(build.dist, 'articles/percent-encoding')).toContain(titleTag('Percent encoding'));
  });

  test('takes sidebar_label as the title of a page with no title or heading', () => {
    expect(page(build.dist, 'articles/setup')).toContain(titleTag('Setup'));
  });

  test('shows a category written as a name under that name, at its slugified id', () => {
    expect(page(build.dist, 'articles/intro')).toContain('<a href="/categories/getting-started/">Getting Started</a>');
    expect(page(build.dist, 'articles/installation')).toContain('<a href="/categories/getting-started/">Getting Started</a>');
    expect(hasPage(build.dist, 'categories/start')).toBe(false);
  });

  test('lists the articles of a folder by sidebar_position, not by title', () => {
    expect(listedSlugs(build.dist, 'scheduling')).toEqual(['schedule', 'pause', 'retries']);
    expect(listedSlugs(build.dist, 'getting-started')).toEqual(['intro', 'installation']);
  });

  test('warns about the slugs made unique, naming both pct-move files', () => {
    expect(build.output).toMatch(/pct-move-volume\.md[\s\S]*pct-move_volume\.md|pct-move_volume\.md[\s\S]*pct-move-volume\.md/);
    expectWarning(build.output, 'proxmox/pct-move-volume.md', /slug/i);
    expectWarning(build.output, 'proxmox/pct-move_volume.md', /slug/i);
    expectWarning(build.output, 'basics/intro.md', /slug/i);
  });

  test('warns about a title taken from sidebar_label, naming the file', () => {
    expectWarning(build.output, 'configuration/setup.md', /title|label/i);
  });

  test(
    'fails under KB_STRICT_CONTENT, naming each file that has a warning',
    () => {
      expectStrictFailure('docusaurus', WARNED);
    },
    BUILD_TIMEOUT,
  );
});
