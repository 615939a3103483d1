/** content/pins.json checked against the published pages: the pages a search shows first for the queries listed. */
import { PinsFileSchema, type PinnedAnswer } from '../schemas/search-config.ts';
import { formatPath } from '../schemas/issues.ts';
import { contentFileLabel, readContentJson } from './content-json-file.ts';
import { ContentError } from './content-error.ts';
import type { Doc } from './catalog.ts';

export const PINS_FILE = 'pins.json';

/** Each pin with what the browser shows of its page; a pin to a slug that is not published stops the build. */
export function readPinnedAnswers(bySlug: ReadonlyMap<string, Doc>): PinnedAnswer[] {
  const pins = readContentJson(PINS_FILE, PinsFileSchema) ?? [];
  return pins.map((pin, i) => {
    const doc = bySlug.get(pin.article);
    if (!doc)
      throw new ContentError(
        contentFileLabel(PINS_FILE),
        formatPath([i, 'article']),
        `no published article or tutorial has the slug "${pin.article}"`,
      );
    return {
      queries: pin.queries,
      slug: doc.slug,
      url: doc.url,
      title: doc.title,
      description: doc.description,
      category: doc.category.title,
      type: doc.type,
    };
  });
}
