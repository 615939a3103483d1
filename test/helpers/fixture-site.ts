/** The small exported-help-center fixture, built once and reused by the API tests. */
import { join } from 'node:path';
import { builtSite, ROOT } from './site-build.ts';

export const fixtureSite = (): string => builtSite(join(ROOT, 'test/fixtures/exported'), 'fixture-site');
