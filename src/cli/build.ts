/**
 * `npm run build`: `astro build`, then the Pagefind index once Astro has exited. Astro holds most of its memory until
 * it
 * exits, and Pagefind needs about as much again for a large site: one after the other, a 10,000-article build peaks at
 * what the bigger of the two needs instead of their sum.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { indexedMessage, indexSite } from '../content-model/search-index.ts';
import { parseEnv } from '../schemas/env.ts';

const root = resolve(import.meta.dirname, '../..');

/** This command's file: what `npm start`, the tests and the benchmarks run to build the site. */
export const BUILD_SCRIPT = import.meta.filename;

/** Where the build writes: dist/ at the root, or KB_BUILD_DIR/dist (tests build into their own folder). */
export function buildOutDir(): string {
  const { KB_BUILD_DIR } = parseEnv();
  return KB_BUILD_DIR ? resolve(KB_BUILD_DIR, 'dist') : resolve(root, 'dist');
}

async function main(): Promise<number> {
  const astro = resolve(root, 'node_modules/astro/bin/astro.mjs');
  const built = spawnSync(process.execPath, [astro, 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, KB_INDEX_AFTER_BUILD: '1' },
  });
  if (built.status !== 0) return built.status ?? 1;
  try {
    // The pages are the static part of the output (the node adapter puts the server beside them).
    console.log(indexedMessage(await indexSite(resolve(buildOutDir(), 'client'))));
    return 0;
  } catch (error) {
    console.error(`\n${(error as Error).message}\n`);
    return 1;
  }
}

if (import.meta.main) process.exitCode = await main();
