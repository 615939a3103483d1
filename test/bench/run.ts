/**
 * Runs the benchmarks: `npm run bench` runs every test/bench/<name>.bench.ts, `npm run bench -- <name> [...]` only
 * those.
 * Flags: `--quick` (small N, for a smoke run), `--write` (also write RESULTS.md after a quick run), and any
 * `--key value` / `--key=value` a benchmark reads. Prints each benchmark's table and rewrites that benchmark's
 * section of RESULTS.md, keeping the others.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH } from '../helpers/chromium-path.ts';

export interface BenchOptions {
  quick: boolean;
  /** Every other flag: `--events 500000` → { events: '500000' }, `--verify` → { verify: true }. */
  flags: Record<string, string | true>;
  log: (line: string) => void;
}

export interface BenchResult {
  /** What the terminal shows at the end. */
  text: string;
  /** The section's body in RESULTS.md, under "## <title>"; it must not contain "## " headings of its own. */
  markdown: string;
  /** False when the benchmark found something wrong (a failed verify): nothing is written and the exit code is 1. */
  ok: boolean;
}

/** What a `<name>.bench.ts` file exports as `benchmark`; adding such a file is all it takes to register one. */
export interface Benchmark {
  title: string;
  /** Drives the system Chromium: checked before anything runs, not after the benchmarks before it. */
  browser?: boolean;
  run(options: BenchOptions): Promise<BenchResult>;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, 'RESULTS.md');
const PREAMBLE =
  '# Benchmark results\n\nWritten by `npm run bench` (test/bench/run.ts): one section per benchmark, each rewritten only when that benchmark runs.\n';

function available(): string[] {
  return readdirSync(HERE)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .sort();
}

export function parseArgs(argv: string[], names: string[]): { selected: string[]; flags: Record<string, string | true> } {
  const selected: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      selected.push(arg);
      continue;
    }
    const [key, value] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
    const next = argv[i + 1];
    // `--events 500000` takes a value; `--quick reports` does not, because "reports" is a benchmark's name.
    if (value !== undefined) flags[key] = value;
    else if (next !== undefined && !next.startsWith('--') && !names.includes(next)) flags[key] = argv[++i]!;
    else flags[key] = true;
  }
  return { selected, flags };
}

/** Replaces (or appends) the section "## <title>" and keeps every other section as it was. */
export function mergeSection(existing: string, title: string, body: string): string {
  const parts = existing.split(/^(?=## )/m);
  const preamble = parts[0]!.startsWith('## ') || !parts[0]!.trim() ? PREAMBLE : parts[0]!;
  const sections = parts.filter((p) => p.startsWith('## '));
  const section = `## ${title}\n\n${body.trim()}\n`;
  const at = sections.findIndex((s) => s.split('\n', 1)[0]!.trim() === `## ${title}`);
  if (at >= 0) sections[at] = section;
  else sections.push(section);
  return [preamble.trimEnd() + '\n', ...sections.map((s) => s.trimEnd() + '\n')].join('\n');
}

async function main(): Promise<number> {
  const names = available();
  const { selected, flags } = parseArgs(process.argv.slice(2), names);
  const unknown = selected.filter((n) => !names.includes(n));
  if (unknown.length || flags.help) {
    console.error(
      `${unknown.length ? `unknown benchmark: ${unknown.join(', ')}\n` : ''}usage: npm run bench -- [${names.join(' | ')} ...] [--quick] [--write] [--<key> <value>]`,
    );
    return unknown.length ? 2 : 0;
  }
  const quick = flags.quick === true;
  const write = !quick || flags.write === true;
  const benchmarks: Benchmark[] = [];
  for (const name of selected.length ? selected : names)
    benchmarks.push(((await import(join(HERE, `${name}.bench.ts`))) as { benchmark: Benchmark }).benchmark);
  const browsing = benchmarks.filter((b) => b.browser).map((b) => b.title);
  if (browsing.length && !existsSync(CHROMIUM_PATH)) {
    console.error(
      `${browsing.join(' and ')} ${browsing.length > 1 ? 'drive' : 'drives'} Chromium, not found at ${CHROMIUM_PATH}: install Debian's chromium package (apt-get install chromium), set CHROMIUM_PATH, or name the other benchmarks only`,
    );
    return 2;
  }
  let failed = false;
  for (const benchmark of benchmarks) {
    console.log(`\n▶ ${benchmark.title}${quick ? ' (quick)' : ''}`);
    const started = performance.now();
    const result = await benchmark.run({ quick, flags, log: (line) => console.log(`  ${line}`) });
    console.log(`\n${result.text.trimEnd()}\n\n${benchmark.title}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
    if (!result.ok) {
      failed = true;
      console.error(`✗ ${benchmark.title} failed: RESULTS.md left unchanged for it`);
    } else if (write) {
      writeFileSync(
        RESULTS,
        mergeSection(existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : PREAMBLE, benchmark.title, result.markdown),
      );
      console.log(`wrote the "${benchmark.title}" section of ${RESULTS}`);
    } else {
      // Quick figures would overwrite a real run's; --write says that is what you want.
      console.log('quick run: RESULTS.md not written (add --write to write it anyway)');
    }
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main();
