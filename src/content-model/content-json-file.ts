/** Reads a writer's JSON file from the content folder through its schema; a problem stops the build naming the entry. */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { formatPath } from '../schemas/issues.ts';
import { contentDir } from './content-dir.ts';
import { ContentError } from './content-error.ts';

/** The file as its path is shown in errors (relative to where the build runs, as the articles' paths are). */
export const contentFileLabel = (name: string): string => relative(process.cwd(), join(contentDir(), name));

/** `name`'s parsed contents, or undefined when the folder has no such file (every one of these files is optional). */
export function readContentJson<S extends z.ZodType>(name: string, schema: S): z.infer<S> | undefined {
  const file = join(contentDir(), name);
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ContentError(contentFileLabel(name), 'file', `is not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ContentError(contentFileLabel(name), formatPath(issue.path) || 'file', issue.message);
  }
  return parsed.data;
}
