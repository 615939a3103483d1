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

export function queryGroupKey(query: string): string {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOP_WORDS.has(w))
    .map(stem);
  return [...new Set(words)].sort().join(' ') || query.toLowerCase();
}
