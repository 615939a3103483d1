/** Pagefind, loaded on first use, with one index per language: a query in Chinese or Russian searches that language. */
import { SEARCH_RANKING } from './search-ranking.ts';
import { applyPins, loadPins } from './pinned-results.ts';

export interface Hit {
  url: string;
  slug: string | null;
  title: string;
  excerpt: string; // Pagefind's excerpt: escaped text with <mark> around matches
  category: string;
  type: string;
  /** A pinned answer (content/pins.json), shown first and marked "Recommended". */
  pinned?: boolean;
}
export interface SearchOutcome {
  query: string;
  total: number;
  hits: Hit[];
}
export type Filters = Record<string, string>;

interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: Record<string, string | undefined> }>;
}
interface PagefindInstance {
  search(term: string, options?: { filters?: Filters }): Promise<{ results: PagefindResult[] } | null>;
  preload?(term: string): Promise<void>;
  filters?(): Promise<Record<string, Record<string, number>>>;
}
interface PagefindModule {
  createInstance(options: { basePath: string; ranking?: typeof SEARCH_RANKING }): PagefindInstance;
}

const BASE = '/pagefind/';
const SCRIPTS: [RegExp, string][] = [
  [/[\u3040-\u30ff]/, 'ja'],
  [/[\u3400-\u9fff]/, 'zh'],
  [/[\uac00-\ud7af]/, 'ko'],
  [/[\u0400-\u04ff]/, 'ru'],
  [/[\u0590-\u05ff]/, 'he'],
  [/[\u0600-\u06ff]/, 'ar'],
];

let modulePromise: Promise<PagefindModule> | undefined;
let languagesPromise: Promise<string[]> | undefined;
const instances = new Map<string, PagefindInstance>();

function loadModule(): Promise<PagefindModule> {
  const url = `${BASE}pagefind.js`;
  modulePromise ??= import(/* @vite-ignore */ url) as Promise<PagefindModule>;
  return modulePromise;
}

function loadLanguages(): Promise<string[]> {
  languagesPromise ??= fetch(`${BASE}pagefind-entry.json`)
    .then((r) => r.json() as Promise<{ languages: Record<string, unknown> }>)
    .then((entry) => Object.keys(entry.languages))
    .catch(() => []);
  return languagesPromise;
}

/** The index to search: the query's script decides when it is not the page's language. */
export async function languageFor(query: string): Promise<string> {
  const page = document.documentElement.lang.toLowerCase() || 'en';
  const available = await loadLanguages();
  const byScript = SCRIPTS.find(([re]) => re.test(query))?.[1];
  const pick = [byScript, page, page.split('-')[0]].find((l) => l && available.includes(l));
  return pick ?? page;
}

async function instanceFor(language: string): Promise<PagefindInstance> {
  const existing = instances.get(language);
  if (existing) return existing;
  const mod = await loadModule();
  // Pagefind picks its index from <html lang>; borrow the attribute while the instance is created.
  const html = document.documentElement;
  const lang = html.getAttribute('lang');
  html.setAttribute('lang', language);
  try {
    const instance = mod.createInstance({ basePath: BASE, ranking: SEARCH_RANKING });
    instances.set(language, instance);
    return instance;
  } finally {
    if (lang === null) html.removeAttribute('lang');
    else html.setAttribute('lang', lang);
  }
}

/** Starts downloading Pagefind (e.g. when the search box gets focus) so the first query is fast. */
export function warmUp(): void {
  void loadModule().catch(() => undefined);
  void loadLanguages();
  void loadPins();
}

/** Shortest word loaded ahead: a shorter prefix matches words spread over many index chunks. */
const PRELOAD_MIN_LETTERS = 3;

/**
 * English words nearly every article holds. Pagefind matches pages holding every word searched, so these narrow
 * nothing, yet each is fetched as its own index chunk, among the largest there are (the word "in" alone, 584 KB at
 * 10,000 articles): a search leaves them out unless they are all it has, or the query quotes a phrase.
 */
const STOP_WORDS = new Set(
  'a an and are as at be by can do does for from how i in is my of on or the this to what when where why with you your'.split(' '),
);

/** The words of `query` Pagefind is asked for: all of them, less the English stop words where anything else is left. */
export function searchTerm(query: string, language: string): string {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (!language.startsWith('en') || query.includes('"')) return words.join(' ');
  const kept = words.filter((word) => !STOP_WORDS.has(word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')));
  return (kept.length ? kept : words).join(' ');
}

/**
 * Loads the index chunks of the words typed so far while the reader is still typing, so that the search after the
 * pause finds them ready (a word's prefixes mostly sit in the chunk of the word). A failure is the search's to report.
 */
export function preload(query: string): void {
  void languageFor(query)
    .then(async (language) => {
      const term = searchTerm(query, language)
        .split(' ')
        .filter((word) => word.length >= PRELOAD_MIN_LETTERS)
        .join(' ');
      if (term) await (await instanceFor(language)).preload?.(term);
    })
    .catch(() => undefined);
}

export function slugOf(url: string): string | null {
  return /\/(?:articles|tutorials)\/([^/]+)\/?$/.exec(new URL(url, location.origin).pathname)?.[1] ?? null;
}

export async function search(query: string, limit: number, filters: Filters = {}): Promise<SearchOutcome> {
  const q = query.trim();
  if (!q) return { query: q, total: 0, hits: [] };
  void loadPins(); // fetched while Pagefind searches, the first time
  const language = await languageFor(q);
  const found = await (await instanceFor(language)).search(searchTerm(q, language), { filters });
  const results = found?.results ?? [];
  const hits = await Promise.all(
    results.slice(0, limit).map(async (r) => {
      const d = await r.data();
      return {
        url: d.url,
        slug: slugOf(d.url),
        title: d.meta.title ?? d.url,
        excerpt: d.excerpt,
        category: d.meta.category ?? '',
        type: d.meta.type ?? '',
      };
    }),
  );
  return applyPins({ query: q, total: results.length, hits }, limit, filters);
}
