/** Turns file names and titles into URL slugs that survive any exported help center's naming. */

/**
 * "How do I reset my password?.md" → "how-do-i-reset-my-password".
 * Accents are folded to ASCII; letters of other scripts (Chinese, Cyrillic) are kept, because
 * dropping them would make different titles collide on an empty slug.
 */
export function slugify(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^\p{Letter}\p{Number}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** The slug of a content file: its base name without extension, slugified. */
export function slugFromPath(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return slugify(base.replace(/\.(md|mdx|markdown)$/i, ''));
}

/** The folder a content file sits in, relative to its collection root ("" at the root). */
export function folderFromPath(path: string): string {
  const parts = path.split(/[\\/]/);
  parts.pop();
  return parts.join('/');
}
