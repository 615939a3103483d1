/**
 * Reports at scale: loads N synthetic events (default 10 million) through the write path's bulk loader into a fresh
 * SQLite file, then times every report through runReport beside the same quantities computed from raw events only.
 * `--events <n>` sets N, `--quick` uses 200,000 and verifies; `--verify` / `--no-verify`; `--keep` keeps the database.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Store } from '../../db/client.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { bulkLoad } from '../../src/events/bulk-load.ts';
import { runReport, type ReportResult } from '../../src/reports/report-registry.ts';
import { syncCatalog } from '../../src/reports/sync-catalog.ts';
import { REASONS } from '../../src/schemas/events.ts';
import { REPORTS, type ReportName, type ReportParams } from '../../src/schemas/report-params.ts';
import { describeMachine, machineLine } from './machine.ts';
import { RawQueries, rawReport, type Headline } from './raw-report-queries.ts';
import type { Benchmark, BenchOptions, BenchResult } from './run.ts';
import { DAY_MS, SYNTHETIC_DEFAULTS, syntheticCatalog, syntheticEvents } from './synthetic-events.ts';

const TARGET_P95_MS = 50;
const TYPE_NAMES = ['view', 'search', 'search_click', 'feedback', 'contact', 'tutorial_step'];
const TARGET_BYTES_PER_EVENT = 80;
const PROGRESS_EVERY_MS = 5000;

interface Case {
  report: ReportName;
  label: string;
  range: string;
  params: ReportParams;
  slug?: string;
}
interface Timing {
  p50: number;
  p95: number;
  runs: number;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : fmt(Math.round(n)));
const ratio = (n: number) => `${n < 10 ? n.toFixed(1) : fmt(Math.round(n))}×`;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);
const duration = (s: number) => (s < 120 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`);

/** Nearest-rank percentile: with 3 runs, p95 is the slowest. */
function percentile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

/** Warms up once (and keeps that result), then runs as many times as the policy allows for how slow the first run was. */
async function time<T>(fn: () => T | Promise<T>, runsFor: (warmMs: number) => number): Promise<{ timing: Timing; first: T }> {
  let started = performance.now();
  const first = await fn();
  const runs = runsFor(performance.now() - started);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { timing: { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), runs }, first };
}

const clamp = (n: number, min: number, max: number) => Math.max(min, Math.min(max, n));
/** Reports: 20 runs, fewer (down to 3) when one run takes over a second. */
const rollupRuns = (warm: number) => (warm <= 1000 ? 20 : clamp(Math.floor(20_000 / warm), 3, 20));
/** Raw queries: as many as fit a time budget, at least 3; only 3 when one run takes over 10 s. */
const rawRuns = (budgetMs: number) => (warm: number) => (warm > 10_000 ? 3 : clamp(Math.floor(budgetMs / warm), 3, 20));

async function load(store: Store, events: number, log: (line: string) => void) {
  const catalog = syntheticCatalog();
  await syncCatalog(store.db, catalog.manifest);
  const started = performance.now();
  let lastLog = started;
  await bulkLoad(store, syntheticEvents(catalog, { events }), {
    onProgress: (written) => {
      const now = performance.now();
      if (now - lastLog < PROGRESS_EVERY_MS && written < events) return;
      lastLog = now;
      const rate = written / ((now - started) / 1000);
      log(`loaded ${fmt(written)} / ${fmt(events)} events (${((100 * written) / events).toFixed(1)}%), ${fmt(Math.round(rate))} events/s, ${duration((events - written) / rate)} to go`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const size = (f: string) => (statSync(f, { throwIfNoEntry: false })?.size ?? 0);
  const bytes = size(store.path) + size(`${store.path}-wal`);
  const tables = store.sqlite.prepare('select name, sum(pgsize) as bytes from dbstat group by name order by 2 desc').all() as { name: string; bytes: number }[];
  const mix = store.sqlite.prepare('select type, count(*) as n from events group by type order by type').all() as { type: number; n: number }[];
  const { sessions } = store.sqlite.prepare('select count(*) as sessions from sessions').get() as { sessions: number };
  return { seconds, rate: events / seconds, bytes, perEvent: bytes / events, tables, mix, sessions };
}

function cases(store: Store): Case[] {
  const end = Date.parse(`${SYNTHETIC_DEFAULTS.end}T00:00:00Z`);
  const top = store.sqlite.prepare('select a.slug, a.category from article_daily d join articles a on a.id = d.article_id group by a.id order by sum(d.views) desc, a.slug limit 1').get() as { slug: string; category: string };
  const list: Case[] = [];
  for (const days of [28, 365]) {
    const range = { from: day(end - (days - 1) * DAY_MS), to: SYNTHETIC_DEFAULTS.end };
    for (const report of REPORTS) list.push({ report, label: report === 'article' ? `article (${top.slug})` : report, range: `${days} d`, params: range, ...(report === 'article' && { slug: top.slug }) });
    for (const report of ['ratings', 'friction'] as const) list.push({ report, label: `${report} · category=${top.category}`, range: `${days} d`, params: { ...range, category: top.category } });
  }
  return list;
}

/** The rollup report's headline numbers under the same names rawReport gives them. */
function rollupHeadline(result: ReportResult | null): Headline {
  const out: Headline = {};
  if (!result) return out;
  const put = (prefix: string, values: Record<string, number | null>) => { for (const [k, v] of Object.entries(values)) out[`${prefix}${k}`] = v; };
  switch (result.name) {
    case 'overview': {
      const o = result.data;
      for (const [prefix, side] of [['', 'value'], ['previous.', 'previous']] as const) put(prefix, { kbSessions: o.kbSessions[side], escalatedSessions: o.escalatedSessions[side], views: o.views[side], searches: o.searches[side], votes: o.votes[side], helpfulness: o.helpfulness[side] });
      return out;
    }
    case 'deflection': {
      const d = result.data;
      put('', { kbSessions: d.summary.kbSessions, escalatedSessions: d.summary.escalatedSessions, confirmedDeflections: d.summary.confirmedDeflections, days: d.byDay.length });
      for (const a of d.articles) put(`a:${a.slug}.`, { viewSessions: a.viewSessions, escalatedSessions: a.escalatedSessions });
      for (const q of d.queries) put(`q:${q.query}.`, { searches: q.searches, escalated: q.escalated });
      return out;
    }
    case 'ratings': {
      const r = result.data;
      put('', { articles: r.articles.length, 'worst10.n': r.articles.slice(0, 10).reduce((n, a) => n + a.n, 0), 'by.category': r.byCategory.length, 'by.productArea': r.byProductArea.length, 'byRevision.rows': r.byRevision.length });
      for (const a of r.articles) put(`a:${a.slug}.`, { up: a.up, down: a.down, comments: a.comments });
      for (const reason of REASONS) out[reason] = r.articles.reduce((n, a) => n + a.reasons[reason], 0);
      return out;
    }
    case 'friction': {
      put('', { ...result.data.baselines, days: null });
      delete out.days;
      for (const f of [...result.data.content, ...result.data.product]) put(`${f.target}:${f.slug ?? f.productArea}.`, { views: f.sample.views, previousViews: f.sample.previousViews, viewSessions: f.sample.viewSessions, votes: f.sample.votes });
      return out;
    }
    case 'search': {
      const s = result.data;
      put('', { searches: s.searches, zeroResultRate: s.zeroResultRate, clickThroughRate: s.clickThroughRate });
      for (const q of [...s.topQueries, ...s.zeroResultQueries, ...s.queriesFollowedByContact]) put(`q:${q.query}.`, { searches: q.searches, zeroResults: q.zeroResults, clicked: q.clicked, escalated: q.escalated });
      return out;
    }
    case 'content': {
      const c = result.data;
      return { publishedArticles: c.publishedArticles, stale: c.stale.length, neverViewed: c.neverViewed.length, lowRated: c.lowRated.length, missingDescription: c.missingDescription.length };
    }
    case 'tutorials':
      for (const t of result.data) {
        t.reached.forEach((n, i) => (out[`t:${t.slug}.step${i + 1}`] = n));
        out[`t:${t.slug}.completionRate`] = t.completionRate;
      }
      return out;
    case 'article': {
      const a = result.data;
      put('', { views: a.views, viewSessions: a.viewSessions, escalations: a.escalations, up: a.rating.up, down: a.rating.down, ...a.reasons, comments: a.comments.length });
      for (const q of a.queries) out[`q:${q.query}.clicks`] = q.clicks;
      return out;
    }
  }
}

/** Friction and search list only their top entries: compare those; every other report is compared key by key both ways. */
function mismatches(report: ReportName, rollup: Headline, raw: Headline): string[] {
  const keys = report === 'friction' || report === 'search' ? Object.keys(rollup) : [...new Set([...Object.keys(rollup), ...Object.keys(raw)])];
  const same = (a: number | null | undefined, b: number | null | undefined) => (a ?? null) === (b ?? null) || (a != null && b != null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
  return keys.filter((k) => !same(rollup[k], raw[k])).map((k) => `${k}: rollup ${rollup[k] ?? 'missing'}, raw ${raw[k] ?? 'missing'}`);
}

interface Row {
  c: Case;
  rollup: Timing;
  raw: Timing;
  problems: string[];
  kbSessions: number | null;
}

/**
 * DOMAIN.md counts a KB session when it has a view or search inside the range; the rollups (and so the raw queries,
 * which copy them) date a whole session by its first event. Only sessions crossing the range's first midnight differ.
 */
function sessionEdges(store: Store, overview: Row): string {
  const { start, end } = { start: Date.parse(`${overview.c.params.from}T00:00:00Z`), end: Date.parse(`${overview.c.params.to}T00:00:00Z`) + DAY_MS };
  const { n } = store.sqlite.prepare('select count(distinct session_id) as n from events where ts >= ? and ts < ? and type in (1, 2)').get(start, end) as { n: number };
  return `KB sessions ${overview.c.range} by the letter of DOMAIN.md (a view or search inside the range): ${fmt(n)}; by the day of the session's first event, as the rollups count them: ${fmt(overview.kbSessions ?? 0)} (${fmt(n - (overview.kbSessions ?? 0))} sessions cross the range's first midnight).`;
}

async function run(o: BenchOptions): Promise<BenchResult> {
  const events = Number(o.flags.events ?? (o.quick ? 200_000 : 10_000_000));
  if (!Number.isInteger(events) || events < 1000) throw new Error(`--events must be a whole number of at least 1000, got ${o.flags.events}`);
  const verify = o.flags['no-verify'] !== true && (o.quick || o.flags.verify === true);
  const machine = describeMachine();
  o.log(machineLine(machine));
  const dir = mkdtempSync(join(tmpdir(), 'lantern-bench-'));
  const store = createDb(join(dir, 'kb.sqlite'));
  try {
    await migrateToLatest(store.db);
    o.log(`loading ${fmt(events)} events into ${store.path}`);
    const loaded = await load(store, events, o.log);
    o.log(`loaded in ${duration(loaded.seconds)}: ${fmt(Math.round(loaded.rate))} events/s, ${(loaded.bytes / 1e6).toFixed(1)} MB, ${loaded.perEvent.toFixed(1)} B/event`);
    const raw = new RawQueries(store.sqlite);
    const timed = performance.now();
    const rows: Row[] = [];
    for (const c of cases(store)) {
      const rollup = await time(() => runReport(store.db, c.report, c.params, c.slug), rollupRuns);
      const direct = await time(() => rawReport(raw, c.report, c.params, c.slug), rawRuns(o.quick ? 2000 : 30_000));
      const problems = verify ? mismatches(c.report, rollupHeadline(rollup.first), direct.first) : [];
      rows.push({ c, rollup: rollup.timing, raw: direct.timing, problems, kbSessions: c.report === 'overview' ? rollupHeadline(rollup.first).kbSessions ?? null : null });
      o.log(`${c.label.padEnd(34)} ${c.range.padStart(6)}  p50 ${ms(rollup.timing.p50).padStart(7)} ms  p95 ${ms(rollup.timing.p95).padStart(7)} ms  raw p50 ${ms(direct.timing.p50).padStart(8)} ms${verify ? (problems.length ? `  ✗ ${problems.length} mismatches` : '  ✓ verified') : ''}`);
      for (const p of problems.slice(0, 10)) o.log(`    ✗ ${p}`);
    }
    o.log(`timed every case in ${duration((performance.now() - timed) / 1000)}`);
    const failures = rows.filter((r) => r.problems.length);
    const edges = verify ? sessionEdges(store, rows.find((r) => r.c.report === 'overview')!) : null;
    const header = ['report', 'range', 'runs', 'p50 ms', 'p95 ms', 'raw runs', 'raw p50 ms', 'raw / rollup', `p95 ≤ ${TARGET_P95_MS} ms`];
    const table = rows.map(({ c, rollup, raw: r }) => [c.label, c.range, String(rollup.runs), ms(rollup.p50), ms(rollup.p95), String(r.runs), ms(r.p50), ratio(r.p50 / rollup.p50), rollup.p95 <= TARGET_P95_MS ? 'met' : '**missed**']);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
    const text = [header, widths.map((w) => '─'.repeat(w)), ...table].map((r) => r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
    const stored = loaded.mix.reduce((n, m) => n + m.n, 0);
    const mix = loaded.mix.map((m) => `${TYPE_NAMES[m.type - 1]} ${((100 * m.n) / stored).toFixed(1)}%`).join(', ');
    const article = rows.find((r) => r.c.slug)!.c;
    const filtered = rows.find((r) => r.c.params.category)!.c.params.category;
    const verdict = !verify ? 'not run (`--verify` to run it)' : failures.length ? `**failed** for ${failures.map((f) => `${f.c.label} ${f.c.range}`).join(', ')}` : `passed: every headline number of every case above agrees between the report and the raw queries`;
    const markdown = [
      `Run ${day(Date.now())} with \`npm run bench -- reports${o.quick ? ' --quick' : ''}${o.flags.events ? ` --events ${events}` : ''}${verify && !o.quick ? ' --verify' : ''}\`. Machine: ${machineLine(machine)}, ${loadavg()[0]!.toFixed(2)} at the end (other work on the machine slows the figures).`,
      '',
      `**${fmt(events)} events** (seed ${SYNTHETIC_DEFAULTS.seed}; ${SYNTHETIC_DEFAULTS.days} days ending ${SYNTHETIC_DEFAULTS.end}; ${fmt(SYNTHETIC_DEFAULTS.articles)} articles incl. ${SYNTHETIC_DEFAULTS.tutorials} tutorials) loaded through \`bulkLoad\` in ${duration(loaded.seconds)}: **${fmt(Math.round(loaded.rate))} events/s**.`,
      `${fmt(loaded.sessions)} sessions; ${fmt(stored)} rows in \`events\` after the write path's dedupe (${fmt(events - stored)} repeated views and searches deduplicated): ${mix}.`,
      `On disk after \`wal_checkpoint(TRUNCATE)\`: ${(loaded.bytes / 1e6).toFixed(1)} MB, **${loaded.perEvent.toFixed(1)} B/event** (target ≤ ${TARGET_BYTES_PER_EVENT}: ${loaded.perEvent <= TARGET_BYTES_PER_EVENT ? 'met' : '**missed**'}); largest: ${loaded.tables.slice(0, 6).map((t) => `${t.name} ${(t.bytes / events).toFixed(1)}`).join(', ')} B/event.`,
      '',
      `| ${header.join(' | ')} |`,
      `|${header.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`,
      ...table.map((r) => `| ${r.join(' | ')} |`),
      '',
      `Verify: ${verdict}.`,
      ...(edges ? ['', edges] : []),
      '',
      'Times are wall-clock per call of `runReport` (kysely) and of the raw prepared statements plus the same arithmetic in JS; one warm-up, then runs; p50/p95 by nearest rank (with 3 runs p95 is the slowest).',
      'Raw queries read only `events`, the dimension tables and `comments` (no rollups, no session_* tables); see test/bench/raw-report-queries.ts.',
      `Ranges end ${SYNTHETIC_DEFAULTS.end}; the article report is for ${article.slug}, the most viewed article; the filtered variants use its category (${filtered}). The raw side of search computes the per-query counts and top lists but not the near-duplicate grouping of content gaps (JavaScript over the same counts), which the report's time includes.`,
    ].join('\n');
    const summary = `${fmt(events)} events loaded in ${duration(loaded.seconds)} (${fmt(Math.round(loaded.rate))} events/s); ${loaded.perEvent.toFixed(1)} B/event on disk (target ≤ ${TARGET_BYTES_PER_EVENT}); verify ${verdict.replaceAll('*', '')}`;
    return { text: `${text}\n\n${summary}${edges ? `\n${edges}` : ''}`, markdown, ok: failures.length === 0 };
  } finally {
    await store.close();
    if (o.flags.keep === true) o.log(`kept ${store.path}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = { title: 'Reports', run };
