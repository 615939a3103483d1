/** Frontmatter of articles and tutorials: the writer-facing contract, validated at build time. */
import { z } from 'astro/zod';
import { SLUG_PATTERN as SLUG } from '../domain/slug-pattern.ts';

export const ARTICLE_TYPES = ['how-to', 'troubleshooting', 'faq', 'reference', 'announcement'] as const;
export const TUTORIAL_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;

const slug = z.string().max(120).regex(SLUG, 'must be a lowercase slug like "reset-your-password"');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
// YAML turns 2026-10-14 into a Date already; quoted strings are parsed, nonsense is rejected.
const date = z.coerce.date({ error: 'must be a date like 2026-10-14' });

export const ArticleFrontmatterSchema = z.object({
  title: text(200),
  description: text(300).optional(),
  slug: slug.optional(),
  /** A category id, or its name as a person writes it ("Privacy Guides"): the id is then the name's slug. */
  category: text(80).optional(),
  product_area: slug.optional(),
  type: z.enum(ARTICLE_TYPES).default('how-to'),
  tags: z.array(text(40)).max(20).default([]),
  /** Other names readers use for the subject ("money back" on a refunds article): searched with a high weight, never shown. */
  aliases: z.array(text(80)).max(20).default([]),
  updated: date.optional(),
  reviewed: date.optional(),
  owner: text(100).optional(),
  draft: z.boolean().default(false),
  related: z.array(slug).max(20).default([]),
  /** Listed by this number within its category (lower first), before pages without one. */
  order: z.number().min(-1e6).max(1e6).optional(),
  /** Makes the file a redirect from its `redirect_from` paths to this path or URL instead of a page. */
  redirect_to: z
    .string()
    .max(500)
    .regex(/^(\/[^\s]*|https?:\/\/\S+)$/, 'must be a site path starting with "/" or an http(s) URL')
    .optional(),
  redirect_from: z
    .array(
      z
        .string()
        .max(300)
        .regex(/^\/[^\s?#]*$/, 'must be a site path starting with "/"'),
    )
    .max(20)
    .default([]),
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag like "en", "zh" or "pt-BR"')
    .optional(),
});
export type ArticleFrontmatter = z.infer<typeof ArticleFrontmatterSchema>;

export const TutorialFrontmatterSchema = ArticleFrontmatterSchema.extend({
  duration: z.number().int().min(1).max(600).optional(),
  level: z.enum(TUTORIAL_LEVELS).default('beginner'),
  prerequisites: z.array(text(200)).max(20).default([]),
  steps: z.array(text(120)).min(1, 'must list at least one step').max(30),
});
export type TutorialFrontmatter = z.infer<typeof TutorialFrontmatterSchema>;

export const CategorySchema = z.object({
  id: slug,
  title: text(80),
  description: text(300).optional(),
});
export const CategoriesFileSchema = z.array(CategorySchema);
export type Category = z.infer<typeof CategorySchema>;
