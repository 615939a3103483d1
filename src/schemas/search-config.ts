/** How writers tune the search: content/synonyms.json, content/pins.json, and the pins file the build serves. */
import { z } from 'zod';
import { SLUG_PATTERN } from '../domain/slug-pattern.ts';

// A term or query of punctuation alone would match every page or none: each needs a letter or a digit.
const words = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .regex(/[\p{L}\p{N}]/u, 'must contain a letter or a digit');

/** Words readers use for the same thing ("refund", "money back"): a query with one finds pages with another. */
export const SynonymGroupSchema = z.array(words(60)).min(2, 'a group needs at least 2 terms').max(20, 'a group has at most 20 terms');
export type SynonymGroup = z.infer<typeof SynonymGroupSchema>;

// Bounded like every input: each page is checked against every term of every group when the site builds.
export const SynonymsFileSchema = z.array(SynonymGroupSchema).max(500, 'at most 500 groups');
export type SynonymsFile = z.infer<typeof SynonymsFileSchema>;

/** An article (or tutorial) shown first, marked "Recommended", for the queries listed. */
export const PinSchema = z.strictObject({
  // As long as a query the events API accepts: a longer one can never be typed into the search.
  queries: z.array(words(200)).min(1, 'must list at least one query').max(50),
  article: z.string().max(120).regex(SLUG_PATTERN, 'must be the slug of a published article, like "refund-a-payment"'),
});
export type Pin = z.infer<typeof PinSchema>;

export const PinsFileSchema = z.array(PinSchema).max(500, 'at most 500 pins');
export type PinsFile = z.infer<typeof PinsFileSchema>;

/** One pin as the browser gets it: the pinned page's address and what a result shows, so no search is needed. */
export const PinnedAnswerSchema = z.object({
  queries: z.array(z.string()),
  slug: z.string(),
  url: z.string(),
  title: z.string(),
  description: z.string(),
  /** The category's title and the page's type, as the search filters name them. */
  category: z.string(),
  type: z.string(),
});
export type PinnedAnswer = z.infer<typeof PinnedAnswerSchema>;

export const SEARCH_PINS_FILE = 'search-pins.json';

export const SearchPinsSchema = z.object({ pins: z.array(PinnedAnswerSchema) });
export type SearchPins = z.infer<typeof SearchPinsSchema>;
