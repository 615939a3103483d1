/**
 * Every article and tutorial file read once before the collections load: what other generators' frontmatter means
 * here, a title where the file has none, one slug per file across both collections, and the warnings a writer should
 * see. The collections' loaders ask it for each file's slug and fields.
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseFrontmatter } from 'astro/markdown';
import { glob } from 'tinyglobby';
import { addContentWarning } from '../integrations/content-warnings.ts';
import { ContentError } from './content-error.ts';
import { readGeneratorFrontmatter } from './generator-frontmatter.ts';
import { linesOutsideCode } from './plain-text.ts';
import { assignSlugs, type SlugClaim } from './slug-assignment.ts';
import { slugFromPath, slugify } from './slug.ts';
import { templateTags } from './template-tags.ts';

export type Collection = 'articles' | 'tutorials';
export const COLLECTIONS: readonly Collection[] = ['articles', 'tutorials'];

/** Files and folders whose names start with "_" are templates, partials and section indexes, as in Astro, Jekyll and Hugo. */
export const IGNORED = ['**/_*', '**/_*/**'];

export interface ContentPage {
  slug: string;
  /** The fields for the frontmatter schema. */
  data: Record<string, unknown>;
}

interface ReadFile extends SlugClaim {
  collection: Collection;
  path: string;
  data: Record<string, unknown>;
}

const FIRST_HEADING = /^#\s+(.+?)\s*#*\s*$/;

export class ContentInventory {
  readonly root: string;
  #pages: Promise<Map<string, ContentPage>> | undefined;

  constructor(root: string) {
    this.root = root;
  }

  /** The page a file becomes, by its absolute path; read once, for both collections at once. */
  pages(): Promise<Map<string, ContentPage>> {
    this.#pages ??= this.#read();
    return this.#pages;
  }

  async #read(): Promise<Map<string, ContentPage>> {
    const files: ReadFile[] = [];
    for (const collection of COLLECTIONS) {
      const base = join(this.root, collection);
      const entries = await glob(['**/*.{md,mdx}'], { cwd: base, ignore: IGNORED, expandDirectories: false });
      for (const entry of entries.sort()) files.push(await readContentFile(collection, base, entry));
    }
    // Redirect stubs are not pages: they keep out of the slugs' namespace.
    const published = files.filter((f) => f.data.redirect_to === undefined);
    const { slugs, renamed } = assignSlugs(published);
    for (const r of renamed) {
      // Filed under the first file whose slug changed; a file that set the slug itself comes first in `files`.
      const first = r.files.length - r.given.length;
      addContentWarning({
        kind: 'slug',
        file: r.files[first],
        reference: `${r.files.filter((_, i) => i !== first).join(', ')} (published as ${r.given.join(', ')})`,
        problem: `slug "${r.slug}" shared with`,
      });
    }
    const pages = new Map(published.map((f, i) => [f.path, { slug: slugs[i], data: f.data }]));
    resolveRedirectTargets(published, files, pages);
    for (const f of files) if (!pages.has(f.path)) pages.set(f.path, { slug: `redirect:${relative(this.root, f.path)}`, data: f.data });
    return pages;
  }
}

async function readContentFile(collection: Collection, base: string, entry: string): Promise<ReadFile> {
  const path = join(base, entry);
  const file = relative(process.cwd(), path);
  const source = await readFile(path, 'utf8');
  let parsed: ReturnType<typeof parseFrontmatter>;
  try {
    parsed = parseFrontmatter(source);
  } catch (error) {
    throw new ContentError(file, 'frontmatter', `is not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const read = readGeneratorFrontmatter(parsed.frontmatter ?? {});
  for (const d of read.dropped) addContentWarning({ kind: 'frontmatter', file, reference: d.problem, problem: `"${d.field}" set aside` });
  const { data } = read;
  const name = entry
    .split('/')
    .pop()!
    .replace(/\.mdx?$/, '');
  if (data.redirect_to !== undefined) {
    // A redirect stub: no page of its own, only its old address.
    data.title ??= `Redirect to ${String(data.redirect_to)}`;
    if (data.redirect_from === undefined) data.redirect_from = [`/${entry.replace(/\.mdx?$/, '')}/`];
  } else if (data.title === undefined) {
    const heading = linesOutsideCode(parsed.content)
      .map((line) => FIRST_HEADING.exec(line)?.[1])
      .find((h) => h !== undefined);
    data.title = heading ?? read.label ?? name;
    const from = heading !== undefined ? 'its first heading' : read.label !== undefined ? 'its navigation label' : 'its file name';
    addContentWarning({ kind: 'title', file, reference: String(data.title), problem: `title taken from ${from}` });
  }
  if (entry.endsWith('.md')) {
    for (const tag of templateTags(parsed.content))
      addContentWarning({ kind: 'template', file, reference: tag, problem: 'template tag kept as text' });
  }
  const explicit = typeof data.slug === 'string' ? data.slug : undefined;
  return {
    collection,
    path,
    file,
    data,
    folders: entry.split('/').slice(0, -1),
    derived: slugify(read.slugName ?? '') || slugFromPath(entry) || slugify(String(data.title)) || 'page',
    explicit,
  };
}

/** A stub that leads to another page's old address leads to that page instead (one hop, not two). */
function resolveRedirectTargets(published: ReadFile[], files: ReadFile[], pages: Map<string, ContentPage>): void {
  const newHome = new Map<string, string>();
  const folder = (path: string) => path.replace(/\/?$/, '/');
  for (const f of published) {
    const url = `/${f.collection}/${pages.get(f.path)?.slug}/`;
    for (const from of (f.data.redirect_from as string[] | undefined) ?? []) newHome.set(folder(from), url);
  }
  for (const f of files) {
    const target = f.data.redirect_to;
    if (typeof target === 'string') f.data.redirect_to = newHome.get(folder(target)) ?? target;
  }
}
