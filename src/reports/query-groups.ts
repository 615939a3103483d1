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

/** At most one insertion, deletion or substitution apart. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Two group keys with the same words, except that words of 5 letters or more may differ by one typo. */
export function nearDuplicateKeys(a: string, b: string): boolean {
  if (a === b) return true;
  const [wa, wb] = [a.split(' '), b.split(' ')];
  return wa.length === wb.length && wa.every((w, i) => w === wb[i] || (w.length >= 5 && wb[i]!.length >= 5 && oneEditApart(w, wb[i]!)));
}
