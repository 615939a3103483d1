/**
 * Intercom Articles: top-level collections become Lantern's categories, nested collections their subfolders, and links
 * to `…/articles/<id>-…` on the help center's hosts point at the imported article.
 */
import { IntercomExportSchema, issuePath, type IntercomArticle } from '../schemas/intercom-export.ts';
import { hostsOf, parseExport, type HelpCenterSource, type LinkTarget } from './help-center-source.ts';

// Custom domains serve /<locale>/articles/<id>-<slug>; intercom.help adds the workspace first: any prefix is accepted.
const HELP_PATH = /\/(articles|collections)\/(\d+)(?:-[^/]*)?\/?$/;

const collectionKey = (id: string) => `collection-${id}`;
const nonEmpty = (text: string | null | undefined) => (text?.trim() ? text.trim() : undefined);

/** The nearest collection of the export above the article; null for an article that stands alone. */
function folderOf(article: IntercomArticle, collections: ReadonlySet<string>): string | null {
  const candidates = [article.parent_id, ...[...(article.parent_ids ?? [])].reverse()];
  const known = candidates.find((id) => id && collections.has(id));
  return known ? collectionKey(known) : null;
}

export const intercomSource: HelpCenterSource = {
  name: 'Intercom',
  read(raw) {
    const data = parseExport(IntercomExportSchema, raw, (path) => issuePath(raw, path));
    const collectionIds = new Set(data.collections.map((c) => c.id));
    const ordered = data.collections
      .map((c, index) => ({ c, index }))
      .sort((a, b) => (a.c.order ?? 0) - (b.c.order ?? 0) || a.index - b.index);
    const hosts = hostsOf([...data.collections, ...data.articles].map((item) => item.url));

    return {
      folders: ordered.map(({ c }) => ({
        key: collectionKey(c.id),
        id: c.id,
        title: c.name,
        description: nonEmpty(c.description),
        parentKey: c.parent_id ? collectionKey(c.parent_id) : null,
      })),
      articles: data.articles.map((a) => ({
        key: a.id,
        title: a.title,
        description: nonEmpty(a.description),
        html: a.body ?? '',
        folderKey: folderOf(a, collectionIds),
        tags: [],
        updated: a.updated_at ? new Date(a.updated_at * 1000) : undefined,
        draft: a.state === 'draft',
        url: a.url ? new URL(a.url) : undefined,
        locale: a.default_locale ?? undefined,
      })),
      linkTarget(url): LinkTarget | undefined {
        const match = hosts.has(url.host) ? HELP_PATH.exec(url.pathname) : null;
        if (!match) return undefined;
        const [, kind, id] = match;
        return kind === 'articles' ? { article: id! } : { folder: collectionKey(id!) };
      },
    };
  },
};
