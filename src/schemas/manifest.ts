/** The build's list of published articles and tutorials, read by the events API to check slugs and stamp revisions. */
import { z } from 'zod';

export const MANIFEST_FILE = 'kb-manifest.json';

export const ManifestEntrySchema = z.object({
  kind: z.enum(['article', 'tutorial']),
  title: z.string(),
  url: z.string(),
  file: z.string(),
  revision: z.string(),
  category: z.string(),
  product_area: z.string().nullable(),
  type: z.string(),
  lang: z.string(),
  steps: z.number().int().nullable(),
  /** YYYY-MM-DD, from the frontmatter's `reviewed`. */
  reviewed: z.string().nullable(),
  has_description: z.boolean(),
  /** The frontmatter's `owner` (an email, by convention); absent from manifests built before it was listed. */
  owner: z.string().nullable().default(null),
});
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

/**
 * A term the build's search finds a page by beyond its text: an article's title and aliases, a pinned query, a term
 * of a synonym group (no article). The server records the day it first sees each, so the search report can tell
 * whether the term closed a gap.
 */
export const SearchTermSchema = z.object({
  kind: z.enum(['title', 'alias', 'pin', 'synonym']),
  text: z.string(),
  article: z.string().nullable(),
});
export type SearchTerm = z.infer<typeof SearchTermSchema>;

export const ManifestSchema = z.object({
  generated_at: z.string(),
  articles: z.record(z.string(), ManifestEntrySchema),
  // A manifest written before the search terms were has none.
  search_terms: z.array(SearchTermSchema).default([]),
  /** content/ticket-tags.json: ticket tag → product area (none in manifests built before it was listed). */
  ticket_tags: z.record(z.string(), z.string()).default({}),
});
export type Manifest = z.infer<typeof ManifestSchema>;
