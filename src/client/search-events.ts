/** The search UI announces settled searches and opened results as DOM events; the tracker listens. */

export interface SearchSettledDetail {
  query: string;
  results: number;
}
export interface SearchClickDetail {
  query: string;
  article: string;
  position: number;
}

export const SEARCH_SETTLED = 'kb:search-settled';
export const SEARCH_CLICK = 'kb:search-click';

export function announceSettled(detail: SearchSettledDetail): void {
  document.dispatchEvent(new CustomEvent<SearchSettledDetail>(SEARCH_SETTLED, { detail }));
}

export function announceClick(detail: SearchClickDetail): void {
  document.dispatchEvent(new CustomEvent<SearchClickDetail>(SEARCH_CLICK, { detail }));
}
