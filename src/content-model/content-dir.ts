/** Where the writers' content lives; a build of another folder (a test fixture, a content repo) sets KB_CONTENT_DIR. */
import { resolve } from 'node:path';
import { parseEnv } from '../schemas/env.ts';

export function contentDir(): string {
  return resolve(parseEnv().KB_CONTENT_DIR ?? 'content');
}
