/** The normalized form queries are counted under: trimmed, lower-cased, whitespace collapsed. */
export function normalizeQuery(query: string): string {
  return query.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}
