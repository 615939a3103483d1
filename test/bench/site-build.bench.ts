/**
 * Site build: cold `astro build` + Pagefind index of N generated articles (1,000 and 10,000) for Lantern, Starlight and
 * a
 * bare Astro + MDX site (the floor), interleaved round by round so load on the machine hits all three alike; medians of
 * the rounds, ratios within each round. `--articles 1000,5000` sets the sizes, `--runs 3` the rounds below 5,000
 * articles
 * (one round above), `--quick` builds 100 articles once, without Starlight unless `--starlight` is given. Starlight's
 * 10,000-article build takes about ten minutes, a third of the whole run's budget, so from 5,000 articles up it runs
 * only
 * with `--starlight-10k`; its ratio is measured on the 1,000-article rounds. The floor's 10,000-article build takes as
 * long
 * as Lantern's (over two minutes) and answers no target of its own (those at 10,000 articles are absolute), so it runs
 * there only with `--floor-10k`.
 */
import { loadavg } from 'node:os';
import { SITE_LABELS, buildSiteTimed, type SiteBuild, type SiteKind } from './bench-sites.ts';
import { buildPhases, type BuildPhases } from './build-phases.ts';
import { describeMachine, machineLine } from './machine.ts';
import { installStarlight, STARLIGHT_VERSION } from './peer-sites.ts';
import type { Benchmark, BenchOptions, BenchResult } from './run.ts';

const TARGET = { vsStarlight: 0.6, vsFloor: 1.3, seconds10k: 150, peakGiB10k: 4 };
const GiB = 2 ** 30;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (n: number) => n.toLocaleString('en-US');
const secs = (s: number) => (s < 100 ? s.toFixed(1) : fmt(Math.round(s)));
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const PHASES: [keyof BuildPhases, string][] = [
  ['sync', 'content sync'],
  ['bundle', 'bundles'],
  ['pages', 'page rendering'],
  ['pagefind', 'Pagefind'],
];
/** Median seconds of one phase over a site's builds (NaN where its log does not show it). */
// A build's log is read once, however many phases and lines ask for it.
const phasesOf = new WeakMap<SiteBuild, BuildPhases>();
const phasesOfBuild = (b: SiteBuild) => phasesOf.get(b) ?? phasesOf.set(b, buildPhases(b.output)).get(b)!;
const phase = (builds: SiteBuild[], key: keyof BuildPhases) => median(builds.map((b) => phasesOfBuild(b)[key]));
const phaseCell = (s: number) => (Number.isNaN(s) ? '' : secs(s));
const signed = (s: number) => `${s < 0 ? '−' : '+'}${Math.abs(s).toFixed(1)} s`;

interface Row {
  n: number;
  kind: SiteKind;
  builds: SiteBuild[];
}

async function run(o: BenchOptions): Promise<BenchResult> {
  const machine = describeMachine();
  o.log(machineLine(machine));
  const sizes = String(o.flags.articles ?? (o.quick ? '100' : '1000,10000'))
    .split(',')
    .map(Number);
  const withStarlight = !o.quick || o.flags.starlight === true;
  const large = (n: number) => n >= 5000;
  const kindsAt = (n: number): SiteKind[] => [
    'lantern',
    ...(withStarlight && (!large(n) || o.flags['starlight-10k'] === true) ? (['starlight'] as const) : []),
    ...(!large(n) || o.flags['floor-10k'] === true ? (['floor'] as const) : []),
  ];
  const installSeconds = withStarlight ? installStarlight(o.log) : 0;
  const rows: Row[] = [];
  const ratios = new Map<number, { vsStarlight: number[]; vsFloor: number[]; floorVsStarlight: number[] }>();
  for (const n of sizes) {
    const kinds = kindsAt(n);
    const rounds = o.quick ? 1 : large(n) ? 1 : Number(o.flags.runs ?? 3);
    const byKind = new Map<SiteKind, SiteBuild[]>(kinds.map((k) => [k, []]));
    const r = { vsStarlight: [] as number[], vsFloor: [] as number[], floorVsStarlight: [] as number[] };
    for (let round = 1; round <= rounds; round++) {
      const inRound = new Map<SiteKind, SiteBuild>();
      for (const kind of kinds) {
        const build = await buildSiteTimed(kind, n, o.log);
        inRound.set(kind, build);
        byKind.get(kind)!.push(build);
        o.log(
          `${fmt(n)} articles, round ${round}/${rounds}: ${SITE_LABELS[kind].padEnd(24)} ${secs(build.seconds).padStart(6)} s, peak ${(build.peakBytes / GiB).toFixed(2)} GiB, ${fmt(build.pages)} article pages, load ${loadavg()[0]!.toFixed(2)}`,
        );
      }
      const lantern = inRound.get('lantern')!.seconds;
      if (inRound.has('starlight')) r.vsStarlight.push(lantern / inRound.get('starlight')!.seconds);
      if (inRound.has('floor')) r.vsFloor.push(lantern / inRound.get('floor')!.seconds);
      if (inRound.has('floor') && inRound.has('starlight'))
        r.floorVsStarlight.push(inRound.get('floor')!.seconds / inRound.get('starlight')!.seconds);
    }
    ratios.set(n, r);
    for (const kind of kinds) rows.push({ n, kind, builds: byKind.get(kind)! });
  }

  const header = [
    'articles',
    'site',
    'runs',
    'median s',
    'range s',
    'peak GiB',
    'largest process GiB',
    ...PHASES.map(([, label]) => `${label} s`),
    '÷ Starlight',
    '÷ floor',
    'targets',
  ];
  const targetsColumn = header.length - 1;
  const table = rows.map(({ n, kind, builds }) => {
    const seconds = median(builds.map((b) => b.seconds));
    const peak = median(builds.map((b) => b.peakBytes)) / GiB;
    const processPeak = median(builds.map((b) => b.peakProcessBytes)) / GiB;
    const r = ratios.get(n)!;
    const lantern = kind === 'lantern';
    const targets = !lantern
      ? ''
      : [
          r.vsStarlight.length
            ? `≤ ${TARGET.vsStarlight}× Starlight ${verdict(median(r.vsStarlight) <= TARGET.vsStarlight)}`
            : 'Starlight not run at this size',
          r.vsFloor.length ? `≤ ${TARGET.vsFloor}× floor ${verdict(median(r.vsFloor) <= TARGET.vsFloor)}` : 'floor not run at this size',
          ...(n >= 10_000
            ? [
                `≤ ${TARGET.seconds10k} s ${verdict(seconds <= TARGET.seconds10k)}`,
                `≤ ${TARGET.peakGiB10k} GiB ${verdict(peak <= TARGET.peakGiB10k)}`,
              ]
            : []),
        ].join('; ');
    return [
      fmt(n),
      SITE_LABELS[kind],
      String(builds.length),
      secs(seconds),
      `${secs(Math.min(...builds.map((b) => b.seconds)))}–${secs(Math.max(...builds.map((b) => b.seconds)))}`,
      peak.toFixed(2),
      processPeak.toFixed(2),
      ...PHASES.map(([key]) => phaseCell(phase(builds, key))),
      lantern && r.vsStarlight.length ? `${median(r.vsStarlight).toFixed(2)}×` : '',
      lantern && r.vsFloor.length ? `${median(r.vsFloor).toFixed(2)}×` : '',
      targets,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.replaceAll('*', '').length)));
  const text = [header, widths.map((w) => '─'.repeat(w)), ...table.map((row) => row.map((c) => c.replaceAll('*', '')))]
    .map((row) => row.map((c, i) => (i < 2 || i === targetsColumn ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
    .join('\n');
  const overFloor = sizes.flatMap((n) => {
    const of = (kind: SiteKind) => rows.find((row) => row.n === n && row.kind === kind)?.builds;
    const [lantern, floor] = [of('lantern'), of('floor')];
    if (!lantern || !floor) return [];
    const total = median(lantern.map((b) => b.seconds)) - median(floor.map((b) => b.seconds));
    const parts = PHASES.map(([key, label]) => ({ label, diff: phase(lantern, key) - phase(floor, key) })).filter(
      (p) => !Number.isNaN(p.diff),
    );
    const rest = total - parts.reduce((sum, p) => sum + p.diff, 0);
    const floorRatio = ratios.get(n)!.floorVsStarlight;
    return [
      `- ${fmt(n)} articles: Lantern's median build took ${signed(total)} over the floor's: ${parts.map((p) => `${p.label} ${signed(p.diff)}`).join(', ')}, the rest (starting processes, writing files) ${signed(rest)}.${floorRatio.length ? ` The floor alone is ${median(floorRatio).toFixed(2)}× Starlight.` : ''}`,
    ];
  });
  const command = `npm run bench -- site-build${o.quick ? ' --quick' : ''}${o.flags.articles ? ` --articles ${o.flags.articles}` : ''}${o.flags.runs ? ` --runs ${o.flags.runs}` : ''}${o.quick && withStarlight ? ' --starlight' : ''}${o.flags['floor-10k'] ? ' --floor-10k' : ''}`;
  const markdown = [
    `Run ${new Date().toISOString().slice(0, 10)} with \`${command}\`. Machine: ${machineLine(machine)}, ${loadavg()[0]!.toFixed(2)} at the end (other work on the machine slows every figure; the ratios compare builds of the same round).`,
    '',
    `| ${header.join(' | ')} |`,
    `|---|---|${header
      .slice(2)
      .map((_, i) => (i + 2 === targetsColumn ? '---' : '---:'))
      .join('|')}|`,
    ...table.map((row) => `| ${row.join(' | ')} |`),
    '',
    ...(overFloor.length
      ? [
          "Where Lantern's time goes beyond the floor's, from the phases Astro and Pagefind log (medians over rounds): content sync is Astro's content layer (Lantern's articles are a content collection; the floor's are pages, compiled with the bundle), page rendering is the prerendering of every route (Lantern's layout: header, breadcrumbs, contents, feedback, related articles, categories and the home page).",
          '',
          ...overFloor,
          '',
        ]
      : []),
    'Each build is cold (no Astro cache, no output folder) and includes the Pagefind index: for Lantern, `npm run build` (`astro build`, then the index once Astro has exited); for Starlight, inside `astro build` (its integration); for the floor, a second command (`pagefind --site dist`, timed with the build). Peak memory is the highest sum of resident memory over the whole process tree (Astro and the Pagefind binary), sampled every 100 ms; "largest process" is the highest of any one process in it, Astro\'s. Rounds run Lantern, Starlight and the floor one after the other; "÷" columns are the median over rounds of Lantern\'s time divided by the other site\'s time in the same round. From 5,000 articles up the targets are absolute and the floor is built only with `--floor-10k` (it takes as long as Lantern\'s build).',
    `Content: test/bench/generate-articles.ts, seeded; 300–1,500 words (about 950 on average), about 40% MDX with Callout, Steps/Step, Kbd, Tabs/Tab and Badge, headings, lists, code blocks and links between articles, in 12 categories. Lantern builds it as a content folder (\`KB_CONTENT_DIR\`). Starlight (${STARLIGHT_VERSION}, installed with npm into a temporary folder${installSeconds ? `, ${Math.round(installSeconds)} s` : ', reused from an earlier run'}) and the floor (the project's Astro and @astrojs/mdx, one page per article with only the title and body, no layout) get the same files flat under \`articles/\` (same URLs, so the links are identical), where every MDX file imports stub components rendering the same elements as Lantern's (no icons, styles or tab script); the text is identical. Starlight's sidebar lists 8 links: its default lists every page on every page.`,
  ].join('\n');
  return {
    text: `${text}${withStarlight ? '' : '\n\nStarlight skipped in quick mode (its npm install takes about a minute; --starlight runs it).'}`,
    markdown,
    ok: true,
  };
}

export const benchmark: Benchmark = { title: 'Site build', run };
