/** A Zendesk Help Center export: categories, sections and articles in the Help Center API's shapes. */
import { z } from 'zod';
import { knownIds, noParentLoops, uniqueIds, unlessMissing } from './export-references.ts';

// Fields the importer does not read (votes, permission groups, content tags…) are allowed and ignored, so a file saved
// straight from the API, or from a later API version, is accepted as it is.
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const name = z.string().trim().min(1, 'must not be empty').max(500);
const description = z.string().max(10_000).nullish();
const url = z.url({ protocol: /^https?$/, error: unlessMissing('must be an http(s) URL') }).max(2_000);
const locale = z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, 'must be a locale like "en-us"');
const time = z.iso.datetime({ offset: true, error: unlessMissing('must be a time like 2026-10-14T09:30:00Z') });

export const ZendeskCategorySchema = z.object({
  id,
  name,
  description,
  html_url: url.nullish(),
  position: z.number().int().nullish(),
  locale: locale.nullish(),
});
export type ZendeskCategory = z.infer<typeof ZendeskCategorySchema>;

export const ZendeskSectionSchema = ZendeskCategorySchema.extend({
  category_id: id,
  // Only help centers with nested sections send it; null or absent means the section sits in its category.
  parent_section_id: id.nullish(),
});
export type ZendeskSection = z.infer<typeof ZendeskSectionSchema>;

export const ZendeskArticleSchema = z.object({
  id,
  title: name,
  html_url: url,
  section_id: id,
  // The API sends null for an article saved without content.
  body: z.string().max(5_000_000).nullish(),
  draft: z.boolean().default(false),
  locale,
  updated_at: time,
  label_names: z.array(z.string().max(1_000)).max(1_000).default([]),
});
export type ZendeskArticle = z.infer<typeof ZendeskArticleSchema>;

export const ZendeskExportSchema = z
  .object({
    categories: z.array(ZendeskCategorySchema).max(10_000),
    sections: z.array(ZendeskSectionSchema).max(50_000),
    articles: z.array(ZendeskArticleSchema).max(100_000),
  })
  .superRefine(({ categories, sections, articles }, ctx) => {
    uniqueIds('categories', categories, ctx);
    uniqueIds('sections', sections, ctx);
    uniqueIds('articles', articles, ctx);
    const categoryIds = new Set(categories.map((c) => c.id));
    const sectionIds = new Set(sections.map((s) => s.id));
    knownIds('sections', 'category_id', sections, categoryIds, 'category', ctx);
    knownIds('sections', 'parent_section_id', sections, sectionIds, 'section', ctx);
    knownIds('articles', 'section_id', articles, sectionIds, 'section', ctx);
    noParentLoops('sections', 'parent_section_id', sections, ctx);
  });
export type ZendeskExport = z.infer<typeof ZendeskExportSchema>;
