/**
 * Page weight: the gzip bytes of HTML, CSS and JS an article page loads before search is used, measured in Chromium on
 * Lantern's and Starlight's builds of the same generated articles, plus Lighthouse's mobile performance and
 * accessibility
 * scores (median of 3 runs). `--articles <n>` picks the build (default 1,000); `--quick` uses the 100-article Lantern
 * build only and skips Starlight and Lighthouse unless `--starlight` / `--lighthouse` are given.
 */
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { articlesFor, ensureBuilt, SITE_LABELS, type SiteKind } from './bench-sites.ts';
import { installLighthouse, LIGHTHOUSE_VERSION, runLighthouse, type LighthouseScores } from './lighthouse-peer.ts';
import { describeMachine, machineLine } from './machine.ts';
import type { Benchmark, BenchOptions, BenchResult } from './run.ts';
import { serveStatic } from './static-server.ts';

const TARGET = { jsKB: 10, allKB: 45, performance: 98, accessibility: 100 };
const LIGHTHOUSE_RUNS = 3;

interface Weight {
  html: number;
  inlineCss: number;
  inlineJs: number;
  css: number;
  js: number;
  other: number;
  requests: number;
}

const gz = (data: string | Buffer) => gzipSync(data).length;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const inline = (html: string, tag: 'style' | 'script') =>
  [...html.matchAll(new RegExp(`<${tag}(?![^>]*\\ssrc=)[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]).join('\n');

/** Everything the page fetches with GET until the network is idle, each body gzipped as a server would send it. */
async function pageWeight(browser: Browser, url: string): Promise<Weight> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pending: Promise<void>[] = [];
  const w: Weight = { html: 0, inlineCss: 0, inlineJs: 0, css: 0, js: 0, other: 0, requests: 0 };
  page.on('response', (response) => {
    if (response.request().method() !== 'GET') return; // the tracker's POST is sent, not loaded
    pending.push(
      response.body().then(
        (body) => {
          const type = response.request().resourceType();
          w.requests++;
          if (type === 'document') {
            w.html += gz(body);
            const html = body.toString('utf8');
            w.inlineCss += gz(inline(html, 'style'));
            w.inlineJs += gz(inline(html, 'script'));
          } else if (type === 'stylesheet') w.css += gz(body);
          else if (type === 'script') w.js += gz(body);
          else w.other += gz(body);
        },
        () => undefined,
      ),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await Promise.all(pending);
  await context.close();
  return w;
}

async function run(o: BenchOptions): Promise<BenchResult> {
  const machine = describeMachine();
  o.log(machineLine(machine));
  const n = Number(o.flags.articles ?? (o.quick ? 100 : 1000));
  const kinds: SiteKind[] = !o.quick || o.flags.starlight === true ? ['lantern', 'starlight'] : ['lantern'];
  const lighthouse = !o.quick || o.flags.lighthouse === true;
  const articles = articlesFor(n);
  const pages = [
    { label: 'MDX with tabs', slug: articles.find((a) => a.ext === 'mdx' && a.body.includes('<Tabs>'))!.slug },
    { label: 'Markdown', slug: articles.find((a) => a.ext === 'md')!.slug },
  ];
  const installSeconds = lighthouse ? installLighthouse(o.log) : 0;
  const browser = await launchBrowser();
  const rows: string[][] = [];
  const scores = new Map<SiteKind, LighthouseScores[]>();
  let verdicts: string[] = [];
  try {
    for (const kind of kinds) {
      const server = await serveStatic(await ensureBuilt(kind, n, o.log));
      try {
        for (const p of pages) {
          const w = await pageWeight(browser, `${server.url}/articles/${p.slug}/`);
          const jsAll = w.js + w.inlineJs;
          const all = w.html + w.css + w.js + w.other;
          rows.push([
            SITE_LABELS[kind],
            p.label,
            kb(w.html),
            kb(w.inlineCss),
            kb(w.inlineJs),
            kb(w.css),
            kb(w.js),
            kb(w.other),
            kb(jsAll),
            kb(all),
            String(w.requests),
          ]);
          if (kind === 'lantern')
            verdicts.push(
              `${p.label}: JS ${kb(jsAll)} KB (≤ ${TARGET.jsKB}: ${jsAll <= TARGET.jsKB * 1024 ? 'met' : '**missed**'}), all ${kb(all)} KB (≤ ${TARGET.allKB}: ${all <= TARGET.allKB * 1024 ? 'met' : '**missed**'})`,
            );
          o.log(
            `${SITE_LABELS[kind]}, ${p.label}: HTML ${kb(w.html)} KB, CSS ${kb(w.css)} KB, JS ${kb(w.js)} KB + inline ${kb(w.inlineJs)} KB, total ${kb(all)} KB in ${w.requests} requests`,
          );
        }
        if (lighthouse) {
          const runs: LighthouseScores[] = [];
          for (let i = 0; i < LIGHTHOUSE_RUNS; i++) runs.push(await runLighthouse(`${server.url}/articles/${pages[0]!.slug}/`));
          scores.set(kind, runs);
          o.log(
            `${SITE_LABELS[kind]} Lighthouse: performance ${runs.map((r) => r.performance).join(', ')}; accessibility ${runs.map((r) => r.accessibility).join(', ')}; load ${loadavg()[0]!.toFixed(2)}`,
          );
        }
      } finally {
        await server.close();
      }
    }
  } finally {
    await browser.close();
  }

  const header = ['site', 'page', 'HTML', 'inline CSS', 'inline JS', 'CSS files', 'JS files', 'other', 'JS total', 'all', 'requests'];
  const lhHeader = ['site', 'runs', 'performance', 'accessibility', 'LCP ms', 'TBT ms', 'failed accessibility audits'];
  const lhRows = [...scores].map(([kind, runs]) => [
    SITE_LABELS[kind],
    String(runs.length),
    String(median(runs.map((r) => r.performance))),
    String(median(runs.map((r) => r.accessibility))),
    String(Math.round(median(runs.map((r) => r.lcp)))),
    String(Math.round(median(runs.map((r) => r.tbt)))),
    [...new Set(runs.flatMap((r) => r.failedAccessibility))].join(', ') || 'none',
  ]);
  const lantern = scores.get('lantern');
  if (lantern) {
    const perf = median(lantern.map((r) => r.performance));
    const a11y = median(lantern.map((r) => r.accessibility));
    verdicts.push(
      `Lighthouse performance ${perf} (≥ ${TARGET.performance}: ${perf >= TARGET.performance ? 'met' : '**missed**'}), accessibility ${a11y} (${TARGET.accessibility}: ${a11y >= TARGET.accessibility ? 'met' : '**missed**'})`,
    );
  } else verdicts.push('Lighthouse not run (quick mode; --lighthouse runs it)');
  if (kinds.length === 1) verdicts.push('Starlight not measured (quick mode; --starlight measures it)');
  const table = (h: string[], r: string[][]) =>
    [`| ${h.join(' | ')} |`, `|${h.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`, ...r.map((row) => `| ${row.join(' | ')} |`)].join(
      '\n',
    );
  const plain = (h: string[], r: string[][]) => {
    const widths = h.map((x, i) => Math.max(x.length, ...r.map((row) => row[i]!.length)));
    return [h, widths.map((w) => '─'.repeat(w)), ...r]
      .map((row) => row.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
      .join('\n');
  };
  verdicts = verdicts.map((v) => `- ${v}`);
  const markdown = [
    `Run ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- site-page-weight${o.quick ? ' --quick' : ''}\` on the ${n.toLocaleString('en-US')}-article builds of the site-build benchmark. Machine: ${machineLine(machine)}, ${loadavg()[0]!.toFixed(2)} at the end.`,
    '',
    'KB of gzip (level 6, as a server would send them) of every GET an article page makes in Chromium until the network is idle, before the search box is touched. "HTML" includes the inline CSS and JS shown beside it; "JS total" is script files plus inline scripts; "all" is everything fetched.',
    '',
    table(header, rows),
    '',
    ...(lhRows.length
      ? [
          `Lighthouse ${LIGHTHOUSE_VERSION} (installed into a temporary folder${installSeconds ? ` in ${Math.round(installSeconds)} s` : ', reused'}), default mobile settings (simulated slow 4G, 4× CPU slowdown) on the system Chromium, ${LIGHTHOUSE_RUNS} runs of the "${pages[0]!.label}" page, medians; both sites served over loopback by the same gzip static server.`,
          '',
          table(lhHeader, lhRows),
          '',
        ]
      : []),
    'Lantern against the targets:',
    '',
    ...verdicts,
  ].join('\n');
  const text = [
    plain(header, rows),
    ...(lhRows.length ? ['', plain(lhHeader, lhRows)] : []),
    '',
    ...verdicts.map((v) => v.replaceAll('*', '')),
  ].join('\n');
  return { text, markdown, ok: true };
}

export const benchmark: Benchmark = { title: 'Page weight', browser: true, run };
