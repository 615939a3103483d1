/** Where the writers' content lives; a build of another folder (a test fixture, a content repo) sets KB_CONTENT_DIR. */
import { resolve } from 'node:path';

export function contentDir(): string {
  return resolve(process.env.KB_CONTENT_DIR || 'content');
}
