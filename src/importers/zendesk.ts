/**
 * Zendesk Guide: categories become Lantern's categories, sections (nested through parent_section_id) their subfolders,
 * and links to `/hc/<locale>/articles/<id>-…` on the help center's hosts point at the imported article.
 */
import { ZendeskExportSchema, type ZendeskCategory } from '../schemas/zendesk-export.ts';
import { hostsOf, parseExport, type HelpCenterSource, type ImportedFolder, type LinkTarget } from './help-center-source.ts';

// The locale segment is optional: Zendesk answers /hc/articles/<id> with the visitor's language.
const HC_PATH = /^\/hc\/(?:[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*\/)?(articles|sections|categories)\/(\d+)(?:-[^/]*)?\/?$/;

// Category and section ids are separate sequences in the API, so folder keys say which one they are.
const categoryKey = (id: number) => `category-${id}`;
const sectionKey = (id: number) => `section-${id}`;

const byPosition = <T extends Pick<ZendeskCategory, 'position'>>(items: T[]): T[] =>
  items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (a.item.position ?? 0) - (b.item.position ?? 0) || a.index - b.index)
    .map((e) => e.item);

const nonEmpty = (text: string | null | undefined) => (text?.trim() ? text.trim() : undefined);

export const zendeskSource: HelpCenterSource = {
  name: 'Zendesk',
  read(raw) {
    const data = parseExport(ZendeskExportSchema, raw);
    const folders: ImportedFolder[] = [
      ...byPosition(data.categories).map((c) => ({
        key: categoryKey(c.id),
        id: String(c.id),
        title: c.name,
        description: nonEmpty(c.description),
        parentKey: null,
      })),
      ...byPosition(data.sections).map((s) => ({
        key: sectionKey(s.id),
        id: String(s.id),
        title: s.name,
        description: nonEmpty(s.description),
        parentKey: s.parent_section_id ? sectionKey(s.parent_section_id) : categoryKey(s.category_id),
      })),
    ];
    const hosts = hostsOf([...data.categories, ...data.sections, ...data.articles].map((item) => item.html_url));

    return {
      folders,
      articles: data.articles.map((a) => ({
        key: String(a.id),
        title: a.title,
        description: undefined,
        html: a.body ?? '',
        folderKey: sectionKey(a.section_id),
        tags: a.label_names,
        updated: new Date(a.updated_at),
        draft: a.draft,
        url: new URL(a.html_url),
        locale: a.locale,
      })),
      linkTarget(url): LinkTarget | undefined {
        const match = hosts.has(url.host) ? HC_PATH.exec(url.pathname) : null;
        if (!match) return undefined;
        const [, kind, id] = match;
        if (kind === 'articles') return { article: id! };
        return { folder: kind === 'sections' ? sectionKey(Number(id)) : categoryKey(Number(id)) };
      },
    };
  },
};
