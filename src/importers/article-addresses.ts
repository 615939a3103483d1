/**
 * The addresses in one imported article: links to the export's own articles and folders point at their new pages,
 * other relative addresses become absolute ones on the old help center (the new site does not have those paths), and
 * every image is noted, because it stays on a host the new site does not control.
 */
import type { ImportedArticle, ImportedHelpCenter } from './help-center-source.ts';

export interface ImportedPage {
  slug: string;
  title: string;
  draft: boolean;
}

export interface AddressBook {
  center: ImportedHelpCenter;
  /** Every article of the export by key, drafts too. */
  pages: ReadonlyMap<string, ImportedPage>;
  /** The category id a folder's articles fall in, by folder key. */
  categoryOf: ReadonlyMap<string, string>;
}

// Warnings quote addresses; a data: URL can be megabytes long.
const shown = (url: string) => (url.length > 120 ? `${url.slice(0, 117)}…` : url);
const SCHEME = /^[a-z][a-z\d+.-]*:/i;

/** The address resolved against the article's old address; undefined for `#anchors` and what cannot be resolved. */
function resolve(href: string, base: URL | undefined): URL | undefined {
  if (href.startsWith('#')) return undefined;
  try {
    return new URL(href, base);
  } catch {
    return undefined;
  }
}

export function articleAddresses(article: ImportedArticle, book: AddressBook, warn: (message: string) => void) {
  const absolute = (href: string, url: URL | undefined) => (url && !SCHEME.test(href) ? url.href : href);
  return {
    link(href: string): string {
      const url = resolve(href, article.url);
      const target = url && /^https?:$/.test(url.protocol) ? book.center.linkTarget(url) : undefined;
      if (target && 'article' in target) {
        const page = book.pages.get(target.article);
        if (!page) {
          warn(`links to an article the export does not hold, so the link still points at the old help center: ${shown(url!.href)}`);
          return url!.href;
        }
        if (page.draft) warn(`links to the draft "${page.title}", a broken link until that article is published`);
        return `/articles/${page.slug}/${url!.hash}`;
      }
      if (target && 'folder' in target) {
        const category = book.categoryOf.get(target.folder);
        if (category) return `/categories/${category}/`;
        warn(`links to a category or section the export does not hold: ${shown(url!.href)}`);
        return url!.href;
      }
      return absolute(href, url);
    },
    image(src: string): string {
      const url = resolve(src, article.url);
      const address = absolute(src, url);
      warn(`image stays on ${url?.protocol === 'data:' ? 'a data: URL' : (url?.host ?? 'an unknown host')}: ${shown(address)}`);
      return address;
    },
  };
}
