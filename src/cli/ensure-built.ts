/**
 * Builds the site when content/ or the code changed since the last build (shared by `npm start` and `npm run demo`).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { contentDir } from '../content-model/content-dir.ts';
import { inputsHash, isBuildFresh, markBuilt } from './build-freshness.ts';
import { BUILD_SCRIPT, buildOutDir } from './build.ts';

const root = resolve(import.meta.dirname, '../..');

export class BuildFailedError extends Error {
  override name = 'BuildFailedError';
}

/**
 * Runs `npm run build` (src/cli/build.ts) unless the last build saw the same inputs; throws BuildFailedError if the
 * build fails.
 */
export function ensureBuilt(): { outDir: string } {
  const outDir = buildOutDir();
  const hash = inputsHash(root, contentDir(), process.env);
  if (isBuildFresh(outDir, hash)) {
    console.log('Site is up to date with content/ and src/; skipping the build.');
    return { outDir };
  }
  console.log('Content or code changed since the last build: building the site…');
  const result = spawnSync(process.execPath, [BUILD_SCRIPT], { cwd: root, stdio: 'inherit', env: process.env });
  // The build prints its own messages; ours only says where to look.
  if (result.status !== 0) throw new BuildFailedError('The build failed; the messages above name the file and the problem.');
  markBuilt(outDir, hash);
  return { outDir };
}
