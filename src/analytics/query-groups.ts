/**
 * Groups near-duplicate queries: "reset password" and "Password resets" share a key (sorted, stemmed words),
 * and keys whose words differ by one typo ("payrol" / "payroll") are near-duplicates.
 */
// The key moved to src/domain/ so the browser's pinned answers match queries the way the reports group them.
export { queryGroupKey } from '../domain/query-group-key.ts';

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
