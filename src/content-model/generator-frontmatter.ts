/**
 * Frontmatter of other site generators (Jekyll, Hugo, Docusaurus, MkDocs, Starlight) read as Lantern's fields, so an
 * existing help center builds without edits. Pure: the raw frontmatter in, Lantern's fields and what was set aside out.
 */
import { ARTICLE_TYPES } from '../schemas/frontmatter.ts';
import { SLUG_PATTERN } from '../domain/slug-pattern.ts';

export interface ReadFrontmatter {
  /** Lantern's fields, to be validated by the frontmatter schema; other fields pass through and are ignored there. */
  data: Record<string, unknown>;
  /** A short title the generator shows in its navigation (a fallback when the page has no title or heading). */
  label: string | undefined;
  /** A name to take the slug from instead of the file name (Docusaurus `id`). */
  slugName: string | undefined;
  /** Values set aside, each a problem for the build's warnings. */
  dropped: { field: string; problem: string }[];
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : undefined;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** "https://help.example.com/docs/a/?x#y" or "docs/a" → "/docs/a"; undefined when nothing of a path is left. */
export function sitePath(value: string): string | undefined {
  const path = value
    .trim()
    .replace(/^[a-z]+:\/\/[^/]*/i, '')
    .replace(/[?#].*$/, '');
  const rooted = path.startsWith('/') ? path : `/${path}`;
  return /^\/[^\s?#]*$/.test(rooted) ? rooted : undefined;
}

/**
 * `aliases` means two things: old paths to Hugo, other names for the subject to Lantern. A value that looks like an
 * address ("/" in it, or ending in ".html") is Hugo's, so an exported site keeps its redirects.
 */
const isAddress = (value: unknown): boolean => typeof value === 'string' && (value.includes('/') || /\.html?$/i.test(value.trim()));

/** Lantern's `aliases`: the values that are not addresses, as names the search finds the page by. */
function searchAliases(raw: Record<string, unknown>, dropped: ReadFrontmatter['dropped']): unknown[] {
  const names: unknown[] = [];
  for (const value of list(raw.aliases)) {
    if (isAddress(value) || value === null) continue;
    // A string is left to the schema (which names the field when it is too long); a number is a name too ("1099").
    if (typeof value === 'string' || typeof value === 'number') names.push(typeof value === 'number' ? String(value) : value);
    else dropped.push({ field: 'aliases', problem: `${JSON.stringify(value)} is neither a name nor a path` });
  }
  return names;
}

/** Old addresses: Lantern's and Jekyll's `redirect_from`, Jekyll's `permalink`, Hugo's `aliases`, a path-like `slug`. */
function oldPaths(raw: Record<string, unknown>, dropped: ReadFrontmatter['dropped']): string[] {
  const slug = text(raw.slug);
  const candidates = [
    ...list(raw.redirect_from),
    ...list(raw.aliases).filter(isAddress),
    raw.permalink,
    slug !== undefined && !SLUG_PATTERN.test(slug) ? slug : undefined,
  ];
  const paths: string[] = [];
  for (const value of candidates) {
    if (value === undefined || value === null) continue;
    const path = typeof value === 'string' ? sitePath(value) : undefined;
    if (path) paths.push(path);
    else dropped.push({ field: 'redirect_from', problem: `${JSON.stringify(value)} is not a site path` });
  }
  return [...new Set(paths)];
}

/** Jekyll writes `tags: a b c` as well as a list. */
const tags = (value: unknown): unknown =>
  typeof value === 'string'
    ? value
        .split(value.includes(',') ? ',' : /\s+/)
        .map((t) => t.trim())
        .filter(Boolean)
    : value;

const flag = (value: unknown): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export function readGeneratorFrontmatter(raw: Record<string, unknown>): ReadFrontmatter {
  const dropped: ReadFrontmatter['dropped'] = [];
  const sidebar = record(raw.sidebar);
  const lastUpdate = record(raw.last_update);
  const data: Record<string, unknown> = { ...raw };

  const slug = text(raw.slug);
  if (slug === undefined || !SLUG_PATTERN.test(slug)) delete data.slug;
  const redirects = oldPaths(raw, dropped);
  if (redirects.length > 0) data.redirect_from = redirects;
  else delete data.redirect_from;
  const aliases = searchAliases(raw, dropped);
  if (aliases.length > 0) data.aliases = aliases;
  else delete data.aliases;

  // Jekyll's redirect stubs (`layout: redirect` with `redirect:`) and jekyll-redirect-from's `redirect_to`.
  const target = text(raw.redirect_to) ?? (raw.layout === 'redirect' ? text(raw.redirect) : undefined);
  if (target !== undefined) data.redirect_to = target;

  const title = text(raw.title);
  if (title !== undefined) data.title = title;
  else delete data.title;
  data.category = text(raw.category) ?? text(list(raw.categories)[0]);
  if (data.category === undefined) delete data.category;
  data.tags = tags(raw.tags);
  if (data.tags === undefined) delete data.tags;
  data.draft = flag(raw.draft);
  if (data.draft === undefined) delete data.draft;
  const order = [raw.order, raw.weight, raw.sidebar_position, sidebar.order].find((v) => typeof v === 'number');
  if (order !== undefined) data.order = order;
  const updated = [raw.updated, raw.last_modified_at, raw.lastmod, lastUpdate.date].find((v) => v !== undefined && v !== null);
  if (updated !== undefined) data.updated = updated;

  if (raw.type !== undefined && !(ARTICLE_TYPES as readonly unknown[]).includes(raw.type)) {
    dropped.push({ field: 'type', problem: `${JSON.stringify(raw.type)} is not one of ${ARTICLE_TYPES.join(', ')}` });
    delete data.type;
  }
  return {
    data,
    label: text(raw.nav_title) ?? text(raw.sidebar_label) ?? text(sidebar.label) ?? text(raw.linkTitle),
    slugName: text(raw.id),
    dropped,
  };
}
