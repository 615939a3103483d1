/** Gives every article and tutorial a slug and refuses a slug two files would share. */
import { slugFromPath } from './slug.ts';

// Slugs are one namespace across both collections: events name an article by slug alone.
const owners = new Map<string, string>();

export class ContentError extends Error {
  constructor(file: string, field: string, problem: string) {
    super(`${file}: ${field}: ${problem}`);
    this.name = 'ContentError';
  }
}

export function claimSlug(collection: string, entry: string, data: Record<string, unknown>): string {
  const file = `content/${collection}/${entry}`;
  const fromFrontmatter = typeof data.slug === 'string' && data.slug.length > 0;
  const slug = fromFrontmatter ? (data.slug as string) : slugFromPath(entry);
  if (!slug) throw new ContentError(file, 'slug', 'the file name has no letters or digits to make a slug from; add a "slug" field');
  const owner = owners.get(slug);
  if (owner && owner !== file) {
    throw new ContentError(file, fromFrontmatter ? 'slug' : 'file name', `slug "${slug}" is already used by ${owner}`);
  }
  owners.set(slug, file);
  return slug;
}
