/** The published help center: every article and tutorial with its derived fields, checked as a whole. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import { CategoriesFileSchema, type Category } from '../schemas/frontmatter.ts';
import { contentDir } from './content-dir.ts';
import { firstParagraph, linesOutsideCode, readingMinutes, truncate } from './plain-text.ts';
import { folderFromPath, slugify } from './slug.ts';
import { ContentError } from './content-error.ts';
import { addContentWarning } from '../integrations/content-warnings.ts';
import { SLUG_PATTERN } from '../domain/slug-pattern.ts';
import { siteConfig } from './site-config.ts';
import { readSynonyms, synonymsFor } from './search-synonyms.ts';
import { readContentJson } from './content-json-file.ts';
import { TICKET_TAGS_FILE, TicketTagsFileSchema, type TicketTagsFile } from '../schemas/ticket-tags.ts';
import { readPinnedAnswers } from './pinned-answers.ts';
import type { PinnedAnswer, SynonymGroup } from '../schemas/search-config.ts';

export type ArticleEntry = CollectionEntry<'articles'>;
export type TutorialEntry = CollectionEntry<'tutorials'>;

interface DocBase {
  slug: string;
  url: string;
  file: string;
  title: string;
  description: string;
  hasDescription: boolean;
  category: CategoryInfo;
  productArea: string | null;
  tags: string[];
  updated: Date | null;
  reviewed: Date | null;
  owner: string | null;
  relatedSlugs: string[];
  redirectFrom: string[];
  /** Other names readers use for its subject: found by the search, never shown. */
  aliases: string[];
  /** Synonyms (content/synonyms.json) of words the page uses, that it does not use itself: found by the search only. */
  synonyms: string[];
  /** Those of words its title or an alias uses: the page is about them, so the search ranks them higher. */
  titleSynonyms: string[];
  /** Its place in its category's list, when the writer (or the generator it came from) gave one. */
  order: number | null;
  lang: string;
  revision: string;
  readingMinutes: number;
}
export interface ArticleDoc extends DocBase {
  kind: 'article';
  type: ArticleEntry['data']['type'];
  entry: ArticleEntry;
}
export interface TutorialDoc extends DocBase {
  kind: 'tutorial';
  type: 'tutorial';
  entry: TutorialEntry;
  duration: number | null;
  level: TutorialEntry['data']['level'];
  prerequisites: string[];
  steps: string[];
}
export type Doc = ArticleDoc | TutorialDoc;

export interface CategoryInfo extends Category {
  description: string | undefined;
  count: number;
  url: string;
}

/** An old address that leads elsewhere: a page's `redirect_from`, or a redirect stub's. */
export interface Redirect {
  from: string;
  to: string;
}

export interface Catalog {
  docs: Doc[];
  redirects: Redirect[];
  bySlug: Map<string, Doc>;
  articles: ArticleDoc[];
  tutorials: TutorialDoc[];
  categories: CategoryInfo[];
  /** content/pins.json: pages a search shows first for given queries. */
  pins: PinnedAnswer[];
  /** content/synonyms.json: groups of terms that find the same pages. */
  synonyms: SynonymGroup[];
  /** content/ticket-tags.json: the product area each help-desk ticket tag stands for. */
  ticketTags: TicketTagsFile;
}

const UNCATEGORIZED = 'general';

function readCategories(): Category[] {
  return readContentJson('categories.json', CategoriesFileSchema) ?? [];
}

/** "Account & Security" (a folder from an export) → a readable title when categories.json has none. */
function titleFromFolder(folder: string): string {
  const words = folder.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface Source {
  /** A hash of the file as written, so ratings can be compared across edits. */
  revision: string;
  /** The Markdown after the frontmatter, trimmed: what Astro's loaders call the body. */
  body: string;
}

// The frontmatter block as Astro's Markdown and MDX loaders find it (@astrojs/internal-helpers/frontmatter).
const FRONTMATTER = /(?:^\uFEFF?|^\s*\n)(---|\+\+\+)([\s\S]*?\n)\1/;

/** Reads a content file once for both its revision and its body (the content store does not keep bodies). */
function readSource(filePath: string): Source {
  const bytes = readFileSync(filePath);
  const code = bytes.toString('utf8');
  const match = FRONTMATTER.exec(code);
  const body = match ? code.replace(`${match[1]}${match[2]}${match[1]}`, '') : code;
  return { revision: createHash('sha256').update(bytes).digest('hex').slice(0, 12), body: body.trim() };
}

/** Step headings ("## Title") of a tutorial body, outside code blocks. */
function stepHeadings(body: string): string[] {
  return linesOutsideCode(body)
    .map((line) => /^##\s+(.+?)\s*#*\s*$/.exec(line)?.[1])
    .filter((h): h is string => h !== undefined);
}

function checkTutorialSteps(doc: TutorialDoc, body: string): void {
  const headings = stepHeadings(body);
  const expected = doc.steps;
  const same = headings.length === expected.length && headings.every((h, i) => h === expected[i]);
  if (!same) {
    throw new ContentError(
      doc.file,
      'steps',
      `the "## " headings of the body must equal the steps, in order; steps are [${expected.map((s) => JSON.stringify(s)).join(', ')}] but headings are [${headings.map((s) => JSON.stringify(s)).join(', ')}]`,
    );
  }
}

async function buildCatalog(): Promise<Catalog> {
  const config = siteConfig();
  const declared = readCategories();
  const synonymGroups = readSynonyms();
  const categories = new Map<string, CategoryInfo>();
  for (const c of declared) categories.set(c.id, { ...c, description: c.description, count: 0, url: `/categories/${c.id}/` });

  const categoryFor = (folder: string, explicit: string | undefined): CategoryInfo => {
    const top = folder.split('/')[0] ?? '';
    // A category written as a name ("Privacy Guides") is known by its slug and shown as written.
    const name = explicit !== undefined && !SLUG_PATTERN.test(explicit) ? explicit : undefined;
    const id = name !== undefined ? slugify(name) || UNCATEGORIZED : (explicit ?? (slugify(top) || UNCATEGORIZED));
    let info = categories.get(id);
    if (!info) {
      const title = name ?? (top ? titleFromFolder(top) : 'General');
      info = { id, title, description: undefined, count: 0, url: `/categories/${id}/` };
      categories.set(id, info);
    }
    return info;
  };

  const visible = (draft: boolean) => !draft || import.meta.env.DEV;
  const [articleEntries, tutorialEntries] = await Promise.all([
    getCollection('articles', ({ data }) => visible(data.draft)),
    getCollection('tutorials', ({ data }) => visible(data.draft)),
  ]);
  const stubs = [...articleEntries, ...tutorialEntries].filter((e) => e.data.redirect_to !== undefined);

  const bodies = new Map<string, string>();
  const base = (entry: ArticleEntry | TutorialEntry, kind: 'articles' | 'tutorials'): DocBase => {
    const filePath = entry.filePath ?? '';
    const root = join(contentDir(), kind);
    const inCollection = relative(root, join(process.cwd(), filePath));
    const { revision, body } = readSource(filePath);
    if (kind === 'tutorials') bodies.set(entry.id, body);
    const derived = firstParagraph(body);
    const data = entry.data;
    return {
      slug: entry.id,
      url: `/${kind}/${entry.id}/`,
      file: filePath,
      title: data.title,
      description: data.description ?? truncate(derived ?? data.title, 180),
      hasDescription: data.description !== undefined,
      category: categoryFor(folderFromPath(inCollection), data.category),
      productArea: data.product_area ?? null,
      tags: data.tags,
      updated: data.updated ?? null,
      reviewed: data.reviewed ?? null,
      owner: data.owner ?? null,
      relatedSlugs: data.related,
      redirectFrom: data.redirect_from,
      aliases: data.aliases,
      synonyms: synonymsFor([data.title, ...data.aliases, data.description ?? '', body].join('\n'), synonymGroups),
      titleSynonyms: synonymsFor([data.title, ...data.aliases].join('\n'), synonymGroups),
      order: data.order ?? null,
      lang: data.lang ?? config.defaultLang,
      revision,
      readingMinutes: readingMinutes(body),
    };
  };

  const articles: ArticleDoc[] = pagesOf(articleEntries).map((entry) => ({
    ...base(entry, 'articles'),
    kind: 'article',
    type: entry.data.type,
    entry,
  }));
  const tutorials: TutorialDoc[] = pagesOf(tutorialEntries).map((entry) => ({
    ...base(entry, 'tutorials'),
    kind: 'tutorial',
    type: 'tutorial',
    entry,
    duration: entry.data.duration ?? null,
    level: entry.data.level,
    prerequisites: entry.data.prerequisites,
    steps: entry.data.steps,
  }));

  const docs: Doc[] = [...articles, ...tutorials].sort((a, b) => a.title.localeCompare(b.title));
  const bySlug = new Map(docs.map((d) => [d.slug, d]));
  for (const doc of docs) {
    for (const slug of doc.relatedSlugs) {
      if (!bySlug.has(slug)) throw new ContentError(doc.file, 'related', `no published article or tutorial has the slug "${slug}"`);
    }
    if (doc.kind === 'tutorial') checkTutorialSteps(doc, bodies.get(doc.slug)!);
    if (doc.kind === 'article') doc.category.count += 1;
  }
  const list = [...categories.values()].filter((c) => c.count > 0);
  const pins = readPinnedAnswers(bySlug);
  const redirects = redirectsOf([
    ...docs.flatMap((d) => d.redirectFrom.map((from) => ({ from, to: d.url, file: d.file }))),
    ...stubs.flatMap((e) => e.data.redirect_from.map((from) => ({ from, to: e.data.redirect_to ?? '/', file: e.filePath ?? '' }))),
  ]);
  const ticketTags = readContentJson(TICKET_TAGS_FILE, TicketTagsFileSchema) ?? {};
  return { docs, redirects, bySlug, articles, tutorials, categories: list, pins, synonyms: synonymGroups, ticketTags };
}

const pagesOf = <E extends ArticleEntry | TutorialEntry>(entries: E[]) => entries.filter((e) => e.data.redirect_to === undefined);

// The help center's own addresses: an old path must not take their place.
const OWN_PATHS = /^\/(?:$|articles\/|tutorials\/?|categories\/|search\/?|reports|api\/|_astro\/|pagefind\/|kb-manifest)/;

/** One redirect per old path (the first file listing it keeps it), never over a page of the help center. */
function redirectsOf(listed: (Redirect & { file: string })[]): Redirect[] {
  const byPath = new Map<string, Redirect & { file: string }>();
  for (const r of listed) {
    const key = r.from.replace(/^\/+|\/+$/g, '');
    const first = byPath.get(key);
    if (OWN_PATHS.test(`/${key}`))
      addContentWarning({
        kind: 'redirect',
        file: r.file,
        reference: r.from,
        problem: "no redirect from one of the help center's own paths",
      });
    else if (first && first.to !== r.to)
      addContentWarning({
        kind: 'redirect',
        file: r.file,
        reference: `${r.from} (kept for ${first.file})`,
        problem: 'old path claimed twice',
      });
    else if (!first) byPath.set(key, r);
  }
  return [...byPath.values()].map(({ from, to }) => ({ from, to }));
}

let cached: Promise<Catalog> | undefined;

/** Built once per build (pages share it); rebuilt on every request in dev so edits show up. */
export function getCatalog(): Promise<Catalog> {
  if (import.meta.env.DEV) return buildCatalog();
  cached ??= buildCatalog();
  return cached;
}

export function relatedDocs(catalog: Catalog, doc: Doc): Doc[] {
  return doc.relatedSlugs.map((slug) => catalog.bySlug.get(slug)!).filter(Boolean);
}
