/**
 * Damerau–Levenshtein distance in its optimal string alignment form: insertions, deletions, substitutions and swaps of
 * two adjacent letters each cost one, and no letter is edited twice. Counted in code points, and bounded: a correction
 * only asks whether two words are within one or two edits, so the count stops as soon as they are not.
 */

/** The distance between `a` and `b`, or `max + 1` when it is larger than `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  const width = t.length + 1;
  // Three rows of the table: the one two above (for swaps), the one above and the one being filled.
  let before = new Array<number>(width).fill(0);
  let above = Array.from({ length: width }, (_, j) => j);
  let row = new Array<number>(width).fill(0);
  for (let i = 1; i <= s.length; i++) {
    row[0] = i;
    let smallest = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row[j] = d;
      if (d < smallest) smallest = d;
    }
    // No cell of a later row can be smaller than the smallest of this one (a swap reaches back two rows, but the row
    // between holds that cell plus at most one), so past `max` the words are too far apart.
    if (smallest > max) return max + 1;
    [before, above, row] = [above, row, before];
  }
  return Math.min(above[t.length]!, max + 1);
}
