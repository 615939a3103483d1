/**
 * Loads a collection from content/ at any depth. Astro's glob loader cannot open files whose names
 * contain "?", "#" or "%" (common in exported help centers: "How do I reset my password?.md"), so
 * those Markdown files are loaded here and everything else is left to glob().
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { relative } from 'node:path';
import { glob as globLoader, type Loader } from 'astro/loaders';
import { parseFrontmatter } from 'astro/markdown';
import { glob } from 'tinyglobby';
import { claimSlug, ContentError } from './slug-registry.ts';
import { contentDir } from './content-dir.ts';

const AWKWARD = '**/*[?#%]*';

export function helpCenterLoader(collection: 'articles' | 'tutorials'): Loader {
  const base = `${contentDir()}/${collection}`;
  const inner = globLoader({
    pattern: ['**/*.{md,mdx}', `!${AWKWARD}`],
    base,
    generateId: ({ entry, data }) => claimSlug(collection, entry, data),
    // The catalog reads each source file anyway (for its revision) and takes the body from it. Kept in the store, every
    // body would also be compiled into the build's content module, whose compile time grows faster than its size.
    retainBody: false,
  });
  return {
    name: 'lantern-content',
    load: async (context) => {
      await inner.load(context);
      const awkward = await glob(['**/*.{md,mdx}'], { cwd: base, expandDirectories: false });
      for (const entry of awkward.filter((e) => /[?#%]/.test(e))) {
        const path = `${base}/${entry}`;
        const file = relative(process.cwd(), path);
        if (entry.endsWith('.mdx')) {
          throw new ContentError(file, 'file name', 'an MDX file name cannot contain "?", "#" or "%"; rename the file');
        }
        const source = await readFile(path, 'utf8');
        const { frontmatter, content } = parseFrontmatter(source);
        const id = claimSlug(collection, entry, frontmatter);
        const data = await context.parseData({ id, data: frontmatter, filePath: path });
        const rendered = await context.renderMarkdown(content, { fileURL: pathToFileURL(path) });
        context.store.set({ id, data, filePath: file, digest: context.generateDigest(source), rendered });
      }
    },
  };
}
