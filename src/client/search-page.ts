/** The results page: reads ?q=, &category= and &type= so a search can be shared, and lists every match. */
import { search, type Filters } from './search-engine.ts';
import { correctionNotice, tolerantSearch, VERBATIM_PARAM, type TolerantOutcome } from './typo-tolerant-search.ts';
import { announceClick, announceSettled } from './search-events.ts';
import { escapeHtml } from './escape-html.ts';
import { recommendedLabel } from './pinned-results.ts';

export function initSearchPage(): void {
  const form = document.querySelector<HTMLFormElement>('[data-search-page]');
  if (!form) return;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const category = form.querySelector<HTMLSelectElement>('select[name="category"]')!;
  const type = form.querySelector<HTMLSelectElement>('select[name="type"]')!;
  const summary = document.querySelector<HTMLElement>('[data-search-summary]')!;
  const list = document.querySelector<HTMLOListElement>('[data-search-list]')!;
  const notice = document.querySelector<HTMLElement>('[data-search-page-correction]')!;
  const contactUrl = document.body.dataset.contactUrl ?? '/';

  async function run(): Promise<void> {
    const params = new URLSearchParams(location.search);
    const q = (params.get('q') ?? '').trim();
    input.value = q;
    category.value = params.get('category') ?? '';
    type.value = params.get('type') ?? '';
    notice.hidden = true;
    if (!q) {
      summary.textContent = 'Type what you are looking for.';
      list.innerHTML = '';
      return;
    }
    const filters: Filters = {};
    if (category.value) filters.category = category.value;
    if (type.value) filters.type = type.value;
    summary.textContent = 'Searching…';
    try {
      // "Search instead for" links here with the words as typed, to be searched without correction.
      const outcome: TolerantOutcome =
        params.get(VERBATIM_PARAM) === '1' ? await search(q, 50, filters) : await tolerantSearch(q, 50, filters);
      announceSettled(outcome);
      notice.innerHTML = outcome.correction ? correctionNotice(outcome.correction, q, filters) : '';
      notice.hidden = !outcome.correction;
      document.title = `${q} · Search`;
      summary.innerHTML = outcome.total
        ? `${outcome.total} result${outcome.total === 1 ? '' : 's'} for “${escapeHtml(outcome.correction?.query ?? q)}”`
        : `No articles match “${escapeHtml(q)}”. Try fewer or other words, or <a href="${escapeHtml(contactUrl)}" data-contact-support>contact support</a>.`;
      list.innerHTML = outcome.hits
        .map(
          (h, i) =>
            `<li><a href="${escapeHtml(h.url)}" data-position="${i + 1}" data-slug="${escapeHtml(h.slug ?? '')}">${recommendedLabel(h)}${escapeHtml(h.title)}</a>` +
            `<p class="muted">${escapeHtml(h.category)}</p><p>${h.excerpt}</p></li>`,
        )
        .join('');
      list.onclick = (e) => {
        const a = (e.target as Element).closest<HTMLAnchorElement>('a[data-position]');
        if (a?.dataset.slug) announceClick({ query: q, article: a.dataset.slug, position: Number(a.dataset.position) });
      };
    } catch {
      summary.textContent = 'Search is unavailable right now. Please try again in a moment.';
    }
  }
  void run();
}
