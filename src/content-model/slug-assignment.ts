/**
 * Gives every article and tutorial its slug, one namespace across both (events name a page by slug alone). Slugs a
 * writer set must be unique; slugs derived from file names that collide (a `troubleshooting.md` per product) are made
 * unique by their folders, the same way on every build.
 */
import { ContentError } from './content-error.ts';
import { slugify } from './slug.ts';

export interface SlugClaim {
  /** The file as the writer knows it, e.g. content/articles/android/pkg.md. */
  file: string;
  /** Folders inside the collection, outermost first. */
  folders: string[];
  /** From the file name (or the generator's id, or the title when the name has no letters): never empty. */
  derived: string;
  /** Set in the frontmatter. */
  explicit: string | undefined;
}

export interface RenamedSlugs {
  slug: string;
  files: string[];
  given: string[];
}

/** Slugs by claim, and the derived slugs that had to change. Throws when two files set the same slug. */
export function assignSlugs(claims: readonly SlugClaim[]): { slugs: string[]; renamed: RenamedSlugs[] } {
  const slugs: string[] = new Array(claims.length);
  const owner = new Map<string, number>();
  const byFile = [...claims.keys()].sort((a, b) => (claims[a].file < claims[b].file ? -1 : 1));
  for (const i of byFile) {
    const slug = claims[i].explicit;
    if (slug === undefined) continue;
    const first = owner.get(slug);
    if (first !== undefined) throw new ContentError(claims[i].file, 'slug', `slug "${slug}" is already set by ${claims[first].file}`);
    owner.set(slug, i);
    slugs[i] = slug;
  }
  const groups = new Map<string, number[]>();
  for (const i of byFile)
    if (claims[i].explicit === undefined) groups.set(claims[i].derived, [...(groups.get(claims[i].derived) ?? []), i]);
  const taken = new Set(owner.keys());
  const clashes: [string, number[]][] = [];
  for (const [slug, members] of groups) {
    if (members.length === 1 && !taken.has(slug)) {
      slugs[members[0]] = slug;
      taken.add(slug);
    } else clashes.push([slug, members]);
  }
  const renamed: RenamedSlugs[] = [];
  for (const [slug, members] of clashes.sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const i of members) {
      const { folders } = claims[i];
      const byFolder = folders.map((_, d) => slugify(`${folders.slice(folders.length - 1 - d).join('-')}-${slug}`));
      let given = byFolder.find((candidate) => !taken.has(candidate));
      for (let n = 2; given === undefined; n++) if (!taken.has(`${slug}-${n}`)) given = `${slug}-${n}`;
      slugs[i] = given;
      taken.add(given);
    }
    const holder = owner.get(slug);
    const files = [...(holder === undefined ? [] : [holder]), ...members].map((i) => claims[i].file);
    renamed.push({ slug, files, given: members.map((i) => slugs[i]) });
  }
  return { slugs, renamed };
}
