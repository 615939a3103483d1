/** The sample help center built once for the browser tests, rebuilt only when its inputs changed. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inputsHash, isBuildFresh, markBuilt } from '../../src/cli/build-freshness.ts';
import { buildSite, ROOT } from './site-build.ts';

export const SAMPLE_BUILD_DIR = join(ROOT, '.test-builds', 'sample');

/** Returns the dist folder of the sample site, building it if content/ or src/ changed. */
export function sampleSite(): string {
  const dist = join(SAMPLE_BUILD_DIR, 'dist');
  const content = join(ROOT, 'content');
  const hash = inputsHash(ROOT, content, {});
  if (!isBuildFresh(dist, hash)) {
    mkdirSync(SAMPLE_BUILD_DIR, { recursive: true });
    const result = buildSite(content, SAMPLE_BUILD_DIR);
    if (result.status !== 0 || !existsSync(join(dist, 'server/entry.mjs'))) {
      throw new Error(`the sample site did not build:\n${result.output}`);
    }
    markBuilt(dist, hash);
  }
  return dist;
}
