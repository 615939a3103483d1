/**
 * Groups near-duplicate queries: "reset password" and "Password resets" share a key (sorted, stemmed words),
 * and keys whose words differ by one typo ("payrol" / "payroll") are near-duplicates.
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

/** Shortest word a typo is forgiven in: in shorter ones one letter changes the meaning ("tax", "taxi"). */
const MIN_TYPO_WORD = 5;

/**
 * The keys under which a group key is filed: itself, and itself with one letter dropped from one word of
 * 5 or more letters (when what is left still has 5). Two keys share one exactly when their words match
 * except for one typo (a letter missing, extra, changed or swapped) — found by lookup, not by comparing
 * every pair, so grouping stays linear in the number of queries.
 */
export function nearDuplicateSignatures(key: string): string[] {
  const words = key.split(' ');
  const out = [key];
  words.forEach((word, i) => {
    if (word.length <= MIN_TYPO_WORD) return;
    for (let j = 0; j < word.length; j++) {
      const shorter = word.slice(0, j) + word.slice(j + 1);
      out.push(`${i}\u0000${words.slice(0, i).join(' ')}\u0000${shorter}\u0000${words.slice(i + 1).join(' ')}`);
    }
  });
  // The unchanged key also answers for a longer neighbour with one letter dropped from word i.
  words.forEach((word, i) => {
    if (word.length >= MIN_TYPO_WORD)
      out.push(`${i}\u0000${words.slice(0, i).join(' ')}\u0000${word}\u0000${words.slice(i + 1).join(' ')}`);
  });
  return [...new Set(out)];
}
