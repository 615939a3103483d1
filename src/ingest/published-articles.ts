/** The build's manifest as the API sees it: which slugs exist, and each one's current revision. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MANIFEST_FILE, ManifestSchema, type Manifest } from '../schemas/manifest.ts';

export interface PublishedArticles {
  get(slug: string): Manifest['articles'][string] | undefined;
  /** The whole manifest and the file's modification time, which changes with every build. */
  current(): {
    articles: Manifest['articles'];
    searchTerms: Manifest['search_terms'];
    ticketTags: Manifest['ticket_tags'];
    version: number;
  };
}

/** Finds dist/client/kb-manifest.json from wherever the server bundle runs (the dev server; `npm start` is told). */
export function findManifest(from: string): string | undefined {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'client', MANIFEST_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** Reads the manifest, and again when the file changes (a rebuild while the server runs). */
export function manifestFile(path: string): PublishedArticles {
  let mtime = -1;
  let articles: Manifest['articles'] = {};
  let searchTerms: Manifest['search_terms'] = [];
  let ticketTags: Manifest['ticket_tags'] = {};
  let checkedAt = 0;
  const refresh = () => {
    const now = Date.now();
    if (now - checkedAt < 2000) return;
    checkedAt = now;
    const m = statSync(path).mtimeMs;
    if (m === mtime) return;
    ({ articles, search_terms: searchTerms, ticket_tags: ticketTags } = ManifestSchema.parse(JSON.parse(readFileSync(path, 'utf8'))));
    mtime = m;
  };
  refresh();
  return {
    get(slug) {
      refresh();
      return Object.hasOwn(articles, slug) ? articles[slug] : undefined;
    },
    current() {
      refresh();
      return { articles, searchTerms, ticketTags, version: mtime };
    },
  };
}
