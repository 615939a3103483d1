/**
 * The key near-duplicate queries share: "reset password" and "Password resets" both give "password reset" (sorted,
 * stemmed words without the common ones). Shared by the search reports and the browser's pinned answers.
 */
const STOP_WORDS = new Set(['a', 'an', 'the', 'to', 'my', 'i', 'how', 'do', 'can', 'of', 'in', 'on', 'for', 'is', 'what', 'why', 'your']);

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The words of a query that count, each with the stem it is grouped by, in the order typed. */
export function keyWords(query: string): { word: string; stem: string }[] {
  return query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOP_WORDS.has(w))
    .map((word) => ({ word, stem: stem(word) }));
}

export function queryGroupKey(query: string): string {
  return [...new Set(keyWords(query).map((w) => w.stem))].sort().join(' ') || query.toLowerCase();
}
