/**
 * Known-item queries for the search-quality benchmark: for an article, the ways a reader who wants exactly it might
 * search — its title as typed, its key words, those words with a typo each, a question, and another word for one of
 * them from the site's synonyms.
 */
import { Random } from '../../src/demo/random.ts';

export const QUERY_FORMS = ['typed', 'key words', 'typo', 'question', 'synonym'] as const;
export type QueryForm = (typeof QUERY_FORMS)[number];

export interface KnownItemQuery {
  form: QueryForm;
  query: string;
  /** The article a reader typing it wants. */
  slug: string;
}

const STOP = new Set(
  'a an and are as at be by can do does for from how i in is it my of on or the this to what when where why with you your'.split(' '),
);

/** Words that say what the title is about: no stop words, no numbers in parentheses. */
export function keyWords(title: string): string[] {
  return title
    .replace(/\s*\(\d+\)$/, '')
    .split(/[^\p{L}\p{N}'’-]+/u)
    .filter((w) => w && !STOP.has(w.toLowerCase()));
}

/** One pair of neighbouring letters swapped inside each word of five letters or more (never the first letter). */
export function withTypos(words: string[], rng: Random): string[] {
  return words.map((w) => {
    if (w.length < 5) return w;
    const at = rng.int(1, w.length - 2);
    return `${w.slice(0, at)}${w[at + 1]}${w[at]}${w.slice(at + 2)}`;
  });
}

/** The title with one of its words replaced by another term of its synonym group, if any word has one. */
function synonymForm(title: string, synonyms: readonly string[][], rng: Random): string | undefined {
  const lower = title.toLowerCase();
  for (const group of synonyms) {
    const used = group.find((term) => new RegExp(`\\b${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(lower));
    if (!used) continue;
    const other = rng.pick(group.filter((t) => t !== used));
    return lower.replace(used, other);
  }
  return undefined;
}

export function knownItemQueries(
  articles: readonly { slug: string; title: string }[],
  synonyms: readonly string[][],
  seed: number,
): KnownItemQuery[] {
  const rng = new Random(seed);
  return articles.flatMap(({ slug, title }) => {
    const plain = title.replace(/\s*\(\d+\)$/, '');
    const words = keyWords(plain);
    const synonym = synonymForm(plain, synonyms, rng);
    const forms: [QueryForm, string | undefined][] = [
      ['typed', plain],
      ['key words', words.join(' ')],
      ['typo', withTypos(words, rng).join(' ')],
      // The question is asked in English: of an English title only.
      [
        'question',
        /^[\p{Script=Latin}\p{N}\p{P}\s]+$/u.test(plain) ? `how do I ${plain.charAt(0).toLowerCase()}${plain.slice(1)}?` : undefined,
      ],
      ['synonym', synonym],
    ];
    return forms.filter((f): f is [QueryForm, string] => Boolean(f[1])).map(([form, query]) => ({ form, query, slug }));
  });
}

/** success@1, success@5 and the mean reciprocal rank (over the first 10) of the ranked slugs each query got. */
export function rankScores(answers: { slug: string; ranked: (string | null)[] }[]): { at1: number; at5: number; mrr: number } {
  const n = answers.length || 1;
  const rank = (a: { slug: string; ranked: (string | null)[] }) => a.ranked.slice(0, 10).indexOf(a.slug) + 1;
  return {
    at1: answers.filter((a) => rank(a) === 1).length / n,
    at5: answers.filter((a) => rank(a) >= 1 && rank(a) <= 5).length / n,
    mrr: answers.reduce((sum, a) => sum + (rank(a) ? 1 / rank(a) : 0), 0) / n,
  };
}
