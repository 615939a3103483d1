/**
 * Frontmatter fields from a provider's values, within what Lantern accepts (src/schemas/frontmatter.ts): what does not
 * fit is left out with a warning rather than stopping the import.
 */

const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 40;
const MAX_REDIRECT_LENGTH = 300;
const SITE_PATH = /^\/[^\s?#]*$/;

/** Labels as tags: trimmed, each once, at most 20 of at most 40 characters; undefined when none are left. */
export function articleTags(labels: string[], warn: (message: string) => void): string[] | undefined {
  const tags = [...new Set(labels.map((l) => l.trim()).filter(Boolean))];
  const long = tags.filter((t) => t.length > MAX_TAG_LENGTH);
  if (long.length) warn(`has labels longer than ${MAX_TAG_LENGTH} characters, left out of its tags: ${long.join(', ')}`);
  const kept = tags.filter((t) => t.length <= MAX_TAG_LENGTH);
  if (kept.length > MAX_TAGS) warn(`has ${kept.length} labels; its tags keep the first ${MAX_TAGS}`);
  return kept.length ? kept.slice(0, MAX_TAGS) : undefined;
}

/**
 * The old address's path, so the old link leads to the new page. Written decoded (`/hc/fr/articles/1-Réglages`): a
 * server decodes a request's path before it looks for the redirect page, so that is the folder it must be in.
 */
export function redirectPath(url: URL | undefined, warn: (message: string) => void): string[] | undefined {
  if (!url) return undefined;
  let path = url.pathname;
  try {
    const decoded = decodeURIComponent(path);
    if (SITE_PATH.test(decoded)) path = decoded;
  } catch {
    // Not valid percent-encoding: the path is kept as the provider wrote it.
  }
  if (!SITE_PATH.test(path) || path.length > MAX_REDIRECT_LENGTH) {
    warn(`has an old address Lantern cannot redirect from (${path.slice(0, 80)}), so it has no redirect_from`);
    return undefined;
  }
  return [path];
}

const language = (tag: string) => tag.split('-')[0]!.toLowerCase();

/** `lang` only for an article in another language than the site's: `fr`, `pt-BR` for the locale `pt-br`. */
export function langField(locale: string | undefined, defaultLang: string, warn: (message: string) => void): string | undefined {
  if (!locale || language(locale) === language(defaultLang)) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    warn(`has the locale "${locale}", which is not a language tag, so it has no lang`);
    return undefined;
  }
}
