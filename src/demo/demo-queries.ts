/**
 * What simulated readers type into search: a few wordings of each article's title, typos, and topics the help center
 * lacks.
 */
import type { Random } from './random.ts';

const STOP_WORDS = new Set(
  (
    'a an the your my our you i me we it its is are was be being been do does did to of in on for with and or from by at as ' +
    "how what when which why can can't isn't aren't don't doesn't won't more than one"
  ).split(' '),
);

/** Words too general to search with on their own ("set up", "turn on"). */
const WEAK_WORDS = new Set('set up turn run add use all first happens get make'.split(' '));

/** A few other things readers look for that the sample help center does not cover: noise next to the planted gap. */
const UNCOVERED = ['inventory tracking', 'timesheets', 'purchase orders', 'multi currency', 'budget', 'vat return'];

export interface QueryWordings {
  /** The key words of the title, 2–4 of them: what most readers type. */
  main: string;
  /** The same topic in other words (fewer words, another order, or "how to …"). */
  variants: string[];
  /** Misspelt wordings; search still finds the article. */
  typos: string[];
  /** The query search corrects a misspelt wording to, by wording: a word with a letter dropped is corrected. */
  corrections: ReadonlyMap<string, string>;
}

function keyWords(title: string): string[] {
  const words = title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' -]/gu, ' ')
    .split(/[\s-]+/)
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w));
  return words.length ? words : title.toLowerCase().split(/\s+/).slice(0, 3);
}

/**
 * Drops a letter in the middle of the longest word ("recuring invoices"): one edit, which search and reports both
 * forgive.
 */
function typo(words: string[]): string {
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  if (longest.length < 5) return `${words.join(' ')}s`;
  const i = Math.floor(longest.length / 2);
  const slipped = longest.slice(0, i) + longest.slice(i + 1);
  return words.map((w) => (w === longest ? slipped : w)).join(' ');
}

/** The wordings of one title, fixed per article (the same question is typed the same few ways). */
export function wordingsFor(title: string): QueryWordings {
  const words = keyWords(title);
  const main = words.slice(0, 4).join(' ');
  const specific = words.filter((w) => !WEAK_WORDS.has(w));
  const variants = new Set<string>();
  // The two most specific words ("recurring invoices"), and the whole title as readers paste it.
  if (specific.length >= 2) variants.add(specific.slice(0, 2).join(' '));
  variants.add(
    title
      .toLowerCase()
      .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  variants.delete(main);
  if (variants.size === 0) variants.add(`${main} help`);
  const misspelt = typo(words.slice(0, 4));
  // An added "s" is a word the index knows in another form: nothing to correct.
  const corrections = new Map(misspelt === `${main}s` ? [] : [[misspelt, main]]);
  return { main, variants: [...variants], typos: [misspelt], corrections };
}

/** Picks how this reader words the search: mostly the key words, sometimes another wording or a typo. */
export function pickWording(wordings: QueryWordings, rng: Random, avoid?: string): string {
  for (let attempt = 0; attempt < 4; attempt++) {
    const r = rng.next();
    const query = r < 0.6 ? wordings.main : r < 0.9 ? rng.pick(wordings.variants) : rng.pick(wordings.typos);
    if (query !== avoid) return query;
  }
  return wordings.main === avoid ? `${wordings.main} help` : wordings.main;
}

/**
 * The result count Pagefind would give a query: fixed per wording (the index does not change), 1–15 for a real topic.
 */
export function resultsFor(query: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < query.length; i++) h = Math.imul(h ^ query.charCodeAt(i), 0x01000193) >>> 0;
  return 1 + (h % 15);
}

export function uncoveredQuery(rng: Random): string {
  return rng.pick(UNCOVERED);
}
