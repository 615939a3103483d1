/**
 * Pinned answers (content/pins.json): the pages writers chose for given queries, loaded once when the search is first
 * used, shown first and marked "Recommended", and not repeated among the other results.
 */
import type { PinnedAnswer, SearchPins } from '../schemas/search-config.ts';
import { normalizeQuery } from '../domain/normalize-query.ts';
import { queryGroupKey } from '../domain/query-group-key.ts';
import { escapeHtml } from './escape-html.ts';
import { fetchOnce } from './fetch-once.ts';
import type { Filters, Hit, SearchOutcome } from './search-engine.ts';

const PINS_URL = '/search-pins.json';
const PINS_TIMEOUT_MS = 2000;

const loaded = new Map<string, Promise<PinnedAnswer[]>>();
const readPins = (body: unknown): PinnedAnswer[] => {
  const pins = (body as Partial<SearchPins> | null)?.pins;
  return Array.isArray(pins) ? pins : [];
};

/**
 * The pins file, fetched once per page. One that does not come within the time a reader waits for results is given up
 * on: results come without it.
 */
export function loadPins(): Promise<PinnedAnswer[]> {
  return fetchOnce(loaded, PINS_URL, readPins, [], PINS_TIMEOUT_MS);
}

/**
 * The pins for `query`: a pin's query matches when it is the same once normalized as the reports count queries, or a
 * near-duplicate by the reports' grouping ("Refunds" and "refund", "how do I get a refund" and "get refund"). Pins
 * outside the category or type filtered on are left out: the reader asked for those only.
 */
export function pinnedFor(query: string, pins: readonly PinnedAnswer[], filters: Filters = {}): PinnedAnswer[] {
  const normalized = normalizeQuery(query);
  if (!normalized) return [];
  const key = queryGroupKey(normalized);
  const matches = (q: string) => normalizeQuery(q) === normalized || queryGroupKey(normalizeQuery(q)) === key;
  const seen = new Set<string>();
  return pins.filter((pin) => {
    if (seen.has(pin.url) || !pin.queries.some(matches)) return false;
    if ((filters.category && filters.category !== pin.category) || (filters.type && filters.type !== pin.type)) return false;
    seen.add(pin.url);
    return true;
  });
}

const pinnedHit = (pin: PinnedAnswer): Hit => ({
  url: pin.url,
  slug: pin.slug,
  title: pin.title,
  // Hits carry Pagefind's excerpt, which is HTML; the description is text.
  excerpt: escapeHtml(pin.description),
  category: pin.category,
  type: pin.type,
  pinned: true,
});

/**
 * `outcome` with the pinned pages first and taken out of the rest. The total counts a pinned page Pagefind did not list
 * among the hits loaded once more (a pinned page it found past them is counted twice: its address is not known there).
 */
export function withPinned(outcome: SearchOutcome, pinned: readonly PinnedAnswer[], limit: number): SearchOutcome {
  if (pinned.length === 0) return outcome;
  const slugs = new Set(pinned.map((p) => p.slug));
  const urls = new Set(pinned.map((p) => p.url));
  const rest = outcome.hits.filter((h) => !urls.has(h.url) && !(h.slug !== null && slugs.has(h.slug)));
  const added = pinned.length - (outcome.hits.length - rest.length);
  return { ...outcome, total: outcome.total + added, hits: [...pinned.map(pinnedHit), ...rest].slice(0, limit) };
}

/** Puts the pins for the outcome's query in front of its results (see withPinned). */
export async function applyPins(outcome: SearchOutcome, limit: number, filters: Filters = {}): Promise<SearchOutcome> {
  return withPinned(outcome, pinnedFor(outcome.query, await loadPins(), filters), limit);
}

/** The visible "Recommended" label of a pinned result, inside its link so it is part of the link's accessible name. */
export const recommendedLabel = (hit: Hit): string =>
  hit.pinned ? ' <span class="badge badge-success search-recommended">Recommended</span> ' : '';
