/**
 * `npm run build`: `astro build`, then the Pagefind index once Astro has exited. Astro holds most of its memory until
 * it
 * exits, and Pagefind needs about as much again for a large site: one after the other, a 10,000-article build peaks at
 * what the bigger of the two needs instead of their sum.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { indexedMessage, indexSite } from '../content-model/search-index.ts';
import { parseEnv } from '../schemas/env.ts';
import { BUILD_REPORT_FILE, type BuildReport } from '../integrations/build-report.ts';
import { plural, warningsSummary } from '../integrations/content-warnings.ts';

const root = resolve(import.meta.dirname, '../..');

/** This command's file: what `npm start`, the tests and the benchmarks run to build the site. */
export const BUILD_SCRIPT = import.meta.filename;

/** Where the build writes: dist/ at the root, or KB_BUILD_DIR/dist (tests build into their own folder). */
export function buildOutDir(): string {
  const { KB_BUILD_DIR } = parseEnv();
  return KB_BUILD_DIR ? resolve(KB_BUILD_DIR, 'dist') : resolve(root, 'dist');
}

/**
 * The environment of a production build, whatever the shell's: with NODE_ENV=test, or with DEV=1 (test runners set
 * both, Vitest mirroring import.meta.env into the environment), Astro would build in development mode and publish drafts.
 */
function productionEnv(): NodeJS.ProcessEnv {
  const { DEV: _dev, PROD: _prod, MODE: _mode, SSR: _ssr, BASE_URL: _base, ...env } = process.env;
  return { ...env, NODE_ENV: 'production' };
}

/** The build's last words: what was built, how long it took, and the content warnings by kind. */
function summary(report: BuildReport, indexed: string, seconds: number): string {
  const built = `Built ${plural(report.articles, 'article')} and ${plural(report.tutorials, 'tutorial')} in ${seconds.toFixed(1)} s (${indexed}).`;
  if (report.warnings.length === 0) return `${built}\nNo content warnings.`;
  return `${built}\n${warningsSummary(report.warnings)}\nThe pages were built; fix these (KB_STRICT_CONTENT=1 makes them fail the build).`;
}

async function main(): Promise<number> {
  const started = performance.now();
  const astro = resolve(root, 'node_modules/astro/bin/astro.mjs');
  const built = spawnSync(process.execPath, [astro, 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...productionEnv(), KB_INDEX_AFTER_BUILD: '1' },
  });
  if (built.status !== 0) return built.status ?? 1;
  try {
    // The pages are the static part of the output (the node adapter puts the server beside them).
    const indexed = indexedMessage(await indexSite(resolve(buildOutDir(), 'client')));
    const report = JSON.parse(readFileSync(resolve(buildOutDir(), BUILD_REPORT_FILE), 'utf8')) as BuildReport;
    console.log(`\n${summary(report, indexed, (performance.now() - started) / 1000)}`);
    return 0;
  } catch (error) {
    console.error(`\n${(error as Error).message}\n`);
    return 1;
  }
}

if (import.meta.main) process.exitCode = await main();
