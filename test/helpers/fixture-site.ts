/** The small exported-help-center fixture, built once and reused by the API tests. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inputsHash, isBuildFresh, markBuilt } from '../../src/cli/build-freshness.ts';
import { buildSite, ROOT } from './site-build.ts';

export function fixtureSite(): string {
  const buildDir = join(ROOT, '.test-builds', 'fixture-site');
  const dist = join(buildDir, 'dist');
  const content = join(ROOT, 'test/fixtures/exported');
  const hash = inputsHash(ROOT, content, {});
  if (!isBuildFresh(dist, hash)) {
    mkdirSync(buildDir, { recursive: true });
    const result = buildSite(content, buildDir);
    if (result.status !== 0 || !existsSync(join(dist, 'server/entry.mjs'))) throw new Error(`fixture site did not build:\n${result.output}`);
    markBuilt(dist, hash);
  }
  return dist;
}
