import { describe, expect, test } from 'vitest';
import { MANIFEST_FILE, ManifestSchema } from '../../src/schemas/manifest.ts';
import type { Page } from 'playwright-core';
import { axeViolations } from '../helpers/browser.ts';
import { helpCenterInBrowser, searchHeader, type ContextOptions } from '../helpers/help-center-page.ts';

// The sample site's content/synonyms.json, content/pins.json and the aliases of its articles are what these find.
const helpCenter = helpCenterInBrowser();
let page: Page;

async function freshPage(options: ContextOptions = {}): Promise<Page> {
  return (page = await helpCenter.open(options));
}

/** Types `query` into the header search and waits for its answer (the footer names the query it answers). */
async function headerResults(query: string): Promise<{ titles: string[]; hrefs: (string | null)[] }> {
  await searchHeader(page, query);
  const options = page.locator('#header-search [role="option"]');
  const titles = await options.locator('.title').allTextContents();
  const hrefs = await Promise.all((await options.all()).map((o) => o.getAttribute('href')));
  return { titles, hrefs };
}

/** The text a reader sees on a page (hidden elements left out). */
const visibleText = async (path: string) => {
  await page.goto(path);
  return page.locator('body').innerText();
};

describe('synonyms', () => {
  test('a query with a synonym finds the article written with another word of its group, first', async () => {
    await freshPage();
    await page.goto('/');
    const { titles } = await headerResults('mfa');
    expect(titles[0]).toBe('Turn on two-factor authentication');
    expect(await visibleText('/articles/enable-two-factor-authentication/')).not.toMatch(/\bmfa\b/i);
  });

  test('a phrase with one word of the page and one of a synonym finds it', async () => {
    await freshPage();
    await page.goto('/');
    expect((await headerResults('credit memo')).titles[0]).toBe('Issue a credit note');
  });

  test('pages that use the reader’s own word rank above pages that only have it as a synonym', async () => {
    await freshPage();
    await page.goto('/');
    // Three pages say "client"; every page that says "customer" has it as a synonym.
    const { titles } = await headerResults('client');
    expect(titles.length).toBeGreaterThan(3);
    expect(titles.slice(0, 3).sort()).toEqual(
      ['Can I manage more than one business?', 'Compare Ledgerly plans', 'Invite your team and your accountant'].sort(),
    );
  });
});

describe('aliases', () => {
  test('a query matching an alias finds its article, though the alias is nowhere on the page', async () => {
    await freshPage();
    await page.goto('/');
    expect((await headerResults('odometer')).titles[0]).toBe('Track business mileage');
    expect(await visibleText('/articles/track-mileage/')).not.toMatch(/odometer/i);
  });
});

describe('titles', () => {
  test('an article ranks first for its title typed exactly', async () => {
    await freshPage();
    await page.goto('/');
    for (const title of ['Track business mileage', 'Payouts and payout schedule', 'Issue a credit note', 'Connect a bank account']) {
      expect((await headerResults(title)).titles[0]).toBe(title);
    }
  });
});

describe('pinned answers', () => {
  test('are loaded when the search is first used, not with the page', async () => {
    await freshPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto('/articles/reset-your-password/', { waitUntil: 'networkidle' });
    expect(requests).not.toContain('/search-pins.json');
    await headerResults('invoice');
    expect(requests.filter((r) => r === '/search-pins.json')).toHaveLength(1);
    await headerResults('money back');
    expect(requests.filter((r) => r === '/search-pins.json')).toHaveLength(1);
  });

  test('come first in the header search, marked Recommended in the option a screen reader announces, and only once', async () => {
    await freshPage();
    await page.goto('/');
    const { hrefs } = await headerResults('money back');
    expect(hrefs[0]).toBe('/articles/refund-a-payment/');
    expect(hrefs.filter((h) => h === '/articles/refund-a-payment/')).toHaveLength(1);
    const recommended = page.getByRole('option', { name: /Recommended/ });
    expect(await recommended.count()).toBe(1);
    expect(await recommended.getAttribute('href')).toBe('/articles/refund-a-payment/');
    expect(await recommended.getByText('Recommended', { exact: true }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('match a near-duplicate of a pinned query, and not a query that merely contains one', async () => {
    await freshPage();
    await page.goto('/');
    expect((await headerResults('Refunds')).hrefs[0]).toBe('/articles/refund-a-payment/');
    expect(await page.getByRole('option', { name: /Recommended/ }).count()).toBe(1);
    await headerResults('refund fees');
    expect(await page.getByRole('option', { name: /Recommended/ }).count()).toBe(0);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`come first on the results page, as a link named Recommended, and only once (${scheme} mode)`, async () => {
      await freshPage({ colorScheme: scheme });
      await page.goto('/search/?q=money%20back');
      await page.getByText(/\d+ results? for “money back”/).waitFor();
      const links = page.locator('.result-list a');
      expect(await links.first().getAttribute('href')).toBe('/articles/refund-a-payment/');
      expect(await page.getByRole('link', { name: 'Recommended Refund a payment' }).count()).toBe(1);
      expect(await page.locator('.result-list a[href="/articles/refund-a-payment/"]').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});

describe('the manifest', () => {
  test('lists the search terms the build serves, for the search report to tell when a gap closed', async () => {
    const manifest = ManifestSchema.parse(await (await fetch(`${helpCenter.url()}/${MANIFEST_FILE}`)).json());
    const terms = manifest.search_terms;
    expect(terms).toContainEqual({ kind: 'title', text: 'Track business mileage', article: 'track-mileage' });
    expect(terms).toContainEqual({ kind: 'alias', text: 'car expenses', article: 'track-mileage' });
    expect(terms).toContainEqual({ kind: 'pin', text: 'money back', article: 'refund-a-payment' });
    expect(terms).toContainEqual({ kind: 'synonym', text: 'chargeback', article: null });
  });
});
