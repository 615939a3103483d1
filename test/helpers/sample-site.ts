/** The sample help center built once for the browser tests, rebuilt only when its inputs changed. */
import { join } from 'node:path';
import { builtSite, ROOT } from './site-build.ts';

export const sampleSite = (): string => builtSite(join(ROOT, 'content'), 'sample');
