/**
 * Contact links that carry the reader's help-desk reference, so a ticket opened from them in any way (click,
 * middle-click, a copied address) can be joined to what the reader read.
 */

/** Where a contact URL wants the reference (e.g. inside a mailto subject); otherwise it is added as a parameter. */
const PLACEHOLDER = /\{lantern_ref\}|%7Blantern_ref%7D/gi;

/** The contact address with `ref` in it: in the placeholder, in a mailto subject, or as the query parameter `param`. */
export function withTicketRef(href: string, ref: string, param: string, base: string): string {
  const placed = href.replace(PLACEHOLDER, ref);
  if (placed !== href) return placed;
  if (/^mailto:/i.test(href)) {
    const [address, query = ''] = href.split('?', 2) as [string, string?];
    const fields = new URLSearchParams(query);
    const subject = fields.get('subject');
    fields.set('subject', subject ? `${subject} (ref ${ref})` : `Help request (ref ${ref})`);
    // mailto wants %20 for spaces: URLSearchParams writes "+", which mail clients keep as a plus sign.
    return `${address}?${fields.toString().replace(/\+/g, '%20')}`;
  }
  const url = new URL(href, base);
  url.searchParams.set(param, ref);
  return url.href;
}

/** Puts `ref` into every contact link on the page, from each link's address as the page was built. */
export function decorateContactLinks(ref: string, param: string): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-contact-support]')) {
    link.dataset.contactHref ??= link.getAttribute('href') ?? '';
    link.href = withTicketRef(link.dataset.contactHref, ref, param, location.href);
  }
}
