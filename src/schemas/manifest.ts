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
});
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

export const ManifestSchema = z.object({
  generated_at: z.string(),
  articles: z.record(z.string(), ManifestEntrySchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;
