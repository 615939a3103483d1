/** The normalized form queries are counted under: trimmed, lower-cased, whitespace collapsed. */
export function normalizeQuery(query: string): string {
  return query.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** An event's query, and a search's correction, as they are counted. */
export function normalizedQueries(event: { type: string; query?: string; corrected?: { query: string } }): {
  normalizedQuery: string | null;
  normalizedCorrection?: string;
} {
  const normalizedQuery = event.query === undefined ? null : normalizeQuery(event.query);
  return event.corrected ? { normalizedQuery, normalizedCorrection: normalizeQuery(event.corrected.query) } : { normalizedQuery };
}
