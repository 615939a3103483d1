/**
 * What an import needs to know of the content folder it writes into: the site's language and the slugs taken; and
 * that site.json and categories.json are files it can build on, before anything is written.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { slugFromPath } from '../content-model/slug.ts';
import { SiteFileSchema } from '../schemas/env.ts';
import { CategoriesFileSchema } from '../schemas/frontmatter.ts';
import { formatPath } from '../schemas/issues.ts';
import type { z } from 'zod';

/** A file of the content folder that cannot be read as Lantern reads it; the import stops before writing anything. */
export class ContentFolderError extends Error {
  override name = 'ContentFolderError';
}

export interface ExistingContent {
  defaultLang: string;
  /** Slugs of the articles and tutorials there, with their paths without extension (`articles/billing/refunds`). */
  slugs: Map<string, string>;
}

function readJson<T extends z.ZodType>(file: string, schema: T, fallback: unknown): z.infer<T> {
  let raw = fallback;
  if (existsSync(file)) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ContentFolderError(`${file} is not valid JSON (${(error as Error).message}).`, { cause: error });
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ContentFolderError(`${file}: ${formatPath(issue.path) || 'file'}: ${issue.message}`);
  }
  return parsed.data;
}

function contentSlugs(dir: string): Map<string, string> {
  const slugs = new Map<string, string>();
  for (const collection of ['articles', 'tutorials']) {
    const root = join(dir, collection);
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!/\.(md|mdx)$/i.test(entry)) continue;
      const path = `${collection}/${entry.replace(/\\/g, '/')}`;
      slugs.set(slugFromPath(entry), path.replace(/\.(md|mdx)$/i, ''));
    }
  }
  return slugs;
}

export function readExistingContent(dir: string): ExistingContent {
  readJson(join(dir, 'categories.json'), CategoriesFileSchema, []);
  return {
    // KB_DEFAULT_LANG can override it at build time; the file is what travels with the content.
    defaultLang: readJson(join(dir, 'site.json'), SiteFileSchema, {}).defaultLang,
    slugs: contentSlugs(dir),
  };
}
