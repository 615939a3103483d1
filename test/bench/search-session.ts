/**
 * One reader's search session in Chromium: types queries into a site's search box like a person (key by key), and for
 * each one measures the time from the last keystroke to the results painted, and the bytes fetched meanwhile (as
 * transferred, so gzip and Pagefind's own compression count as sent).
 */
import type { Browser, Page, Request } from 'playwright-core';

export interface QueryTiming {
  query: string;
  /** Last keystroke → results for this query in the DOM and a frame painted after them. */
  ms: number;
  /**
   * Bytes received (headers and bodies as transferred) from the first keystroke until the network was idle after the
   * results.
   */
  bytes: number;
  /** Of `bytes`: Pagefind's word-index chunks (`pagefind/index/`), which hold the postings of the query's words. */
  indexBytes: number;
  /** Of `bytes`: Pagefind's per-page fragments (`pagefind/fragment/`), one per result shown. */
  fragmentBytes: number;
  results: number;
}

export interface SearchUi {
  /**
   * Makes the search box ready to type in (opens a dialog, focuses a field); runs before the first query's bytes are
   * counted.
   */
  open(page: Page): Promise<void>;
  input: string;
  /** The container whose changes show new results. */
  results: string;
  /** Runs in the page: the number of results shown when the container shows those of `query`, else null. */
  done: (query: string) => number | null;
  /** The site's own wait between a keystroke and searching. */
  debounceMs: number;
}

const TYPING_DELAY_MS = 45;
const IDLE_MS = 250;
const RESULTS_TIMEOUT_MS = 20_000;
const MAX_IDLE_WAIT_MS = 5000;

/** Resolves, in the page, when `done(query)` first holds, with the time a frame after it was painted. */
function armWatch(page: Page, ui: SearchUi, query: string): Promise<{ painted: number; lastKey: number; results: number }> {
  return page.evaluate(
    ([selector, doneSource, q]) =>
      new Promise((resolve) => {
        const done = new Function(`return (${doneSource})`)() as (query: string) => number | null;
        const w = window as unknown as { __lastKey: number };
        const check = (observer?: MutationObserver) => {
          const results = done(q);
          if (results === null) return false;
          observer?.disconnect();
          // rAF runs before the frame is painted; a task queued from it runs after.
          requestAnimationFrame(() => setTimeout(() => resolve({ painted: performance.now(), lastKey: w.__lastKey, results })));
          return true;
        };
        const observer = new MutationObserver(() => check(observer));
        observer.observe(document.querySelector(selector)!, { childList: true, subtree: true, characterData: true, attributes: true });
      }),
    [ui.results, ui.done.toString(), query] as const,
  );
}

export async function searchSession(browser: Browser, articleUrl: string, ui: SearchUi, queries: string[]): Promise<QueryTiming[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  let bytes = 0;
  let indexBytes = 0;
  let fragmentBytes = 0;
  const inFlight = new Set<Request>();
  let lastActivity = performance.now();
  // Playwright reports the requests of the page's workers too: Pagefind fetches its index from a web worker.
  const counts = (request: Request) => {
    const url = new URL(request.url());
    // Only what the search loads over HTTP: the tracker's event posts (and data: URLs) are not search traffic.
    return request.method() === 'GET' && url.protocol.startsWith('http') && !url.pathname.startsWith('/api/');
  };
  page.on('request', (request) => {
    if (!counts(request)) return;
    inFlight.add(request);
    lastActivity = performance.now();
  });
  page.on('requestfinished', async (request) => {
    if (!inFlight.has(request)) return;
    // Sizes as transferred: headers and the (gzip or Pagefind-compressed) body.
    const sizes = await request.sizes();
    const size = sizes.responseHeadersSize + sizes.responseBodySize;
    const path = new URL(request.url()).pathname;
    bytes += size;
    if (path.includes('/pagefind/index/')) indexBytes += size;
    else if (path.includes('/pagefind/fragment/')) fragmentBytes += size;
    inFlight.delete(request);
    lastActivity = performance.now();
  });
  page.on('requestfailed', (request) => {
    if (inFlight.delete(request)) lastActivity = performance.now();
  });
  const networkIdle = async () => {
    const started = performance.now();
    while ((inFlight.size || performance.now() - lastActivity < IDLE_MS) && performance.now() - started < MAX_IDLE_WAIT_MS)
      await new Promise((r) => setTimeout(r, 50));
  };
  try {
    await page.goto(articleUrl, { waitUntil: 'load' });
    await page.evaluate(() =>
      document.addEventListener('keydown', () => ((window as unknown as { __lastKey: number }).__lastKey = performance.now()), true),
    );
    const out: QueryTiming[] = [];
    for (const [i, query] of queries.entries()) {
      await networkIdle();
      bytes = indexBytes = fragmentBytes = 0;
      if (i === 0) await ui.open(page);
      const input = page.locator(ui.input);
      if (i > 0) {
        // A new search starts from an empty box, as after reading the last results; its clearing is not measured.
        await input.fill('');
        await page.waitForTimeout(ui.debounceMs + 100);
        await networkIdle();
        bytes = indexBytes = fragmentBytes = 0;
      }
      const watch = armWatch(page, ui, query);
      await input.pressSequentially(query, { delay: TYPING_DELAY_MS });
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no results for "${query}" after ${RESULTS_TIMEOUT_MS / 1000} s`)), RESULTS_TIMEOUT_MS).unref(),
      );
      const { painted, lastKey, results } = await Promise.race([watch, timeout]).catch(async (error: Error) => {
        throw new Error(`${error.message}; the results container holds: ${(await page.locator(ui.results).innerHTML()).slice(0, 2000)}`);
      });
      await networkIdle();
      out.push({ query, ms: painted - lastKey, bytes, indexBytes, fragmentBytes, results });
    }
    return out;
  } finally {
    await context.close();
  }
}
