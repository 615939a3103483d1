/**
 * An Intercom Help Center export: collections and articles in the shapes of Intercom's REST API, each either the API's
 * list object (`{ "type": "list", "data": [...] }`) or a plain array.
 */
import { z } from 'zod';
import { knownIds, noParentLoops, uniqueIds, unlessMissing } from './export-references.ts';

// Ids are strings in the current API and were integers in older versions: both are read, as strings.
const id = z
  .union([z.string().regex(/^[A-Za-z0-9_-]{1,40}$/), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)], {
    error: unlessMissing('must be an id like "6871119"'),
  })
  .transform(String);
const text = (max: number) => z.string().max(max).nullish();
const url = z.url({ protocol: /^https?$/, error: unlessMissing('must be an http(s) URL') }).max(2_000);
const locale = z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, 'must be a locale like "en"');
const seconds = z.number().int().nonnegative().max(32_503_680_000, 'must be a time in seconds since 1970');

export const IntercomCollectionSchema = z.object({
  id,
  name: z.string().trim().min(1, 'must not be empty').max(500),
  description: text(10_000),
  url: url.nullish(),
  order: z.number().int().nullish(),
  parent_id: id.nullish(),
  default_locale: locale.nullish(),
});
export type IntercomCollection = z.infer<typeof IntercomCollectionSchema>;

export const IntercomArticleSchema = z.object({
  id,
  title: z.string().trim().min(1, 'must not be empty').max(500),
  description: text(10_000),
  body: text(5_000_000),
  // The API's own default: an article that does not say it is published is a draft.
  state: z.enum(['published', 'draft']).default('draft'),
  updated_at: seconds.nullish(),
  // Null for an article never published: it has no public address yet.
  url: url.nullish(),
  parent_id: id.nullish(),
  // Every collection above it, outermost first: read when parent_id names a section the export does not list.
  parent_ids: z.array(id).max(50).nullish(),
  default_locale: locale.nullish(),
});
export type IntercomArticle = z.infer<typeof IntercomArticleSchema>;

/** The API's list object is unwrapped here; `issuePath` puts its `data` back into the path of an error. */
const listOf = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess(
    (value) => (isListObject(value) ? value.data : value),
    z.array(item, { error: 'must be a list object ({ "type": "list", "data": [...] }) or an array' }).max(max),
  );

export function isListObject(value: unknown): value is { type: 'list'; data: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { type?: unknown }).type === 'list';
}

export const IntercomExportSchema = z
  .object({
    collections: listOf(IntercomCollectionSchema, 10_000),
    articles: listOf(IntercomArticleSchema, 100_000),
  })
  .superRefine(({ collections, articles }, ctx) => {
    uniqueIds('collections', collections, ctx);
    uniqueIds('articles', articles, ctx);
    const collectionIds = new Set(collections.map((c) => c.id));
    knownIds('collections', 'parent_id', collections, collectionIds, 'collection', ctx);
    noParentLoops('collections', 'parent_id', collections, ctx);
  });
export type IntercomExport = z.infer<typeof IntercomExportSchema>;

/** Where an issue is in the file as written: `articles[3].title` in an array is `articles.data[3].title` in a list object. */
export function issuePath(raw: unknown, path: readonly PropertyKey[]): PropertyKey[] {
  const [list, ...rest] = path;
  const value = typeof raw === 'object' && raw !== null && typeof list === 'string' ? (raw as Record<string, unknown>)[list] : undefined;
  return isListObject(value) && rest.length > 0 ? [list!, 'data', ...rest] : [...path];
}
