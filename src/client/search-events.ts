/** The search UI announces settled searches and opened results as DOM events; the tracker listens. */
import type { TolerantOutcome } from './typo-tolerant-search.ts';

export interface SearchSettledDetail {
  /** The query as typed, and what it found. */
  query: string;
  results: number;
  /** The query searched instead when a word was misspelt, and what it found: the results the reader saw. */
  corrected?: { query: string; results: number };
}
export interface SearchClickDetail {
  query: string;
  article: string;
  position: number;
}

export const SEARCH_SETTLED = 'kb:search-settled';
export const SEARCH_CLICK = 'kb:search-click';

/** The events API's longest query: a correction can be a letter or two longer than the query typed. */
const MAX_QUERY = 200;

/** Announces what a search settled on: the query as typed, and its correction when the results shown were those. */
export function announceSettled(outcome: TolerantOutcome): void {
  const detail: SearchSettledDetail = {
    query: outcome.query.slice(0, MAX_QUERY),
    results: outcome.correction?.typedTotal ?? outcome.total,
  };
  if (outcome.correction) detail.corrected = { query: outcome.correction.query.slice(0, MAX_QUERY), results: outcome.total };
  document.dispatchEvent(new CustomEvent<SearchSettledDetail>(SEARCH_SETTLED, { detail }));
}

export function announceClick(detail: SearchClickDetail): void {
  document.dispatchEvent(new CustomEvent<SearchClickDetail>(SEARCH_CLICK, { detail }));
}
