/**
 * Synonyms, expanded when the site is indexed: a page whose text uses a term of a group (content/synonyms.json) carries
 * the group's other terms for the search, so a reader's word finds the page written with another.
 */
import { SynonymsFileSchema, type SynonymGroup } from '../schemas/search-config.ts';
import { readContentJson } from './content-json-file.ts';

export const SYNONYMS_FILE = 'synonyms.json';

export function readSynonyms(): SynonymGroup[] {
  return readContentJson(SYNONYMS_FILE, SynonymsFileSchema) ?? [];
}

// Endings stripped so "invoices", "invoicing" and "invoiced" use the term "invoice", as Pagefind's own stemming would
// find them; never below 3 letters, where an ending is more likely part of the word ("use", "fee").
const ENDINGS = ['ing', 'ed', 'es', 's', 'e'];

function stem(word: string): string {
  const ending = ENDINGS.find((e) => word.endsWith(e) && word.length - e.length >= 3);
  return ending ? word.slice(0, -ending.length) : word;
}

const stems = (text: string): string[] =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(stem);

/** The terms a page does not use itself but a reader may search for it by: the others of each group it uses a term of. */
export function synonymsFor(text: string, groups: readonly SynonymGroup[]): string[] {
  const words = stems(text);
  const present = new Set(words);
  // Spaces on both sides, so a term matches whole words only ("bill" is not found in "rebill").
  const joined = ` ${words.join(' ')} `;
  const uses = (term: string): boolean => {
    const termStems = stems(term);
    // Looking the first word up first keeps a long list of groups cheap on a long page.
    return termStems.length > 0 && present.has(termStems[0]!) && joined.includes(` ${termStems.join(' ')} `);
  };
  const found = new Set<string>();
  for (const group of groups) {
    const used = group.map(uses);
    if (!used.includes(true)) continue;
    group.forEach((term, i) => {
      if (!used[i]) found.add(term);
    });
  }
  return [...found];
}
