/**
 * Search: on the 10,000-article builds of Lantern and Starlight, a reader types 50 real-looking queries (title words,
 * other wordings, typos, topics the help center lacks) into the header search in Chromium; per query, the time from the
 * last keystroke to the results painted and the bytes fetched. `--articles <n>` picks the builds; `--quick` uses the
 * 100-article Lantern build, 10 queries, and no Starlight unless `--starlight` is given.
 */
import { loadavg } from 'node:os';
import { Random } from '../../src/demo/random.ts';
import { wordingsFor } from '../../src/demo/demo-queries.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { articlesFor, ensureBuilt, SITE_LABELS, type SiteKind } from './bench-sites.ts';
import { describeMachine, machineLine } from './machine.ts';
import type { Benchmark, BenchOptions, BenchResult } from './run.ts';
import { searchSession, type QueryTiming, type SearchUi } from './search-session.ts';
import { serveStatic } from './static-server.ts';

const TARGET = { firstKB: 200, nextKB: 30, ms: 150 };
const UNCOVERED = ['inventory tracking', 'timesheets', 'purchase order approval', 'multi currency', 'vat return deadline', 'gift cards'];

const UIS: Record<'lantern' | 'starlight', SearchUi> = {
  lantern: {
    open: async (page) => page.locator('#header-search-input').focus(),
    input: '#header-search-input',
    results: '#header-search',
    // The footer names the query it answers: a link to its results page, or "No articles match “…”".
    done: (query) => {
      const footer = document.querySelector('#header-search [data-search-footer]');
      if (!footer || !(footer.innerHTML.includes(`?q=${encodeURIComponent(query)}"`) || footer.textContent!.includes(`“${query}”`))) return null;
      return document.querySelectorAll('#header-search [role="option"]').length;
    },
    debounceMs: 120,
  },
  starlight: {
    open: async (page) => {
      await page.locator('button[data-open-modal]:not([disabled])').click();
      await page.locator('#starlight__search input').waitFor();
    },
    input: '#starlight__search input',
    results: '#starlight__search',
    // Pagefind UI's message names the query and its count; results are painted once they are in the list and none of
    // them is still a loading placeholder.
    done: (query) => {
      const root = document.querySelector('#starlight__search')!;
      const message = root.querySelector('.pagefind-ui__message')?.textContent ?? '';
      if (!message.includes(query) || root.querySelector('.pagefind-ui__result .pagefind-ui__loading')) return null;
      const total = Number(/(\d+) result/.exec(message)?.[1] ?? 0);
      const shown = root.querySelectorAll('.pagefind-ui__result').length;
      return total > 0 && shown === 0 ? null : shown;
    },
    debounceMs: 300,
  },
};

/** Mostly the words of a title, sometimes another wording or a typo, and a few topics nobody wrote about. */
function realQueries(n: number, count: number): string[] {
  const rng = new Random(20261203);
  const articles = articlesFor(n);
  const queries = new Set<string>();
  while (queries.size < count) {
    if (rng.chance(0.1)) queries.add(rng.pick(UNCOVERED));
    else {
      const w = wordingsFor(rng.pick(articles).title.replace(/\s*\(\d+\)$/, ''));
      const r = rng.next();
      queries.add(r < 0.55 ? w.main : r < 0.85 ? rng.pick(w.variants) : rng.pick(w.typos));
    }
  }
  return [...queries];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(0.95 * xs.length) - 1)]!;
const kb = (b: number) => (b / 1024).toFixed(1);
const ok = (yes: boolean) => (yes ? 'met' : '**missed**');

async function run(o: BenchOptions): Promise<BenchResult> {
  const machine = describeMachine();
  o.log(machineLine(machine));
  const n = Number(o.flags.articles ?? (o.quick ? 100 : 10_000));
  const kinds: ('lantern' | 'starlight')[] = !o.quick || o.flags.starlight === true ? ['lantern', 'starlight'] : ['lantern'];
  const queries = realQueries(n, o.quick ? 10 : 50);
  const article = articlesFor(n).find((a) => a.ext === 'md')!.slug;
  const sessions = new Map<SiteKind, QueryTiming[]>();
  const browser = await launchBrowser();
  try {
    for (const kind of kinds) {
      const server = await serveStatic(await ensureBuilt(kind, n, o.log));
      try {
        const timings = await searchSession(browser, `${server.url}/articles/${article}/`, UIS[kind], queries);
        sessions.set(kind, timings);
        o.log(`${SITE_LABELS[kind]}: first "${timings[0]!.query}" ${Math.round(timings[0]!.ms)} ms, ${kb(timings[0]!.bytes)} KB; next median ${Math.round(median(timings.slice(1).map((t) => t.ms)))} ms, ${kb(median(timings.slice(1).map((t) => t.bytes)))} KB; load ${loadavg()[0]!.toFixed(2)}`);
      } finally {
        await server.close();
      }
    }
  } finally {
    await browser.close();
  }

  const header = ['site', 'queries', 'zero results', 'first KB', 'next KB median', 'next KB p95', 'next KB max', 'first ms', 'ms median', 'ms p95', 'debounce ms', 'after debounce median', 'after debounce p95'];
  const rows = [...sessions].map(([kind, t]) => {
    const next = t.slice(1);
    const debounce = UIS[kind as 'lantern' | 'starlight'].debounceMs;
    const ms = t.map((x) => x.ms);
    return [SITE_LABELS[kind], String(t.length), String(t.filter((x) => x.results === 0).length), kb(t[0]!.bytes), kb(median(next.map((x) => x.bytes))), kb(p95(next.map((x) => x.bytes))), kb(Math.max(...next.map((x) => x.bytes))), String(Math.round(t[0]!.ms)), String(Math.round(median(ms))), String(Math.round(p95(ms))), String(debounce), String(Math.round(median(ms) - debounce)), String(Math.round(p95(ms) - debounce))];
  });
  const lantern = sessions.get('lantern')!;
  const next = lantern.slice(1);
  const afterDebounce = lantern.map((x) => x.ms - UIS.lantern.debounceMs);
  const verdicts = [
    `first query ${kb(lantern[0]!.bytes)} KB (≤ ${TARGET.firstKB}: ${ok(lantern[0]!.bytes <= TARGET.firstKB * 1024)})`,
    `next queries p95 ${kb(p95(next.map((x) => x.bytes)))} KB, max ${kb(Math.max(...next.map((x) => x.bytes)))} KB (≤ ${TARGET.nextKB} at p95: ${ok(p95(next.map((x) => x.bytes)) <= TARGET.nextKB * 1024)})`,
    `keystroke to results after the ${UIS.lantern.debounceMs} ms debounce: median ${Math.round(median(afterDebounce))} ms, p95 ${Math.round(p95(afterDebounce))} ms (≤ ${TARGET.ms} at p95: ${ok(p95(afterDebounce) <= TARGET.ms)})`,
    ...(kinds.length === 1 ? ['Starlight not measured (quick mode; --starlight measures it)'] : []),
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const text = [[header, widths.map((w) => '─'.repeat(w)), ...rows].map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n'), '', ...verdicts.map((v) => v.replaceAll('*', ''))].join('\n');
  const markdown = [
    `Run ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- site-search${o.quick ? ' --quick' : ''}\` on the ${n.toLocaleString('en-US')}-article builds. Machine: ${machineLine(machine)}, ${loadavg()[0]!.toFixed(2)} at the end.`,
    '',
    `A fresh browser profile opens an article page, then types ${queries.length} queries (${queries.slice(0, 6).map((q) => `"${q}"`).join(', ')}, …) key by key (${45} ms apart) into the header search (Lantern) or Starlight's search dialog, clearing the box between queries. Time: the last keystroke to a frame painted after the results of the whole query are in the DOM (the site's debounce included, then subtracted). Bytes: everything GET-fetched from the first keystroke until the network is idle after the results, as transferred (the static server gzips text; Pagefind's index files are compressed already); the first query includes Pagefind's code and index entry (Lantern loads them when the box gets focus; Starlight loads its search UI at page load, counted in the page weight instead). Both builds are served over loopback by the same static server.`,
    '',
    `| ${header.join(' | ')} |`,
    `|---|${header.slice(1).map(() => '---:').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    'Lantern against the targets:',
    '',
    ...verdicts.map((v) => `- ${v}`),
  ].join('\n');
  return { text, markdown, ok: true };
}

export const benchmark: Benchmark = { title: 'Search', run };
