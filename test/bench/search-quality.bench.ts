/**
 * Search quality: does a reader find the article they want? Known-item queries (test/bench/known-item-queries.ts) for a
 * sample of articles of the sample site and of the generated 1,000- and 10,000-article builds, asked in Chromium of
 * Lantern's header search and of plain Pagefind on the same index in the same page: success@1, success@5 and MRR per
 * form; then, on the 1,000-article build, the time and bytes of a misspelt query beside the same words spelt right.
 * `--quick` uses the sample site and the 100-article build, 15 articles each.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Random } from '../../src/demo/random.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { buildSite, ROOT } from '../helpers/site-build.ts';
import { fmt, markdownTable, textTable } from './bench-format.ts';
import { percentile } from './bench-timing.ts';
import { articlesFor, ensureBuilt } from './bench-sites.ts';
import { knownItemQueries, QUERY_FORMS, rankScores, type KnownItemQuery, type QueryForm } from './known-item-queries.ts';
import { describeMachine, machineLine } from './machine.ts';
import type { Benchmark, BenchOptions, BenchResult } from './run.ts';
import { searchSession, type QueryTiming, type SearchUi } from './search-session.ts';
import { serveStatic } from './static-server.ts';

const TARGET = { typoAt5: 0.8, typoRatio: 4, extraKB: 30, ms: 300 };
const SEED = 20261206;

type Engine = 'lantern' | 'pagefind';
interface Answer extends KnownItemQuery {
  engine: Engine;
  ranked: (string | null)[];
}

const slugOf = (url: string) => /\/(?:articles|tutorials)\/([^/]+)\/?$/.exec(new URL(url, 'http://x').pathname)?.[1] ?? null;

/** The sample site (content/) built once for this benchmark, and its articles from the build's manifest. */
function sampleSite(log: (line: string) => void): { site: string; articles: { slug: string; title: string }[] } {
  const dir = join(ROOT, '.test-builds', 'bench-quality-sample');
  log('building the sample site');
  const built = buildSite(join(ROOT, 'content'), dir);
  if (built.status !== 0) throw new Error(`the sample site did not build:\n${built.output.slice(-2000)}`);
  const manifest = JSON.parse(readFileSync(join(built.dist, 'client/kb-manifest.json'), 'utf8')) as {
    articles: Record<string, { title: string }>;
  };
  return { site: join(built.dist, 'client'), articles: Object.entries(manifest.articles).map(([slug, a]) => ({ slug, title: a.title })) };
}

function siteSynonyms(): string[][] {
  const file = join(ROOT, 'content', 'synonyms.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[][]) : [];
}

/** In the page: whether the header search shows the answer to `query` (the number of options it lists), else null. */
function answers(query: string): number | null {
  const box = document.querySelector('#header-search');
  const footer = box?.querySelector('[data-search-footer]');
  const correction = box?.querySelector('[data-search-correction]');
  const named =
    footer?.innerHTML.includes(`?q=${encodeURIComponent(query)}"`) ||
    footer?.textContent?.includes(`“${query}”`) ||
    correction?.innerHTML.includes(encodeURIComponent(query));
  return box && named ? box.querySelectorAll('[role="option"]').length : null;
}

/** Lantern's header search, as a reader uses it: the box cleared, the query typed in, the options it lists. */
async function askLantern(page: Page, query: string): Promise<(string | null)[]> {
  const input = page.locator('#header-search-input');
  await input.fill('');
  await page.waitForTimeout(250);
  await input.fill(query);
  // Answered once the dropdown names this query: its footer, or the correction line's "search instead for" (result
  // titles and excerpts may hold the words of the next query too).
  const answered = await page.waitForFunction(answers, query, { timeout: 20_000 }).catch(() => null);
  if (!answered) {
    const shown = (await page.locator('#header-search').innerHTML()).slice(0, 600);
    throw new Error(`the header search did not answer "${query}" within 20 s; it shows: ${shown}`);
  }
  return page.$$eval('#header-search [role="option"]', (options) => options.map((o) => o.getAttribute('data-slug') || null));
}

/** Plain Pagefind on the same index: the query as typed, its default ranking. */
async function askPagefind(page: Page, query: string): Promise<(string | null)[]> {
  const urls = await page.evaluate(async (q) => {
    const module = '/pagefind/pagefind.js';
    const pagefind = (await import(/* @vite-ignore */ module)) as {
      search(term: string): Promise<{ results: { data(): Promise<{ url: string }> }[] } | null>;
    };
    const found = await pagefind.search(q);
    return Promise.all((found?.results ?? []).slice(0, 10).map(async (r) => (await r.data()).url));
  }, query);
  return urls.map(slugOf);
}

async function askAll(url: string, queries: KnownItemQuery[], log: (line: string) => void): Promise<Answer[]> {
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(url, { waitUntil: 'load' });
    const answers: Answer[] = [];
    for (const [i, q] of queries.entries()) {
      answers.push({ ...q, engine: 'lantern', ranked: await askLantern(page, q.query) });
      answers.push({ ...q, engine: 'pagefind', ranked: await askPagefind(page, q.query) });
      if ((i + 1) % 50 === 0) log(`  ${i + 1} / ${queries.length} queries`);
    }
    return answers;
  } finally {
    await browser.close();
  }
}

const LANTERN_UI: SearchUi = {
  open: async (page) => page.locator('#header-search-input').focus(),
  input: '#header-search-input',
  results: '#header-search',
  done: answers,
  debounceMs: 120,
};

interface SiteScores {
  site: string;
  rows: { form: QueryForm; queries: number; lantern: ReturnType<typeof rankScores>; pagefind: ReturnType<typeof rankScores> }[];
}

function score(site: string, answers: Answer[]): SiteScores {
  const rows = QUERY_FORMS.flatMap((form) => {
    const of = (engine: Engine) => answers.filter((a) => a.form === form && a.engine === engine);
    if (of('lantern').length === 0) return [];
    return [{ form, queries: of('lantern').length, lantern: rankScores(of('lantern')), pagefind: rankScores(of('pagefind')) }];
  });
  return { site, rows };
}

async function run(o: BenchOptions): Promise<BenchResult> {
  o.log(machineLine(describeMachine()));
  const perSite = o.quick ? 15 : 40;
  const generated = o.quick ? [100] : [1000, 10000];
  const rng = new Random(SEED);
  const sample = sampleSite(o.log);
  const synonyms = siteSynonyms();
  const sites: { label: string; site: string; articles: { slug: string; title: string }[]; synonyms: string[][] }[] = [
    { label: `sample (${sample.articles.length} pages)`, site: sample.site, articles: sample.articles, synonyms },
  ];
  for (const n of generated)
    sites.push({ label: `generated ${fmt(n)}`, site: await ensureBuilt('lantern', n, o.log), articles: articlesFor(n), synonyms });

  const scores: SiteScores[] = [];
  for (const s of sites) {
    const chosen = [...s.articles].sort(() => rng.next() - 0.5).slice(0, perSite);
    const queries = knownItemQueries(chosen, s.synonyms, SEED);
    const server = await serveStatic(s.site);
    try {
      o.log(`${s.label}: ${queries.length} queries`);
      scores.push(score(s.label, await askAll(`${server.url}/articles/${chosen[0]!.slug}/`, queries, o.log)));
    } finally {
      await server.close();
    }
  }

  // A misspelt query against the same words spelt right, typed key by key on a fresh page, on the mid-sized build.
  const costSite = sites[1]!;
  const costArticles = [...costSite.articles].sort(() => rng.next() - 0.5).slice(0, 10);
  const pairs = knownItemQueries(costArticles, [], SEED + 1).filter((q) => q.form === 'key words' || q.form === 'typo');
  const server = await serveStatic(costSite.site);
  let right: QueryTiming[];
  let wrong: QueryTiming[];
  const browser = await launchBrowser();
  try {
    const url = `${server.url}/articles/${costArticles[0]!.slug}/`;
    right = await searchSession(
      browser,
      url,
      LANTERN_UI,
      pairs.filter((q) => q.form === 'key words').map((q) => q.query),
    );
    wrong = await searchSession(
      browser,
      url,
      LANTERN_UI,
      pairs.filter((q) => q.form === 'typo').map((q) => q.query),
    );
  } finally {
    await browser.close();
    await server.close();
  }
  return report(scores, right, wrong, costSite.label);
}

const pct = (x: number) => x.toFixed(2);
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

function report(scores: SiteScores[], right: QueryTiming[], wrong: QueryTiming[], costLabel: string): BenchResult {
  const header = ['site', 'form', 'queries', 'Lantern s@1', 's@5', 'MRR', 'Pagefind s@1', 's@5', 'MRR'];
  const rows = scores.flatMap((s) =>
    s.rows.map((r) => [
      s.site,
      r.form,
      String(r.queries),
      pct(r.lantern.at1),
      pct(r.lantern.at5),
      pct(r.lantern.mrr),
      pct(r.pagefind.at1),
      pct(r.pagefind.at5),
      pct(r.pagefind.mrr),
    ]),
  );
  const typo = scores.flatMap((s) => s.rows.filter((r) => r.form === 'typo'));
  const typoMet = typo.every((r) => r.lantern.at5 >= TARGET.typoAt5 && r.lantern.at5 >= TARGET.typoRatio * r.pagefind.at5);
  const plainMet = scores.every((s) =>
    s.rows.filter((r) => r.form === 'typed' || r.form === 'key words').every((r) => r.lantern.at5 >= r.pagefind.at5),
  );
  const extraKB = (median(wrong.map((t) => t.bytes)) - median(right.map((t) => t.bytes))) / 1024;
  const wrongMs = median(wrong.map((t) => t.ms));
  const lines = [
    `Typo form success@5 ≥ ${TARGET.typoAt5} and ≥ ${TARGET.typoRatio}× plain Pagefind's: ${typoMet ? 'met' : '**missed**'}; typed and key-word forms no worse than plain Pagefind: ${plainMet ? 'met' : '**missed**'}.`,
    `Misspelt queries on the ${costLabel} build, typed key by key (${wrong.length} queries): results ${fmt(Math.round(wrongMs))} ms median after the debounce (target ≤ ${TARGET.ms}: ${wrongMs <= TARGET.ms ? 'met' : '**missed**'}), ${extraKB.toFixed(1)} KB more than the same words spelt right, medians (target ≤ ${TARGET.extraKB}: ${extraKB <= TARGET.extraKB ? 'met' : '**missed**'}).`,
  ];
  const notes =
    'Lantern: the header search as a reader uses it (box cleared, query typed, the options it lists in order). Pagefind: `pagefind.search(query)` on the same index in the same page, as typed. Forms: the title as typed, its key words (no stop words), the key words with two neighbouring letters swapped inside each word of five letters or more, "how do I …?", and the title with a word replaced by another of its synonym group (content/synonyms.json; sample site only when the generated titles use none). Articles sampled with a fixed seed.';
  return {
    ok: true,
    text: `${textTable(header, rows, 2)}\n${lines.join('\n')}`,
    markdown: `${markdownTable(header, rows, 2).join('\n')}\n\n${lines.join('\n\n')}\n\n${notes}`,
  };
}

export const benchmark: Benchmark = { title: 'Search quality', browser: true, run };
