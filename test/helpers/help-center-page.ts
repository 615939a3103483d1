/**
 * The sample help center served for one test file, with a browser on it: `open()` gives a page in a new context
 * (closing the previous one), and `searchHeader()` types into the header search and waits for its answer.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { sampleSite } from './sample-site.ts';
import { serveSite, type RunningSite } from './site-build.ts';

export type ContextOptions = Parameters<Browser['newContext']>[0];

export function helpCenterInBrowser(): { url: () => string; open: (options?: ContextOptions) => Promise<Page> } {
  let site: RunningSite;
  let browser: Browser;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    site = await serveSite(sampleSite());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });
  return {
    url: () => site.url,
    async open(options = {}) {
      await context?.close();
      context = await browser.newContext({ baseURL: site.url, ...options });
      return context.newPage();
    },
  };
}

export const headerSearchBox = (page: Page) => page.getByRole('combobox', { name: 'Search the help center' });

/**
 * Types `query` into the header search and waits until its dropdown answers that query, as the box holds it (cut to
 * its length, trimmed): the footer names the query it answers, with results or without.
 */
export async function searchHeader(page: Page, query: string): Promise<void> {
  await headerSearchBox(page).fill(query);
  const typed = (await headerSearchBox(page).inputValue()).trim();
  await page.waitForFunction((q) => {
    const footer = document.querySelector('#header-search [data-search-footer]');
    return footer?.innerHTML.includes(`?q=${encodeURIComponent(q)}"`) || footer?.textContent?.includes(`“${q}”`);
  }, typed);
}
