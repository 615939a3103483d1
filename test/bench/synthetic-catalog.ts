/**
 * A seeded catalog of 2,000 synthetic articles and tutorials for benchmarks: slugs, categories, quality, queries,
 * edits.
 */
import { REASONS } from '../../src/domain/event-kinds.ts';
import type { Manifest, ManifestEntry, SearchTerm } from '../../src/schemas/manifest.ts';

export const DAY_MS = 86_400_000;
export const SYNTHETIC_DEFAULTS = { days: 365, end: '2026-12-31', seed: 20_261_231, articles: 2000, tutorials: 40 };

const VERBS =
  'set-up reset change connect export import invite remove configure troubleshoot enable disable update share schedule archive restore customize migrate verify'.split(
    ' ',
  );
const NOUNS = (
  'password two-factor-login single-sign-on invoice payment-method subscription billing-address tax-id refund team-member user-role permission ' +
  'workspace project dashboard report chart filter export-file csv-import api-key webhook integration slack-alerts email-notifications mobile-app ' +
  'push-notification calendar-sync data-sync backup audit-log custom-field template tag label comment attachment file-upload storage-limit domain ' +
  'email-address profile avatar language time-zone currency plan trial discount-code receipt usage-limit rate-limit sandbox oauth-app ip-allowlist ' +
  'session-timeout data-retention gdpr-request account organization guest-access shared-link folder saved-view kanban-board timeline automation rule ' +
  'trigger form survey widget embed theme logo custom-domain redirect search-index saved-search alert reminder task milestone goal invoice-template ' +
  'purchase-order vendor contract approval signature document spreadsheet printer scanner desktop-app browser-extension offline-mode dark-mode ' +
  'keyboard-shortcut accessibility-settings sso-provider'
).split(' ');
const CATEGORIES = [
  'getting-started',
  'account',
  'billing',
  'integrations',
  'reporting',
  'mobile',
  'security',
  'admin',
  'api',
  'troubleshooting',
  'data',
  'notifications',
];
const AREAS = ['onboarding', 'auth', 'billing', 'sync', 'dashboards', 'mobile-app', 'permissions', 'api', 'exports', 'notifications'];
/** The product area most of a category's articles are about (troubleshooting spans them all). */
const AREA_OF = [0, 1, 2, 3, 4, 5, 1, 6, 7, -1, 8, 9];
/** Topics the help center lacks: these searches find nothing. */
const MISSING =
  'refund policy|cancel my account|soc 2 report|hipaa|linux app|okta scim|nonprofit pricing|zapier|delete my data|white label|on premise|invoice in euros'.split(
    '|',
  );
/** mulberry32: tiny and fast; integer-only, so every machine draws the same numbers. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the seeded generator: the same order on every engine (a random sort comparator is not). */
function shuffle<T>(list: T[], r: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

export interface SyntheticArticle {
  slug: string;
  entry: ManifestEntry;
  category: number;
  /** Chance that a vote is up; improved by the edit for edited articles. */
  quality: number;
  /** Chance that a session contacts support after reading it. */
  escalation: number;
  /** Cumulative weights over REASONS. */
  reasons: number[];
  /** How readers search for it; searches for the bare noun are shared by every article about it. */
  queries: string[];
  /** Day index from which revision 2 (`entry.revision`) is served, or null when never edited. */
  editedOn: number | null;
  firstRevision: string;
  /** For a tutorial, the step after which many readers give up (0: none). */
  hardStep: number;
}

export interface SyntheticCatalog {
  articles: SyntheticArticle[];
  manifest: Manifest['articles'];
  byCategory: SyntheticArticle[][];
  /** Cumulative Zipf popularity over `articles`. */
  popularity: Float64Array;
  /** Articles of the product area whose traffic rises over the last weeks (a product-friction signal to find). */
  rising: SyntheticArticle[];
  /** Searches for topics the help center lacks: zero results. */
  zeroQueries: string[];
}

export function syntheticCatalog(seed = SYNTHETIC_DEFAULTS.seed, options = SYNTHETIC_DEFAULTS): SyntheticCatalog {
  const r = seeded(seed ^ 0x5eed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const combos = shuffle(
    VERBS.flatMap((v) => NOUNS.map((n) => [v, n] as const)),
    r,
  );
  const words = (s: string) => s.replaceAll('-', ' ');
  const endMs = Date.parse(`${options.end}T00:00:00Z`);
  const articles: SyntheticArticle[] = [];
  for (let i = 0; i < options.articles; i++) {
    const tutorial = i < options.tutorials;
    const [verb, noun] = tutorial ? (['getting-started-with', NOUNS[i * 2]!] as const) : combos[i]!;
    const slug = `${verb}-${noun}`;
    const category = tutorial ? 0 : Math.floor(r() * CATEGORIES.length);
    const area = AREA_OF[category]! < 0 || r() < 0.15 ? Math.floor(r() * AREAS.length) : AREA_OF[category]!;
    const edited = r() < 0.12 ? 30 + Math.floor(r() * (options.days - 60)) : null;
    const reviewed = r() < 0.1 ? null : new Date(endMs - Math.floor(r() * 700) * DAY_MS).toISOString().slice(0, 10);
    const troubled = r() < 0.04;
    const reasonWeights = REASONS.map((_, k) => (k === 3 && area === 8 ? 3 : 1) * (0.3 + r()));
    const title = words(slug).replace(/^./, (c) => c.toUpperCase());
    const entry: ManifestEntry = {
      kind: tutorial ? 'tutorial' : 'article',
      title,
      url: `/${tutorial ? 'tutorials' : 'articles'}/${slug}/`,
      file: `content/${tutorial ? 'tutorials' : `articles/${CATEGORIES[category]}`}/${slug}.md`,
      revision: `${((i * 2654435761) >>> 0).toString(16)}-${edited === null ? 1 : 2}`,
      category: CATEGORIES[category]!,
      product_area: r() < 0.15 ? null : AREAS[area]!,
      type: tutorial ? 'how-to' : pick(['how-to', 'how-to', 'troubleshooting', 'faq', 'reference']),
      lang: 'en',
      steps: tutorial ? 3 + Math.floor(r() * 7) : null,
      reviewed,
      has_description: r() < 0.92,
      owner: null,
    };
    const queries = [`${words(verb)} ${words(noun)}`, `how to ${words(verb)} ${words(noun)}`, `${words(noun)} ${words(verb)}`, words(noun)];
    const sum = reasonWeights.reduce((a, b) => a + b, 0);
    let acc = 0;
    articles.push({
      slug,
      entry,
      category,
      quality: troubled ? 0.3 + 0.2 * r() : 0.62 + 0.33 * r(),
      escalation: troubled ? 0.15 + 0.15 * r() : 0.01 + 0.07 * r(),
      reasons: reasonWeights.map((w) => (acc += w / sum)),
      queries,
      editedOn: edited,
      firstRevision: `${((i * 2654435761) >>> 0).toString(16)}-1`,
      hardStep: tutorial && i % 3 === 0 ? 1 + (i % (entry.steps! - 1)) : 0,
    });
  }
  // Zipf popularity over a shuffled order, so popular articles are spread across categories.
  const order = shuffle(
    articles.map((_, i) => i),
    r,
  );
  const popularity = new Float64Array(articles.length);
  let total = 0;
  order.forEach((index, rank) => (popularity[index] = 1 / (rank + 2) ** 0.9));
  for (let i = 0; i < popularity.length; i++) popularity[i] = total += popularity[i]!;
  for (let i = 0; i < popularity.length; i++) popularity[i]! /= total;
  const byCategory = CATEGORIES.map((_, c) => articles.filter((a) => a.category === c));
  return {
    articles,
    manifest: Object.fromEntries(articles.map((a) => [a.slug, a.entry])),
    byCategory,
    popularity,
    rising: articles.filter((a) => a.entry.product_area === 'exports'),
    zeroQueries: [
      ...MISSING,
      ...NOUNS.slice(0, 40).flatMap((n) => ['not loading', 'on linux', 'in excel', 'error 500'].map((s) => `${words(n)} ${s}`)),
    ],
  };
}

/**
 * The build's search terms as the reports benchmark's server would have seen them: every title from the first day, and
 * a synonym of each noun the zero-result queries use from half-way, so the search report works out each gap's zero-result
 * rate before and since.
 */
export function syntheticSearchTerms(catalog: SyntheticCatalog, options = SYNTHETIC_DEFAULTS): { day: string; terms: SearchTerm[] }[] {
  const last = Date.parse(`${options.end}T00:00:00Z`);
  const day = (daysBefore: number) => new Date(last - daysBefore * 86_400_000).toISOString().slice(0, 10);
  return [
    { day: day(options.days - 1), terms: catalog.articles.map((a) => ({ kind: 'title', text: a.entry.title, article: a.slug })) },
    {
      day: day(Math.floor(options.days / 2)),
      terms: NOUNS.slice(0, 40).map((n) => ({ kind: 'synonym', text: n.replaceAll('-', ' '), article: null })),
    },
  ];
}
