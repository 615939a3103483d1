/**
 * Search-as-you-type combobox: results while typing, arrow keys to move, Enter to open, Escape to close.
 * A search is "settled" after a pause, on Enter, or when a result is opened (never per keystroke).
 */
import { preload, warmUp } from './search-engine.ts';
import type { TolerantOutcome } from './typo-tolerant-search.ts';
import { announceClick, announceSettled } from './search-events.ts';
import { escapeHtml } from './escape-html.ts';
import { recommendedLabel } from './pinned-results.ts';

const TYPE_DEBOUNCE_MS = 120;
const SETTLE_MS = 800;
const LIMIT = 8;
/** The typo correction: fetched when the box is first focused, with Pagefind, not with every page. */
const typoCorrection = () => import('./typo-tolerant-search.ts');

function initSearchBox(form: HTMLFormElement, contactUrl: string): void {
  const input = form.querySelector<HTMLInputElement>('input[type="search"]')!;
  const popup = form.querySelector<HTMLElement>('[data-search-popup]')!;
  const listbox = form.querySelector<HTMLElement>('[role="listbox"]')!;
  const footer = form.querySelector<HTMLElement>('[data-search-footer]')!;
  const status = form.querySelector<HTMLElement>('[data-search-status]')!;
  const notice = form.querySelector<HTMLElement>('[data-search-correction]')!;
  let latest: TolerantOutcome | undefined;
  let active = -1;
  let typeTimer: ReturnType<typeof setTimeout> | undefined;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let settledQuery = '';
  let generation = 0;

  const options = () => [...listbox.querySelectorAll<HTMLAnchorElement>('[role="option"]')];

  function open(show: boolean): void {
    popup.hidden = !show;
    input.setAttribute('aria-expanded', String(show));
    if (!show) setActive(-1);
  }

  function setActive(index: number): void {
    const opts = options();
    active = opts.length ? (index + opts.length) % opts.length : -1;
    if (index === -1) active = -1;
    opts.forEach((o, i) => o.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', opts[active]!.id);
      opts[active]!.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function settle(): void {
    clearTimeout(settleTimer);
    if (latest && latest.query && latest.query !== settledQuery) {
      settledQuery = latest.query;
      announceSettled(latest);
    }
  }

  function render(outcome: TolerantOutcome, correctionLine: string): void {
    latest = outcome;
    notice.innerHTML = correctionLine;
    notice.hidden = !correctionLine;
    const q = escapeHtml(outcome.query);
    listbox.innerHTML = outcome.hits
      .map(
        (h, i) =>
          `<a role="option" id="${form.id}-opt-${i}" class="search-result" href="${escapeHtml(h.url)}" aria-selected="false" data-position="${i + 1}" data-slug="${escapeHtml(h.slug ?? '')}">` +
          `<span class="crumb">${escapeHtml(h.category)}${recommendedLabel(h)}</span><span class="title">${escapeHtml(h.title)}</span>` +
          `<span class="excerpt">${h.excerpt}</span></a>`,
      )
      .join('');
    footer.innerHTML = outcome.total
      ? `<a href="/search/?q=${encodeURIComponent(outcome.query)}">${outcome.total === 1 ? 'Open the results page' : `See all ${outcome.total} results`}</a>`
      : `No articles match “${q}”. Try other words, or <a href="${escapeHtml(contactUrl)}" data-contact-support>contact support</a>.`;
    footer.className = outcome.total ? 'search-more' : 'search-empty';
    status.textContent = outcome.total ? `${outcome.total} result${outcome.total === 1 ? '' : 's'}` : 'No results';
    if (outcome.correction) status.textContent = `Showing results for ${outcome.correction.query}: ${status.textContent}`;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    open(true);
  }

  async function run(): Promise<void> {
    const query = input.value.trim();
    const mine = ++generation;
    if (!query) {
      latest = undefined;
      open(false);
      return;
    }
    try {
      const { correctionNotice, tolerantSearch } = await typoCorrection();
      const outcome = await tolerantSearch(query, LIMIT);
      const line = outcome.correction ? correctionNotice(outcome.correction, outcome.query) : '';
      if (mine === generation) render(outcome, line); // a slower earlier query must not overwrite a newer one
    } catch {
      if (mine === generation) {
        footer.textContent = 'Search is unavailable right now. Press Enter to search on the results page.';
        footer.className = 'search-empty';
        listbox.innerHTML = '';
        notice.hidden = true;
        open(true);
      }
    }
  }

  function openResult(link: HTMLAnchorElement): void {
    settle();
    if (latest && link.dataset.slug) {
      announceClick({ query: latest.query, article: link.dataset.slug, position: Number(link.dataset.position) });
    }
  }

  input.addEventListener('focus', warmUp, { once: true });
  input.addEventListener('focus', () => void typoCorrection().catch(() => undefined), { once: true });
  input.addEventListener('input', () => {
    preload(input.value);
    clearTimeout(typeTimer);
    clearTimeout(settleTimer);
    typeTimer = setTimeout(() => {
      void run().then(() => {
        settleTimer = setTimeout(settle, SETTLE_MS - TYPE_DEBOUNCE_MS);
      });
    }, TYPE_DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    const opts = options();
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (popup.hidden && latest) open(true);
      if (!opts.length) return;
      e.preventDefault();
      setActive(active === -1 ? (e.key === 'ArrowDown' ? 0 : opts.length - 1) : active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Escape') {
      if (!popup.hidden) {
        e.preventDefault();
        open(false);
      } else input.value = '';
    } else if (e.key === 'Enter' && active >= 0 && opts[active]) {
      e.preventDefault();
      openResult(opts[active]!);
      location.assign(opts[active]!.href);
    }
  });
  // Enter without a highlighted result: the full results page (works without JavaScript too).
  form.addEventListener('submit', () => settle());
  listbox.addEventListener('click', (e) => {
    const link = (e.target as Element).closest<HTMLAnchorElement>('[role="option"]');
    if (link) openResult(link);
  });
  form.addEventListener('focusout', (e) => {
    if (!form.contains(e.relatedTarget as Node | null)) {
      settle();
      open(false);
    }
  });
}

export function initSearchBoxes(): void {
  const contactUrl = document.querySelector<HTMLElement>('[data-contact-url]')?.dataset.contactUrl ?? '/';
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-search-box]')) initSearchBox(form, contactUrl);
  // "/" jumps to the header search from anywhere except a text field.
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement;
    if (t.closest('input, textarea, select, [contenteditable="true"]')) return;
    const target = document.querySelector<HTMLInputElement>('form[data-search-box][data-shortcut] input');
    if (target) {
      e.preventDefault();
      target.focus();
      target.select();
    }
  });
}
