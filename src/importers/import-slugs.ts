/**
 * Names of imported folders and articles: slugs of their titles, unique among siblings (folders) or across the whole
 * content folder (articles, whose slug is their address), the later one by provider id getting `-<id>` appended.
 */
import { slugify } from '../content-model/slug.ts';
import { SLUG_PATTERN } from '../domain/slug-pattern.ts';
import { compareKeys, type ImportedArticle, type ImportedFolder } from './help-center-source.ts';

// Long enough for any sensible title, short enough for a file name and an address.
const MAX_SLUG = 80;

/** slugify(title), cut at a hyphen to at most 80 characters; `fallback` when nothing usable is left ("???"). */
export function slugOf(title: string, fallback: string): string {
  let slug = slugify(title);
  if (slug.length > MAX_SLUG) {
    const cut = slug.slice(0, MAX_SLUG + 1);
    slug = cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut.slice(0, MAX_SLUG);
  }
  return SLUG_PATTERN.test(slug) ? slug : fallback;
}

/** `<slug>-<id>`, or `-2`, `-3`… after that in the unlikely case that is taken too. */
function distinct(slug: string, id: string, taken: (candidate: string) => boolean): string {
  const base = `${slug}-${slugify(id)}`;
  let candidate = base;
  for (let n = 2; taken(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** Each folder's path under articles/ (`shipping/international/customs-forms`), by folder key. */
export function folderPaths(folders: ImportedFolder[]): Map<string, string> {
  const names = new Map<string, string>();
  const siblings = Map.groupBy(folders, (f) => f.parentKey);
  for (const group of siblings.values()) {
    const used = new Set<string>();
    for (const folder of group.toSorted((a, b) => compareKeys(a.id, b.id))) {
      const slug = slugOf(folder.title, `folder-${slugify(folder.id)}`);
      const name = used.has(slug) ? distinct(slug, folder.id, (c) => used.has(c)) : slug;
      used.add(name);
      names.set(folder.key, name);
    }
  }
  const byKey = new Map(folders.map((f) => [f.key, f]));
  const paths = new Map<string, string>();
  const pathOf = (key: string): string => {
    let path = paths.get(key);
    if (path === undefined) {
      const parent = byKey.get(key)!.parentKey;
      path = parent && byKey.has(parent) ? `${pathOf(parent)}/${names.get(key)}` : names.get(key)!;
      paths.set(key, path);
    }
    return path;
  };
  for (const folder of folders) pathOf(folder.key);
  return paths;
}

/**
 * Each article's slug, by article key. `folderOf` gives the folder it is written in, as a prefix (`billing/` or "").
 * `existing` maps the slugs of files already in the content folder to their path
 * without extension (`articles/billing/refunds`): an article that would be written at that very path keeps the slug
 * (it is the same article, imported again); any other article with that slug is told apart.
 */
export function articleSlugs(
  articles: ImportedArticle[],
  folderOf: (article: ImportedArticle) => string,
  existing: ReadonlyMap<string, string>,
): Map<string, string> {
  const used = new Set<string>();
  const slugs = new Map<string, string>();
  const taken = (slug: string, article: ImportedArticle) => {
    const at = existing.get(slug);
    return used.has(slug) || (at !== undefined && at !== `articles/${folderOf(article)}${slug}`);
  };
  for (const article of articles.toSorted((a, b) => compareKeys(a.key, b.key))) {
    const slug = slugOf(article.title, `article-${slugify(article.key)}`);
    const name = taken(slug, article) ? distinct(slug, article.key, (c) => taken(c, article)) : slug;
    used.add(name);
    slugs.set(article.key, name);
  }
  return slugs;
}
