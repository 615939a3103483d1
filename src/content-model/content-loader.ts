/**
 * Loads a collection from the content folder at any depth, with each file's slug and fields from the content
 * inventory. Astro's glob loader reads and renders the files; it cannot open names containing "?", "#" or "%" (common in
 * exported help centers: "How do I reset my password?.md"), so those Markdown files are loaded here.
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { glob as globLoader, type Loader, type ParseDataOptions } from 'astro/loaders';
import { parseFrontmatter } from 'astro/markdown';
import { glob } from 'tinyglobby';
import { ContentError } from './content-error.ts';
import { IGNORED, type Collection, type ContentInventory } from './content-inventory.ts';
import { slugFromPath } from './slug.ts';
import { TutorialFrontmatterSchema } from '../schemas/frontmatter.ts';

const AWKWARD = /[?#%]/;

// Astro keeps an entry's parsed fields while its file is unchanged, and clears its store only when content.config.ts
// itself changes: a field added to the frontmatter schemas (with its default) would be missing from every cached entry.
// The schemas' field names (a tutorial's are all of them) go into each entry's digest, so a new field re-reads the files.
const SCHEMA_FIELDS = Object.keys(TutorialFrontmatterSchema.shape).join(' ');

export function helpCenterLoader(collection: Collection, inventory: ContentInventory): Loader {
  return {
    name: 'lantern-content',
    load: async (context) => {
      const base = join(inventory.root, collection);
      const pages = await inventory.pages();
      // A file added while the dev server runs is not in the inventory: it keeps its own fields and file-name slug.
      const pageOf = (path: string, data: Record<string, unknown>) => pages.get(path) ?? { slug: slugFromPath(relative(base, path)), data };
      const inner = globLoader({
        pattern: ['**/*.{md,mdx}', '!**/*[?#%]*', ...IGNORED.map((p) => `!${p}`)],
        base,
        generateId: ({ entry, base: at, data }) => pageOf(join(fileURLToPath(at), entry), data).slug,
        // The catalog reads each source file anyway (for its revision) and takes the body from it. Kept in the store,
        // every body would also be compiled into the build's content module, whose compile time grows faster than its
        // size.
        retainBody: false,
      });
      const digest = (data: Record<string, unknown> | string) =>
        context.generateDigest(typeof data === 'string' ? `${SCHEMA_FIELDS}\n${data}` : data);
      await inner.load({
        ...context,
        generateDigest: digest,
        parseData: <T extends Record<string, unknown>>(props: ParseDataOptions<T>) =>
          context.parseData({ ...props, data: pageOf(props.filePath ?? '', props.data).data as T }),
      });
      const awkward = await glob(['**/*.{md,mdx}'], { cwd: base, ignore: IGNORED, expandDirectories: false });
      for (const entry of awkward.filter((e) => AWKWARD.test(e))) {
        const path = join(base, entry);
        const file = relative(process.cwd(), path);
        if (entry.endsWith('.mdx')) {
          throw new ContentError(file, 'file name', 'an MDX file name cannot contain "?", "#" or "%"; rename the file');
        }
        const source = await readFile(path, 'utf8');
        const { frontmatter, content } = parseFrontmatter(source);
        const { slug: id, data: fields } = pageOf(path, frontmatter);
        const data = await context.parseData({ id, data: fields, filePath: path });
        const rendered = await context.renderMarkdown(content, { fileURL: pathToFileURL(path) });
        context.store.set({ id, data, filePath: file, digest: digest(source), rendered });
      }
    },
  };
}
