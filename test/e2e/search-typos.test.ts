import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from '../helpers/browser.ts';
import { helpCenterInBrowser, headerSearchBox, searchHeader, type ContextOptions } from '../helpers/help-center-page.ts';

const helpCenter = helpCenterInBrowser();
let page: Page;
let pageErrors: string[];
let requests: string[];

async function freshPage(options: ContextOptions = {}): Promise<Page> {
  page = await helpCenter.open(options);
  pageErrors = [];
  requests = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  return page;
}

const headerSearch = () => headerSearchBox(page);
const headerNotice = () => page.locator('#header-search [data-search-correction]');
const summary = () => page.locator('[data-search-summary]', { hasText: /results? for|No articles match/ });
const firstTitle = () => page.locator('#header-search [role="option"] .title').first().textContent();
const search = (query: string) => searchHeader(page, query);

describe('the header search', () => {
  test('shows "Set up recurring invoices" first for "recuring invoce", saying what it searched', async () => {
    await freshPage();
    await page.goto('/');
    await search('recuring invoce');
    expect(await firstTitle()).toBe('Set up recurring invoices');
    expect(await headerNotice().isVisible()).toBe(true);
    expect(await headerNotice().textContent()).toBe('Showing results for recurring invoice — search instead for recuring invoce');
    expect(await headerNotice().locator('strong').textContent()).toBe('recurring invoice');
  });

  test('shows the password reset article first for "pasword reset"', async () => {
    await freshPage();
    await page.goto('/');
    await search('pasword reset');
    expect(await firstTitle()).toBe('Reset your password');
    expect(await headerNotice().locator('strong').textContent()).toBe('password reset');
  });

  test('searches the words as typed, uncorrected, from "search instead for"', async () => {
    await freshPage();
    await page.goto('/');
    await search('recuring invoce');
    await Promise.all([page.waitForURL('**/search/?**'), headerNotice().getByRole('link', { name: 'recuring invoce' }).click()]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('recuring invoce');
    await page.getByText(/(\d+ results? for|No articles match) “recuring invoce”/).waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search terms' }).inputValue()).toBe('recuring invoce');
    expect(await page.locator('[data-search-page-correction]').isVisible()).toBe(false);
  });

  test('changes nothing for a query typed correctly', async () => {
    await freshPage();
    await page.goto('/');
    await search('recurring invoices');
    expect(await firstTitle()).toBe('Set up recurring invoices');
    expect(await headerNotice().isVisible()).toBe(false);
  });

  test('records the query as typed with what it found, and apart the correction whose results it shows', async () => {
    await freshPage();
    await page.goto('/');
    await page.evaluate(() => {
      const w = window as unknown as { settled: unknown[] };
      w.settled = [];
      document.addEventListener('kb:search-settled', (e) => w.settled.push((e as CustomEvent).detail));
    });
    await search('recuring invoce');
    // A search settles after a pause.
    await page.waitForFunction(() => (window as unknown as { settled: unknown[] }).settled.length > 0);
    const settled = await page.evaluate(() => (window as unknown as { settled: unknown[] }).settled);
    // What Pagefind itself finds for the words as typed (evaluated as text: the test runner would rewrite an import()).
    const typedResults = await page.evaluate<number>(
      "import('/pagefind/pagefind.js').then((p) => p.search('recuring invoce')).then((r) => r.results.length)",
    );
    expect(settled).toEqual([
      { query: 'recuring invoce', results: typedResults, corrected: { query: 'recurring invoice', results: expect.any(Number) } },
    ]);
    // What the reader saw: the corrected query's results.
    expect((settled[0] as { corrected: { results: number } }).corrected.results).toBeGreaterThan(0);
  });

  test('corrects a Russian query with the Russian pages’ words only', async () => {
    await freshPage();
    await page.goto('/');
    await search('банковскй счёт');
    expect(await page.locator('#header-search [role="option"]').first().getAttribute('href')).toMatch(/\/articles\/ru-/);
    expect(await headerNotice().locator('strong').textContent()).toBe('банковский счёт');
    const vocabulary = requests.filter((path) => path.startsWith('/search-words/'));
    expect(vocabulary.length).toBeGreaterThan(0);
    expect(vocabulary.every((path) => path.startsWith('/search-words/ru/'))).toBe(true);
  });

  test('stays usable after a 1,000-character query and a query of punctuation only, with no page error', async () => {
    await freshPage();
    await page.goto('/');
    await search('recuring invoce 🙂 счёт x '.repeat(40).slice(0, 1000));
    await search('?!.,;:"()');
    await search('a');
    await search('reset password');
    expect(await firstTitle()).toBe('Reset your password');
    expect(pageErrors).toEqual([]);
  });
});

describe('the results page', () => {
  test('shows the corrected results for /search/?q=recuring%20invoce with the same line', async () => {
    await freshPage();
    await page.goto('/search/?q=recuring%20invoce');
    await page.getByText(/\d+ results? for “recurring invoice”/).waitFor();
    expect(await page.locator('.result-list a').first().textContent()).toBe('Set up recurring invoices');
    const notice = page.locator('[data-search-page-correction]');
    expect(await notice.textContent()).toBe('Showing results for recurring invoice — search instead for recuring invoce');
  });

  test('answers a 1,000-character query and a query of punctuation only without a page error', async () => {
    await freshPage();
    await page.goto(`/search/?q=${encodeURIComponent('pasword reset '.repeat(72).slice(0, 1000))}`);
    await summary().waitFor();
    await page.goto(`/search/?q=${encodeURIComponent('?!.,;:')}`);
    await summary().waitFor();
    expect(pageErrors).toEqual([]);
  });
});

describe('page weight', () => {
  test('an article page loads no vocabulary until a search is typed', async () => {
    await freshPage();
    await page.goto('/articles/reset-your-password/', { waitUntil: 'networkidle' });
    await headerSearch().focus();
    await page.waitForLoadState('networkidle');
    expect(requests.filter((path) => path.startsWith('/search-words/'))).toEqual([]);
    await search('recuring invoce');
    expect(requests).toContain('/search-words/en/index.json');
    expect(requests.filter((path) => path.startsWith('/search-words/') && !path.startsWith('/search-words/en/'))).toEqual([]);
  });
});

describe('accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`axe-core finds no violations in corrected results, in the header search and on the results page, in ${scheme} mode`, async () => {
      await freshPage({ colorScheme: scheme });
      await page.goto('/');
      await search('recuring invoce');
      await headerNotice().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.goto('/search/?q=recuring%20invoce');
      await page.locator('[data-search-page-correction]').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});
